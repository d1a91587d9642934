// Command srvcmd serves servers that srvlib builds, and builds servers
// that srvlib serves.
package main

import (
	"log"
	"net"
	"net/http"
	"time"

	"srvlib"
)

func main() {
	mux := http.NewServeMux()

	api := srvlib.NewServer(":8080", mux) // want `http.Server without ReadHeaderTimeout or IdleTimeout: .*, built by srvlib.NewServer at srvlib.go:14`
	go api.ListenAndServe()

	// Timeouts set after construction: not a finding.
	admin := srvlib.NewServer(":8081", mux)
	admin.ReadHeaderTimeout = 5 * time.Second
	admin.IdleTimeout = 2 * time.Minute
	go admin.ListenAndServe()

	// Set by a helper of this package.
	metrics := srvlib.NewServer(":8082", mux)
	tune(metrics)
	go metrics.ListenAndServe()

	// The constructor sets them itself.
	go srvlib.NewTuned(":8083").ListenAndServe()

	// Served right away, through a wrapper of an unexported constructor.
	go srvlib.Internal().ListenAndServe() // want `http.Server without ReadHeaderTimeout or IdleTimeout: .*, built by srvlib.Internal at srvlib.go:29`

	// A field that srvlib serves.
	gw := &srvlib.Gateway{Server: &http.Server{Addr: ":9000", Handler: mux}} // want `http.Server without ReadHeaderTimeout or IdleTimeout`
	go gw.Run()

	// A field that srvlib hardens before serving.
	hd := &srvlib.Hardened{Server: &http.Server{Addr: ":9001", Handler: mux}}
	go hd.Run()

	l, err := net.Listen("tcp", ":9002")
	if err != nil {
		log.Fatal(err)
	}
	go srvlib.Serve(&http.Server{Handler: mux}, l) // want `http.Server without ReadHeaderTimeout or IdleTimeout`

	// ServeTuned sets ReadTimeout, which covers both.
	go srvlib.ServeTuned(&http.Server{Addr: ":9003", Handler: mux})

	// Built but never served by anyone: not a finding.
	_ = srvlib.NewServer(":9004", mux)

	select {}
}

// tune sets the timeouts of a server built elsewhere.
func tune(s *http.Server) {
	s.ReadHeaderTimeout = 5 * time.Second
	s.IdleTimeout = time.Minute
}
