// Package srvlib builds and serves servers for the programs that import
// it: its constructors and serving helpers are judged where another
// package uses them.
package srvlib

import (
	"net"
	"net/http"
	"time"
)

// NewServer returns a server with no timeouts; the caller serves it.
func NewServer(addr string, h http.Handler) *http.Server { // want NewServer:"returns a server built at srvlib.go:14"
	return &http.Server{
		Addr:    addr,
		Handler: h,
	}
}

// NewTuned sets the timeouts after building the server, before returning it.
func NewTuned(addr string) *http.Server { // want NewTuned:"returns a server built at srvlib.go:22"
	srv := &http.Server{Addr: addr}
	srv.ReadHeaderTimeout = 5 * time.Second
	srv.IdleTimeout = 90 * time.Second
	return srv
}

// newInternal cannot be called from another package: no fact.
func newInternal() *http.Server { return &http.Server{} }

// Internal wraps newInternal for other packages.
func Internal() *http.Server { return newInternal() } // want Internal:"returns a server built at srvlib.go:29"

// Gateway serves whatever server its user stores in Server.
type Gateway struct {
	Server *http.Server // want Server:"served at srvlib.go:40"
}

// Run serves the gateway's server.
func (g *Gateway) Run() error { return g.Server.ListenAndServe() }

// Hardened sets the timeouts of its server before it serves it.
type Hardened struct {
	Server *http.Server // want Server:"served at srvlib.go:51"
}

// Run hardens and serves the server.
func (h *Hardened) Run() error {
	h.Server.ReadHeaderTimeout = 10 * time.Second
	h.Server.IdleTimeout = 2 * time.Minute
	return h.Server.ListenAndServe()
}

// Serve serves any server given to it.
func Serve(srv *http.Server, l net.Listener) error { return srv.Serve(l) } // want Serve:"served at srvlib.go:55"

// ServeTuned sets the timeouts of the server given to it, then serves it.
func ServeTuned(srv *http.Server) error { // want ServeTuned:"served at srvlib.go:60"
	srv.ReadTimeout = 30 * time.Second
	return srv.ListenAndServe()
}

// HTTPServer extends http.Server with a start method; the embedded server
// is what serves.
type HTTPServer struct {
	*http.Server // want Server:"served at srvlib.go:78"
	done         chan struct{}
}

// NewHTTPServer embeds a server without timeouts.
func NewHTTPServer() *HTTPServer {
	return &HTTPServer{Server: &http.Server{}, done: make(chan struct{})} // want `http.Server without ReadHeaderTimeout or IdleTimeout`
}

// Start serves through the promoted Serve method.
func (h *HTTPServer) Start(l net.Listener) {
	go func() {
		_ = h.Serve(l)
		close(h.done)
	}()
}

// TunedHTTPServer sets timeouts through the promoted fields.
type TunedHTTPServer struct {
	*http.Server // want Server:"served at srvlib.go:97"
}

// NewTunedHTTPServer embeds a server, then sets its timeouts.
func NewTunedHTTPServer() *TunedHTTPServer {
	t := &TunedHTTPServer{Server: &http.Server{}}
	t.ReadHeaderTimeout = 10 * time.Second
	t.IdleTimeout = time.Minute
	return t
}

// Start serves the embedded server.
func (t *TunedHTTPServer) Start(l net.Listener) error { return t.Serve(l) }
