// Package routeshapes registers handlers the way services do: routers in
// struct fields, passed in, returned, wrapped in middleware chains.
package routeshapes

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/gorilla/mux"
)

// API keeps its router in a field; another package serves it.
type API struct {
	router *mux.Router
}

func NewAPI() *API {
	a := &API{router: mux.NewRouter()}
	a.router.Methods("POST").Path("/readings").Handler(http.HandlerFunc(a.postReading))
	a.router.HandleFunc("/events", a.postEvent).Methods("POST")
	return a
}

func (a *API) postReading(w http.ResponseWriter, r *http.Request) {
	var v map[string]float64
	_ = json.NewDecoder(r.Body).Decode(&v) // want `Decode reads the request body with no size limit`
}

func (a *API) postEvent(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body with no size limit`
}

func (a *API) Router() http.Handler { return a.router }

// Gateway has the same shape, but its router limits every body, also on
// the subrouter derived from it.
type Gateway struct {
	router *mux.Router
}

func NewGateway() *Gateway {
	g := &Gateway{router: mux.NewRouter()}
	g.router.Use(limitBody)
	g.router.Methods("POST").Path("/readings").Handler(http.HandlerFunc(g.postReading))
	v2 := g.router.PathPrefix("/v2").Subrouter()
	v2.HandleFunc("/events", g.postEvent)
	return g
}

func (g *Gateway) postReading(w http.ResponseWriter, r *http.Request) {
	var v map[string]float64
	_ = json.NewDecoder(r.Body).Decode(&v)
}

func (g *Gateway) postEvent(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

func (g *Gateway) Router() http.Handler { return g.router }

func limitBody(next http.Handler) http.Handler { // want limitBody:"limitsBody"
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		next.ServeHTTP(w, r)
	})
}
