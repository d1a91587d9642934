package mux

import "net/http"

// Route building, as routes use it: r.Methods(..).Path(..).Handler(h).

func (r *Router) Methods(methods ...string) *Route { return &Route{} }
func (r *Router) Path(tpl string) *Route           { return &Route{} }
func (r *Route) Path(tpl string) *Route            { return r }
func (r *Route) Handler(h http.Handler) *Route     { return r }
func (r *Route) HandlerFunc(f func(http.ResponseWriter, *http.Request)) *Route {
	return r
}
