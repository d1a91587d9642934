// Package zlib is a stand-in for github.com/klauspost/compress/zlib.
package zlib

import "io"

func NewReader(r io.Reader) (io.ReadCloser, error) { return io.NopCloser(r), nil }
