// Package negroni is a minimal stand-in for github.com/urfave/negroni.
package negroni

import "net/http"

type Handler interface {
	ServeHTTP(rw http.ResponseWriter, r *http.Request, next http.HandlerFunc)
}
type HandlerFunc func(rw http.ResponseWriter, r *http.Request, next http.HandlerFunc)

func (h HandlerFunc) ServeHTTP(rw http.ResponseWriter, r *http.Request, next http.HandlerFunc) {}

type Negroni struct{}

func New(handlers ...Handler) *Negroni                               { return &Negroni{} }
func Classic() *Negroni                                              { return &Negroni{} }
func Wrap(h http.Handler) Handler                                    { return nil }
func (n *Negroni) Use(h Handler)                                     {}
func (n *Negroni) UseHandler(h http.Handler)                         {}
func (n *Negroni) Run(addr ...string)                                {}
func (n *Negroni) ServeHTTP(rw http.ResponseWriter, r *http.Request) {}
