package server

import (
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

func TestInflate(t *testing.T) {
	zr, err := gzip.NewReader(strings.NewReader(t.Name()))
	if err != nil {
		t.Skip()
	}
	_, _ = io.ReadAll(zr)
}
