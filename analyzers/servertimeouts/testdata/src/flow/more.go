package flow

import (
	"crypto/tls"
	"net/http"
)

// A server value configured through its address by a helper of the package.
func addressOf(h http.Handler) error {
	srv := http.Server{Addr: ":8085", Handler: h}
	configure(&srv)
	return srv.ListenAndServe()
}

// A constructor with two results.
func newTLSServer(h http.Handler) (*http.Server, error) {
	cert, err := tls.LoadX509KeyPair("cert.pem", "key.pem")
	if err != nil {
		return nil, err
	}
	return &http.Server{
		Addr:              ":8443",
		Handler:           h,
		TLSConfig:         &tls.Config{Certificates: []tls.Certificate{cert}},
		ReadHeaderTimeout: headerTimeout,
		IdleTimeout:       idleTimeout,
	}, nil
}

func serveTLS(h http.Handler) error {
	srv, err := newTLSServer(h)
	if err != nil {
		return err
	}
	return srv.ListenAndServeTLS("", "")
}
