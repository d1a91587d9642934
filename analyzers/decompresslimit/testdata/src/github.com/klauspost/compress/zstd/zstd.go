// Package zstd is a stand-in for github.com/klauspost/compress/zstd.
package zstd

import "io"

type DOption func(*Decoder) error

func WithDecoderConcurrency(n int) DOption { return nil }

type Decoder struct{ r io.Reader }

func NewReader(r io.Reader, opts ...DOption) (*Decoder, error) { return &Decoder{r}, nil }
func (d *Decoder) Read(p []byte) (int, error)                  { return d.r.Read(p) }
func (d *Decoder) Reset(r io.Reader) error                     { d.r = r; return nil }
func (d *Decoder) IOReadCloser() io.ReadCloser                 { return io.NopCloser(d) }
func (d *Decoder) Close()                                      {}
