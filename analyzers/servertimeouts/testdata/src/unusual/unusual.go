// Package unusual builds servers through a dot import and an alias.
package unusual

import (
	. "net/http"
	"time"
)

// Srv is an alias of a dot-imported net/http type.
type Srv = Server

func Bare(h Handler) error {
	s := &Srv{Addr: ":8080", Handler: h} // want `ReadHeaderTimeout`
	return s.ListenAndServe()
}

func Hardened(h Handler) error {
	s := &Srv{Addr: ":8081", Handler: h, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute}
	return s.ListenAndServe()
}

func serveWith[S interface{ ListenAndServe() error }](s S) error { return s.ListenAndServe() }

func Generic(h Handler) error {
	return serveWith(&Server{Addr: ":8082", Handler: h, ReadHeaderTimeout: time.Second, IdleTimeout: time.Minute})
}
