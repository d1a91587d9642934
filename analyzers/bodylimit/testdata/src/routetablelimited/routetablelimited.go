// Package routetablelimited registers from a table on a router that limits bodies.
package routetablelimited

import (
	"io"
	"net/http"

	"github.com/gorilla/mux"
)

type API struct{}

type route struct {
	method, path string
	handler      http.HandlerFunc
}

func (a *API) routes() []route {
	return []route{
		{"POST", "/readings", a.postReading},
		{method: "GET", path: "/status", handler: a.status},
	}
}

func NewRouter(a *API) *mux.Router {
	r := mux.NewRouter()
	r.Use(limit)
	for _, rt := range a.routes() {
		r.Methods(rt.method).Path(rt.path).HandlerFunc(rt.handler)
	}
	return r
}

func (a *API) postReading(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

func (a *API) status(w http.ResponseWriter, r *http.Request) {}

func limit(next http.Handler) http.Handler { // want limit:"limitsBody"
	return http.MaxBytesHandler(next, 1<<20)
}
