// Package server models an ingest service that accepts compressed
// batches from gateways.
package server

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"compress/flate"
	"compress/gzip"
	"compress/lzw"
	"compress/zlib"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"io/ioutil"
	"net/http"
	"os"
	"sync"
)

type Reading struct {
	Device string  `json:"device"`
	Value  float64 `json:"value"`
}

type Server struct {
	store  func([]byte) error
	gzPool sync.Pool
	zr     *gzip.Reader
}

// The telegraf mistake: the limit wraps the compressed body, not what it
// expands to.
func (s *Server) ingestGzip(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		http.Error(w, "bad gzip", http.StatusBadRequest)
		return
	}
	defer zr.Close()
	data, err := io.ReadAll(zr) // want `io\.ReadAll reads the output of gzip\.NewReader with no size limit: a few KB of compressed input can expand to gigabytes \(zip bomb\); wrap the decompressed reader in io\.LimitReader or http\.MaxBytesReader`
	if err != nil {
		http.Error(w, "read", http.StatusBadRequest)
		return
	}
	_ = s.store(data)
}

// Decoding a JSON value straight from the inflated stream.
func (s *Server) ingestJSON(w http.ResponseWriter, r *http.Request) {
	zr, err := zlib.NewReader(r.Body)
	if err != nil {
		return
	}
	var batch []Reading
	if err := json.NewDecoder(zr).Decode(&batch); err != nil { // want `json\.NewDecoder\(zr\)\.Decode reads the output of zlib\.NewReader with no size limit`
		return
	}
}

// The reader chosen by Content-Encoding, decoded through a variable.
func (s *Server) ingestEncoded(w http.ResponseWriter, r *http.Request) {
	var body io.Reader = r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			return
		}
		body = zr
	}
	dec := json.NewDecoder(bufio.NewReader(body))
	for dec.More() {
		var rd Reading
		if err := dec.Decode(&rd); err != nil { // want `dec\.Decode reads the output of gzip\.NewReader`
			return
		}
	}
}

// Inline deflate, decoded as XML.
func (s *Server) ingestXML(w http.ResponseWriter, r *http.Request) {
	var v struct{ Items []string }
	_ = xml.NewDecoder(flate.NewReader(r.Body)).Decode(&v) // want `reads the output of flate\.NewReader`
}

// Copying the inflated stream to a buffer or a file.
func (s *Server) ingestLZW(w http.ResponseWriter, r *http.Request) {
	lr := lzw.NewReader(r.Body, lzw.LSB, 8)
	defer lr.Close()
	var buf bytes.Buffer
	_, _ = io.Copy(&buf, lr) // want `io\.Copy reads the output of lzw\.NewReader`
}

func (s *Server) spool(r *http.Request, f *os.File) error {
	_, err := f.ReadFrom(bzip2.NewReader(r.Body)) // want `f\.ReadFrom reads the output of bzip2\.NewReader`
	return err
}

// A pooled reader, reset for each request: its type says what it is.
func (s *Server) ingestPooled(w http.ResponseWriter, r *http.Request) {
	zr := s.gzPool.Get().(*gzip.Reader)
	defer s.gzPool.Put(zr)
	if err := zr.Reset(r.Body); err != nil {
		return
	}
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(zr) // want `buf\.ReadFrom reads the output of a \*gzip\.Reader`
}

// A reader kept in a field.
func (s *Server) ingestField(w http.ResponseWriter, r *http.Request) {
	_ = s.zr.Reset(r.Body)
	_, _ = ioutil.ReadAll(s.zr) // want `ioutil\.ReadAll reads the output of a \*gzip\.Reader`
}

// Line by line over the whole inflated body.
func (s *Server) ingestLines(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		return
	}
	sc := bufio.NewScanner(zr)
	var lines []string
	for sc.Scan() { // want `sc\.Scan reads the output of gzip\.NewReader`
		lines = append(lines, sc.Text())
	}
}

// CSV, all records at once.
func (s *Server) ingestCSV(w http.ResponseWriter, r *http.Request) {
	zr, _ := gzip.NewReader(r.Body)
	records, _ := csv.NewReader(zr).ReadAll() // want `csv\.NewReader\(zr\)\.ReadAll reads the output of gzip\.NewReader`
	_ = records
}

// Read in a goroutine.
func (s *Server) ingestAsync(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		return
	}
	done := make(chan []byte)
	go func() {
		data, _ := io.ReadAll(zr) // want `io\.ReadAll reads the output of gzip\.NewReader`
		done <- data
	}()
	<-done
}

// Routes registers the handlers in a middleware chain.
func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/gzip", s.ingestGzip)
	mux.HandleFunc("POST /v1/json", s.ingestJSON)
	mux.Handle("POST /v1/any", withLimit(http.HandlerFunc(s.ingestEncoded)))
	return mux
}

// withLimit bounds the compressed body only.
func withLimit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		next.ServeHTTP(w, r)
	})
}
