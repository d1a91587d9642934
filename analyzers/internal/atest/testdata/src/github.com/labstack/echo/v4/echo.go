// Package echo is a minimal stand-in for github.com/labstack/echo/v4, for tests.
package echo

import "net/http"

type Context interface {
	Request() *http.Request
	Response() *Response
	Param(name string) string
	Bind(i any) error
	JSON(code int, i any) error
	String(code int, s string) error
	NoContent(code int) error
}

type Response struct {
	Writer http.ResponseWriter
}

func (r *Response) Header() http.Header  { return nil }
func (r *Response) WriteHeader(code int) {}

// Write makes *Response an http.ResponseWriter, as in echo.
func (r *Response) Write(b []byte) (int, error) { return len(b), nil }

type HandlerFunc func(c Context) error

type MiddlewareFunc func(next HandlerFunc) HandlerFunc

type Route struct{}

type Group struct{}

func (g *Group) Use(m ...MiddlewareFunc)                                     {}
func (g *Group) GET(path string, h HandlerFunc, m ...MiddlewareFunc) *Route  { return nil }
func (g *Group) POST(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { return nil }

type Echo struct {
	Server *http.Server
}

func New() *Echo                                                            { return &Echo{Server: new(http.Server)} }
func (e *Echo) Use(m ...MiddlewareFunc)                                     {}
func (e *Echo) Group(prefix string, m ...MiddlewareFunc) *Group             { return &Group{} }
func (e *Echo) GET(path string, h HandlerFunc, m ...MiddlewareFunc) *Route  { return nil }
func (e *Echo) POST(path string, h HandlerFunc, m ...MiddlewareFunc) *Route { return nil }
func (e *Echo) PUT(path string, h HandlerFunc, m ...MiddlewareFunc) *Route  { return nil }
func (e *Echo) Start(address string) error                                  { return nil }
func (e *Echo) ServeHTTP(w http.ResponseWriter, r *http.Request)            {}

// StartServer serves s with e as its handler (echo v4 echo.go).
func (e *Echo) StartServer(s *http.Server) error { return nil }
