// Package notime does not import "time": no fix is offered.
package notime

import "net/http"

func serve(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h} // want `without ReadHeaderTimeout or IdleTimeout`
	return srv.ListenAndServe()
}
