// Package mock starts the HTTP servers an end-to-end suite talks to; they
// live for one test and never face a slow client.
package mock

import "net/http"

func Start(addr string, h http.Handler) error {
	srv := &http.Server{Addr: addr, Handler: h} // want `ReadHeaderTimeout`
	return srv.ListenAndServe()
}
