// Package s2 is a stand-in for github.com/klauspost/compress/s2.
package s2

import "io"

type ReaderOption func(*Reader) error

type Reader struct{ r io.Reader }

func NewReader(r io.Reader, opts ...ReaderOption) *Reader { return &Reader{r} }
func (r *Reader) Read(p []byte) (int, error)              { return r.r.Read(p) }
