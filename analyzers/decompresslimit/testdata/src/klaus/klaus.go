// Package klaus models a telemetry collector that accepts the encodings
// of github.com/klauspost/compress.
package klaus

import (
	"bytes"
	"io"
	"net/http"

	"github.com/golang/snappy"
	kgzip "github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/s2"
	ksnappy "github.com/klauspost/compress/snappy"
	"github.com/klauspost/compress/zstd"
)

const maxFrame = 16 << 20

type Collector struct{ dec *zstd.Decoder }

func (c *Collector) zstdBody(w http.ResponseWriter, r *http.Request) {
	d, err := zstd.NewReader(r.Body)
	if err != nil {
		return
	}
	defer d.Close()
	data, _ := io.ReadAll(d) // want `io\.ReadAll reads the output of zstd\.NewReader`
	_ = data
}

func (c *Collector) zstdShared(w http.ResponseWriter, r *http.Request) {
	if err := c.dec.Reset(r.Body); err != nil {
		return
	}
	var buf bytes.Buffer
	_, _ = io.Copy(&buf, c.dec.IOReadCloser()) // want `io\.Copy reads the output of a \*zstd\.Decoder`
}

func (c *Collector) s2Body(w http.ResponseWriter, r *http.Request) {
	data, _ := io.ReadAll(s2.NewReader(r.Body)) // want `reads the output of s2\.NewReader`
	_ = data
}

func (c *Collector) snappyBody(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(snappy.NewReader(r.Body)) // want `reads the output of snappy\.NewReader`
}

func (c *Collector) kgzipBody(w http.ResponseWriter, r *http.Request) {
	zr, err := kgzip.NewReader(r.Body)
	if err != nil {
		return
	}
	data, _ := io.ReadAll(zr) // want `reads the output of gzip\.NewReader`
	_ = data
}

// Negatives.

func (c *Collector) zstdLimited(w http.ResponseWriter, r *http.Request) {
	d, err := zstd.NewReader(r.Body, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return
	}
	defer d.Close()
	data, _ := io.ReadAll(io.LimitReader(d, maxFrame))
	_ = data
}

func (c *Collector) snappyLimited(w http.ResponseWriter, r *http.Request) {
	data, _ := io.ReadAll(http.MaxBytesReader(w, io.NopCloser(ksnappy.NewReader(r.Body)), maxFrame))
	_ = data
}
