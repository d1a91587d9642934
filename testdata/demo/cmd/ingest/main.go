// Command ingest serves the cloud ingest API.
package main

import (
	"log"
	"net/http"
	"os"
	"time"

	"example.com/iotdemo/internal/dashboard"
	"example.com/iotdemo/internal/ingest"
)

func main() {
	mux := http.NewServeMux()
	ingest.NewAPI(os.Getenv("STORAGE_URL")).Routes(mux)
	mux.Handle("/ws", dashboard.NewHub())
	srv := &http.Server{
		Addr:              ":8080",
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	log.Fatal(srv.ListenAndServe())
}
