package main

import (
	"expvar"
	"log"
	"net/http"
	"os"
	"time"
)

// The ingest service runs two internal listeners beside the API server of
// main.go: expvar metrics for Prometheus, and a health endpoint for the
// load balancer's checks.
func init() {
	go serveMetrics(os.Getenv("METRICS_ADDR"))
	go serveHealth(os.Getenv("HEALTH_ADDR"))
}

// serveMetrics: no ReadHeaderTimeout and no IdleTimeout. A client that
// opens connections and never finishes its headers holds a goroutine and a
// file descriptor each, for ever (connlint: servertimeouts).
func serveMetrics(addr string) {
	mux := http.NewServeMux()
	mux.Handle("/debug/vars", expvar.Handler())
	srv := &http.Server{Addr: addr, Handler: mux}
	log.Println(srv.ListenAndServe())
}

// serveHealth is the correct version: a header deadline, and an idle
// timeout longer than the load balancer's (60s), like main.go's server.
func serveHealth(addr string) {
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	srv := &http.Server{
		Addr:              addr,
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	log.Println(srv.ListenAndServe())
}
