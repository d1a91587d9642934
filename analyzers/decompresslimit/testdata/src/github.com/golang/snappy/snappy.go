// Package snappy is a stand-in for github.com/golang/snappy.
package snappy

import "io"

type Reader struct{ r io.Reader }

func NewReader(r io.Reader) *Reader          { return &Reader{r} }
func (r *Reader) Read(p []byte) (int, error) { return r.r.Read(p) }
