// Package mux is a minimal stand-in for github.com/gorilla/mux, for tests.
package mux

import "net/http"

type MiddlewareFunc func(http.Handler) http.Handler

type Route struct{}

func (r *Route) Methods(methods ...string) *Route { return r }
func (r *Route) Subrouter() *Router               { return &Router{} }

type Router struct{}

func NewRouter() *Router                                    { return &Router{} }
func (r *Router) Use(mwf ...MiddlewareFunc)                 {}
func (r *Router) Handle(path string, h http.Handler) *Route { return &Route{} }
func (r *Router) HandleFunc(path string, f func(http.ResponseWriter, *http.Request)) *Route {
	return &Route{}
}
func (r *Router) PathPrefix(tpl string) *Route                       { return &Route{} }
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {}
func Vars(r *http.Request) map[string]string                         { return nil }
