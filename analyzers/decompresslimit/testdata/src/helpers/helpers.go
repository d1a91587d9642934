// Package helpers models a gateway whose body handling lives in small
// helpers of the same package.
package helpers

import (
	"bufio"
	"compress/gzip"
	"compress/zlib"
	"encoding/json"
	"io"
	"net/http"
)

const maxInflated = 4 << 20

type Gateway struct {
	readings []json.RawMessage
	pending  []io.Reader
}

// openBody returns the body, inflated when the device says so.
func openBody(r *http.Request) (io.ReadCloser, error) {
	if r.Header.Get("Content-Encoding") == "gzip" {
		return gzip.NewReader(r.Body)
	}
	return r.Body, nil
}

// inflate names its result.
func inflate(r io.Reader) (rc io.ReadCloser, err error) {
	rc, err = zlib.NewReader(r)
	return
}

// readAll reads whatever it is given.
func readAll(r io.Reader) ([]byte, error) {
	return io.ReadAll(r)
}

// decodeInto decodes through another helper.
func decodeInto(r io.Reader, v any) error {
	data, err := readAll(r)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, v)
}

// limited wraps its argument in a limit.
func limited(r io.Reader) io.Reader { return io.LimitReader(r, maxInflated) }

// limitedGzip returns a bounded decompressed stream.
func limitedGzip(r io.Reader) (io.Reader, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	return io.LimitReader(zr, maxInflated), nil
}

func (g *Gateway) handleHelperSource(w http.ResponseWriter, r *http.Request) {
	body, err := openBody(r)
	if err != nil {
		return
	}
	defer body.Close()
	var batch []json.RawMessage
	_ = json.NewDecoder(body).Decode(&batch) // want `json\.NewDecoder\(body\)\.Decode reads the output of gzip\.NewReader \(returned by openBody\)`
}

func (g *Gateway) handleNamedResult(w http.ResponseWriter, r *http.Request) {
	rc, err := inflate(r.Body)
	if err != nil {
		return
	}
	data, _ := io.ReadAll(rc) // want `reads the output of zlib\.NewReader \(returned by inflate\)`
	_ = data
}

func (g *Gateway) handleHelperSink(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		return
	}
	data, _ := readAll(zr) // want `readAll \(through io\.ReadAll inside it\) reads the output of gzip\.NewReader`
	_ = data
}

func (g *Gateway) handleTwoHelpers(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		return
	}
	var batch []json.RawMessage
	_ = decodeInto(zr, &batch) // want `decodeInto \(through io\.ReadAll inside it\) reads the output of gzip\.NewReader`
}

// Negatives: helpers that bound the stream.

func (g *Gateway) handleLimitedHelper(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		return
	}
	data, _ := readAll(limited(zr))
	_ = data
}

func (g *Gateway) handleLimitedSource(w http.ResponseWriter, r *http.Request) {
	body, err := limitedGzip(r.Body)
	if err != nil {
		return
	}
	_ = json.NewDecoder(body).Decode(&g.readings)
}

func (g *Gateway) handleOpenBodyLimited(w http.ResponseWriter, r *http.Request) {
	body, err := openBody(r)
	if err != nil {
		return
	}
	defer body.Close()
	_ = decodeInto(http.MaxBytesReader(w, body, maxInflated), &g.readings)
}

// A helper given the raw body only.
func (g *Gateway) handlePlain(w http.ResponseWriter, r *http.Request) {
	data, _ := readAll(http.MaxBytesReader(w, r.Body, maxInflated))
	_ = data
}

// buffered passes its argument through, unbounded.
func buffered(r io.Reader) io.Reader { return bufio.NewReaderSize(r, 64<<10) }

func (g *Gateway) handleBuffered(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		return
	}
	data, _ := io.ReadAll(buffered(zr)) // want `io\.ReadAll reads the output of gzip\.NewReader with no size limit`
	_ = data
}

// A helper that takes ownership in another way: it stores the reader, and
// nothing here reads it.
func (g *Gateway) keep(r io.Reader) { g.pending = append(g.pending, r) }

func (g *Gateway) handleKept(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		return
	}
	g.keep(zr)
}
