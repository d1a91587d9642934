// Package harden sets a server's timeouts for its callers.
package harden

import (
	"net/http"
	"time"
)

// Server sets the timeouts of srv.
func Server(srv *http.Server) {
	srv.ReadHeaderTimeout = 10 * time.Second
	srv.IdleTimeout = 2 * time.Minute
}
