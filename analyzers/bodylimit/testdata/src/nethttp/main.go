// Package nethttp models a plain net/http IoT back-end: a server struct
// with handler methods, a middleware chain built in main, helpers that
// decode JSON and write JSON errors.
package nethttp

import (
	"log"
	"net/http"
)

type Reading struct {
	Device string  `json:"device"`
	Value  float64 `json:"value"`
}

type Server struct {
	store map[string][]Reading
}

func main() {
	s := &Server{}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /readings", s.postReadings)
	mux.HandleFunc("POST /readings/batch", s.postBatch)
	mux.HandleFunc("POST /config", s.postConfig)
	mux.HandleFunc("POST /firmware", s.postFirmware)
	mux.HandleFunc("POST /logs", s.postLogs)
	mux.HandleFunc("POST /events", s.postEvents)
	mux.HandleFunc("POST /telemetry", s.telemetry)
	mux.HandleFunc("POST /decoded", s.postDecoded)
	mux.HandleFunc("POST /limited", s.postLimited)
	mux.HandleFunc("POST /lr", s.postLimitReader)
	mux.HandleFunc("POST /form", s.postForm)
	mux.HandleFunc("POST /drain", s.postDrain)
	mux.HandleFunc("POST /head", s.postHeader)
	mux.HandleFunc("POST /limitedhelper", s.postLimitedHelper)
	mux.HandleFunc("POST /proxy", s.proxy)
	mux.Handle("POST /wrapped", http.MaxBytesHandler(http.HandlerFunc(s.postWrapped), maxBody))
	mux.Handle("POST /mw", limitBody(http.HandlerFunc(s.postMiddleware)))
	mux.Handle("POST /logged", logging(http.HandlerFunc(s.postLogged)))
	mux.Handle("POST /chain", chain(http.HandlerFunc(s.postChained), logging, limitBody))
	mux.Handle("POST /upload", uploadHandler{})
	mux.Handle("POST /factory", s.ingest("temperature"))
	h := http.HandlerFunc(s.postViaVar)
	mux.Handle("POST /var", h)
	log.Fatal(http.ListenAndServe(":8080", logging(mux)))
}
