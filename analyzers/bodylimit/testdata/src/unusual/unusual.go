// Package unusual holds valid but unusual handler code: a dot import,
// aliases of net/http types, generic handlers and method values.
package unusual

import (
	"encoding/json"
	"io"
	. "net/http"
)

// Writer is an alias of a dot-imported net/http type.
type Writer = ResponseWriter

type store struct{}

func (s *store) Create(w ResponseWriter, r *Request) {
	var v map[string]any
	json.NewDecoder(r.Body).Decode(&v) // want `limit`
}

func (s *store) Bounded(w ResponseWriter, r *Request) {
	r.Body = MaxBytesReader(w, r.Body, 1<<20)
	io.ReadAll(r.Body)
}

func decodeInto[T any](w Writer, r *Request) (T, error) {
	var v T
	err := json.NewDecoder(r.Body).Decode(&v)
	return v, err
}

type reading struct{ Value float64 }

func ingest(w Writer, r *Request) {
	decodeInto[reading](w, r) // want `decodeInto \(which reads the body at line \d+\) reads the request body with no size limit`
}

func Routes(mux *ServeMux) {
	s := &store{}
	mux.HandleFunc("POST /items", s.Create)
	mux.HandleFunc("POST /bounded", s.Bounded)
	mux.HandleFunc("POST /readings", ingest)
}
