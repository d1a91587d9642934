// Package fix gets ReadHeaderTimeout added to its server literals.
package fix

import (
	"net"
	"net/http"
	"time"
)

func multiLine(h http.Handler) error {
	srv := &http.Server{ // want `without ReadHeaderTimeout \(or ReadTimeout\)`
		Addr:        ":8080",
		Handler:     h,
		IdleTimeout: 2 * time.Minute,
	}
	return srv.ListenAndServe()
}

func oneLine(l net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h} // want `without ReadHeaderTimeout or IdleTimeout`
	return srv.Serve(l)
}

func empty(l net.Listener) error {
	srv := http.Server{} // want `without ReadHeaderTimeout or IdleTimeout`
	return srv.Serve(l)
}

func nested(h http.Handler) error {
	if h != nil {
		return (&http.Server{ // want `without ReadHeaderTimeout or IdleTimeout`
			Addr:    ":8081",
			Handler: h}).ListenAndServe()
	}
	return nil
}
