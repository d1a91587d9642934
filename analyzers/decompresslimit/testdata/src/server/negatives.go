package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"crypto/sha256"
	"embed"
	"encoding/json"
	"errors"
	"io"
	"net/http"
)

var errTooLarge = errors.New("decompressed body too large")

// LimitReader around the decompressed reader.
func (s *Server) okLimitReader(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		return
	}
	data, _ := io.ReadAll(io.LimitReader(zr, maxDecompressed))
	_ = s.store(data)
}

// The variable reassigned to its limited self before the read.
func (s *Server) okReassigned(w http.ResponseWriter, r *http.Request) {
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(body)
		if err != nil {
			return
		}
		body = zr
	}
	body = io.LimitReader(body, maxDecompressed)
	var batch []Reading
	_ = json.NewDecoder(body).Decode(&batch)
}

// A LimitedReader literal.
func (s *Server) okLimitedReader(w http.ResponseWriter, r *http.Request) {
	zr, err := zlib.NewReader(r.Body)
	if err != nil {
		return
	}
	lr := &io.LimitedReader{R: zr, N: maxDecompressed + 1}
	data, _ := io.ReadAll(lr)
	if lr.N <= 0 {
		http.Error(w, errTooLarge.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	_ = s.store(data)
}

// MaxBytesReader around the decompressed reader (fleet's fix).
func (s *Server) okMaxBytes(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return
	}
	var batch []Reading
	_ = json.NewDecoder(http.MaxBytesReader(w, zr, maxDecompressed)).Decode(&batch)
}

// io.CopyN with a bound.
func (s *Server) okCopyN(w http.ResponseWriter, r *http.Request) {
	zr, _ := gzip.NewReader(r.Body)
	var buf bytes.Buffer
	_, _ = io.CopyN(&buf, zr, maxDecompressed)
}

// Fixed-size reads with a running total.
func (s *Server) okChunks(w http.ResponseWriter, r *http.Request) error {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		return err
	}
	buf := make([]byte, 32<<10)
	total := 0
	for {
		n, err := zr.Read(buf)
		total += n
		if total > maxDecompressed {
			return errTooLarge
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// Only the first line: one Scan reads at most the scanner's buffer.
func (s *Server) okFirstLine(w http.ResponseWriter, r *http.Request) string {
	zr, _ := gzip.NewReader(r.Body)
	sc := bufio.NewScanner(zr)
	if sc.Scan() {
		return sc.Text()
	}
	return ""
}

// Drained to io.Discard: nothing is kept.
func (s *Server) okDiscard(w http.ResponseWriter, r *http.Request) {
	zr, _ := gzip.NewReader(r.Body)
	_, _ = io.Copy(io.Discard, zr)
}

// The limit wraps a buffered reader built on the inflated stream.
func (s *Server) okBufferedLimited(w http.ResponseWriter, r *http.Request) {
	zr, _ := gzip.NewReader(r.Body)
	br := bufio.NewReader(zr)
	_, _ = io.ReadAll(io.LimitReader(br, maxDecompressed))
}

// An uncompressed body is bodylimit's business, not this rule's.
func (s *Server) okPlain(w http.ResponseWriter, r *http.Request) {
	data, _ := io.ReadAll(r.Body)
	_ = s.store(data)
}

// A request body compressed by us, read back: gzip.NewWriter is not a source.
func (s *Server) okCompress(data []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write(data)
	_ = zw.Close()
	out, _ := io.ReadAll(&buf)
	return out
}

// Data that ships with the binary cannot be planted by a client.

//go:embed testdata/fixtures.json.gz
var fixtures []byte

//go:embed testdata
var assets embed.FS

const sampleGz = "\x1f\x8b\x08\x00\x00\x00\x00\x00"

func loadFixtures() ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(fixtures))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

func loadAsset(name string) ([]byte, error) {
	f, err := assets.Open(name)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

func loadSample() ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader([]byte(sampleGz)))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// A reviewed exception.
func (s *Server) replay(r io.Reader) ([]byte, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	//connlint:ignore decompresslimit replays our own backups, sized at write time
	return io.ReadAll(zr)
}

// A checksum of the inflated stream keeps nothing.
func (s *Server) okChecksum(r *http.Request) ([]byte, error) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	if _, err := io.Copy(h, zr); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}
