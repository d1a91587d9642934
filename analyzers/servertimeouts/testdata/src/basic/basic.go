// Package basic serves net/http servers built in the function that serves them.
package basic

import (
	"crypto/tls"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"time"
)

// Config is read from a file at start-up.
type Config struct {
	HeaderTimeout time.Duration
	IdleTimeout   time.Duration
}

func bare(mux *http.ServeMux) {
	srv := &http.Server{Addr: ":8080", Handler: mux} // want `^http.Server without ReadHeaderTimeout or IdleTimeout: a slowloris client holds a connection open for ever and idle keep-alive connections are never closed; set ReadHeaderTimeout \(e.g. 10s\) and IdleTimeout \(longer than the load balancer's idle timeout\)$`
	log.Fatal(srv.ListenAndServe())
}

func idleOnly(mux *http.ServeMux) error {
	srv := &http.Server{ // want `^http.Server without ReadHeaderTimeout \(or ReadTimeout\): a slowloris client holds a connection open for ever by sending its headers slowly; set ReadHeaderTimeout \(e.g. 10s\)$`
		Addr:        ":8443",
		Handler:     mux,
		IdleTimeout: 2 * time.Minute,
	}
	return srv.ListenAndServeTLS("cert.pem", "key.pem")
}

func readHeaderOnly(l net.Listener, h http.Handler) error {
	srv := http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second} // want `^http.Server without IdleTimeout \(or ReadTimeout\): idle keep-alive connections are never closed; set IdleTimeout \(longer than the load balancer's idle timeout\)$`
	return srv.Serve(l)
}

// WriteTimeout bounds the response only: the headers may still trickle in.
func writeTimeoutOnly(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h, WriteTimeout: 30 * time.Second} // want `without ReadHeaderTimeout or IdleTimeout`
	return srv.ListenAndServe()
}

// A negative IdleTimeout means no idle timeout at all (net/http server.go).
func negativeIdle(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: -1} // want `without IdleTimeout`
	return srv.ListenAndServe()
}

// ReadHeaderTimeout: 0 falls back to ReadTimeout, which is not set.
func zeroReadHeader(h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 0, IdleTimeout: time.Minute} // want `without ReadHeaderTimeout`
	return srv.ListenAndServe()
}

func newServer(h http.Handler) {
	srv := new(http.Server) // want `without ReadHeaderTimeout or IdleTimeout`
	srv.Addr = ":9000"
	srv.Handler = h
	go srv.ListenAndServe()
}

func zeroVar(l net.Listener, h http.Handler) error {
	var srv http.Server // want `without ReadHeaderTimeout or IdleTimeout`
	srv.Handler = h
	return srv.Serve(l)
}

func packageLevel(l net.Listener, h http.Handler) {
	go http.ListenAndServe(":8080", nil)                  // want `^http.ListenAndServe cannot set timeouts: a slowloris client holds a connection open for ever and idle keep-alive connections are never closed; use an http.Server with ReadHeaderTimeout and IdleTimeout$`
	go http.ListenAndServeTLS(":8443", "cert", "key", h)  // want `http.ListenAndServeTLS cannot set timeouts`
	log.Fatal(http.Serve(l, h))                           // want `http.Serve cannot set timeouts`
	log.Fatal(http.ServeTLS(l, h, "cert.pem", "key.pem")) // want `http.ServeTLS cannot set timeouts`
}

// Not reported: the correct configurations.

func complete(h http.Handler) error {
	srv := &http.Server{
		Addr:              ":8080",
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	return srv.ListenAndServe()
}

// ReadTimeout covers both: net/http uses it when ReadHeaderTimeout and
// IdleTimeout are zero.
func readTimeoutOnly(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h, ReadTimeout: 30 * time.Second}
	return srv.ListenAndServe()
}

func setLater(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h}
	srv.ReadHeaderTimeout = headerTimeout
	srv.IdleTimeout = idleTimeout
	return srv.ListenAndServe()
}

// Values from configuration are set, even if the analyzer cannot fold them.
func fromConfig(cfg Config, h http.Handler) error {
	srv := &http.Server{
		Addr:              ":8080",
		Handler:           h,
		ReadHeaderTimeout: cfg.HeaderTimeout,
		IdleTimeout:       cfg.IdleTimeout,
	}
	return srv.ListenAndServe()
}

func fromEnv(h http.Handler) error {
	idle, err := time.ParseDuration(os.Getenv("IDLE_TIMEOUT"))
	if err != nil {
		return err
	}
	srv := &http.Server{Addr: ":8080", Handler: h, ReadHeaderTimeout: 5 * time.Second}
	if idle > 0 {
		srv.IdleTimeout = idle
	}
	return srv.ListenAndServe()
}

// A TLS server on a listener, with the constants of another file.
func tlsListener(cfg *tls.Config, h http.Handler) error {
	ln, err := net.Listen("tcp", ":8443")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, TLSConfig: cfg, ReadHeaderTimeout: headerTimeout, IdleTimeout: idleTimeout}
	return srv.Serve(tls.NewListener(ln, cfg))
}

func tlsServer(h http.Handler) error {
	srv := &http.Server{Addr: ":8443", Handler: h, ReadHeaderTimeout: headerTimeout, IdleTimeout: idleTimeout}
	return srv.ListenAndServeTLS("cert.pem", "key.pem")
}

// httptest servers are for tests, and never reported.
func testServers(h http.Handler) {
	ts := httptest.NewServer(h)
	defer ts.Close()
	uts := httptest.NewUnstartedServer(h)
	uts.Start()
	cts := &httptest.Server{Config: &http.Server{Handler: h}}
	cts.Start()
}

// A server that is only shut down here is not seen to serve.
func shutdownOnly(srv *http.Server) {
	unused := &http.Server{Addr: ":8080"}
	_ = unused.Close()
	_ = srv.Close()
}
