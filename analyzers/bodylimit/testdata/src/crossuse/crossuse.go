// Package crossuse applies middleware from another package: the
// limitsBody fact of limitmw.Limit carries the limit across.
package crossuse

import (
	"io"
	"net/http"

	"github.com/go-chi/chi/v5"

	"limitmw"
)

func main() {
	r := chi.NewRouter()
	r.Use(limitmw.Log)
	r.Post("/plain", postPlain)
	r.With(limitmw.Limit(1<<20)).Post("/limited", postLimited)
	mux := http.NewServeMux()
	mux.HandleFunc("/wrapped", postWrapped)
	_ = http.ListenAndServe(":8081", limitmw.Log(limitmw.Limit(1<<20)(mux)))
	_ = http.ListenAndServe(":8080", r)
}

func postPlain(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body`
}

func postLimited(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

func postWrapped(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}
