// Package flate is a stand-in for github.com/klauspost/compress/flate.
package flate

import "io"

func NewReader(r io.Reader) io.ReadCloser { return io.NopCloser(r) }
