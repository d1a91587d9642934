package nethttp

import (
	"encoding/json"
	"io"
	"net/http"
)

// maxBody lives in another file from the handlers that use it.
const maxBody = 1 << 20

func decodeJSON(r *http.Request, v any) error {
	return decodeFrom(r.Body, v)
}

func decodeFrom(rd io.Reader, v any) error {
	return json.NewDecoder(rd).Decode(v)
}

func readAll(rd io.Reader) ([]byte, error) {
	return io.ReadAll(rd)
}

// decodeLimited limits before it reads: calling it is safe.
func decodeLimited(w http.ResponseWriter, r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	return json.NewDecoder(r.Body).Decode(v)
}

func limitRequest(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
}

func writeError(w http.ResponseWriter, code int, err error) {
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
}

// limitBody is a middleware that limits the body of the handler it returns.
func limitBody(next http.Handler) http.Handler { // want limitBody:"limitsBody"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBody)
		next.ServeHTTP(w, r)
	})
}

func logging(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
	})
}

func chain(h http.Handler, mws ...func(http.Handler) http.Handler) http.Handler {
	for _, mw := range mws {
		h = mw(h)
	}
	return h
}
