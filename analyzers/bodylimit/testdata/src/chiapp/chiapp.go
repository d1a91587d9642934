// Package chiapp models chi and gorilla/mux routers: net/http handlers
// behind router middleware.
package chiapp

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/gorilla/mux"
)

type reading struct{ Value float64 }

func chiRoutes() {
	r := chi.NewRouter()
	r.Use(middleware.Logger)
	r.Post("/readings", postReadings)
	r.With(middleware.RequestSize(1<<20)).Post("/with", postWithLimited)
	r.Route("/v1", func(r chi.Router) {
		r.Use(middleware.RequestSize(1 << 20))
		r.Post("/route", postRouteLimited)
	})
	r.Group(func(r chi.Router) {
		r.Post("/group", postGroupUnlimited)
	})
	_ = http.ListenAndServe(":8080", r)
}

func postReadings(w http.ResponseWriter, r *http.Request) {
	var rd reading
	_ = json.NewDecoder(r.Body).Decode(&rd) // want `json.NewDecoder\(r.Body\).Decode reads the request body`
}

func postWithLimited(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

func postRouteLimited(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

func postGroupUnlimited(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body`
}

// A chi router whose root Use limits every route.
func chiGlobal() {
	r := chi.NewRouter()
	r.Use(middleware.RequestSize(1 << 20))
	r.Post("/all", postGlobalChi)
	srv := &http.Server{Addr: ":8081", Handler: r}
	_ = srv.ListenAndServe()
}

func postGlobalChi(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

// gorilla: a subrouter inherits the limit of its parent's Use.
func gorillaRoutes() {
	r := mux.NewRouter()
	r.HandleFunc("/readings", gorillaPost).Methods("POST")
	api := r.PathPrefix("/api").Subrouter()
	api.Use(limitMW)
	api.HandleFunc("/limited", gorillaLimited)
	_ = http.ListenAndServe(":8082", r)
}

func gorillaPost(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body`
}

func gorillaLimited(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

func limitMW(next http.Handler) http.Handler { // want limitMW:"limitsBody"
	return http.MaxBytesHandler(next, 1<<20)
}

// The whole mux is wrapped where it is served.
func wrappedMux() {
	m := http.NewServeMux()
	m.HandleFunc("/w", postWholeMux)
	_ = http.ListenAndServe(":8083", http.MaxBytesHandler(m, 1<<20))
}

func postWholeMux(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

// The router is returned to another package, which serves it: no limit
// is visible on the way.
func Routes() http.Handler {
	m := http.NewServeMux()
	m.HandleFunc("/returned", postReturned)
	return m
}

func postReturned(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body with no size limit`
}

// The router comes from a caller in another package: served, with no
// limit visible here.
func Register(m *http.ServeMux) {
	m.HandleFunc("/param", postParam)
}

func postParam(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body with no size limit`
}
