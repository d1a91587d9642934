package flow

import (
	"context"
	"net"
	"net/http"
	"time"
)

// Seams that tests replace: package variables holding function
// literals. The walk follows a server into their bodies as into a
// function's.
var (
	stopServer = func(srv *http.Server, ctx context.Context) error {
		return srv.Shutdown(ctx)
	}
	hardenServer = func(srv *http.Server) {
		srv.ReadHeaderTimeout = 5 * time.Second
		srv.IdleTimeout = 2 * time.Minute
	}
)

// startServer serves in a goroutine and returns the server for a
// shutdown on signal: the seam only stops it, nothing sets timeouts.
func startServer(mux *http.ServeMux, addr string) (*http.Server, chan error) {
	srv := &http.Server{Addr: addr, Handler: mux} // want `http.Server without ReadHeaderTimeout or IdleTimeout`
	done := make(chan error)
	go func() { done <- serveOn(srv, addr) }()
	return srv, done
}

func serveOn(srv *http.Server, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return srv.Serve(ln)
}

func runUntilStopped(mux *http.ServeMux) error {
	srv, done := startServer(mux, ":8443")
	defer stopServer(srv, context.Background())
	return <-done
}

// The look-alike: the seam sets both timeouts before the server serves.
func runHardened(mux *http.ServeMux) error {
	srv := &http.Server{Addr: ":8444", Handler: mux}
	hardenServer(srv)
	return srv.ListenAndServe()
}
