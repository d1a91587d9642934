package devices

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"
)

type validationError struct{ Field string }

func (e *validationError) Error() string { return "invalid " + e.Field }

// Routes builds the mux with a middleware chain, as main does.
func Routes(s *Server) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /readings/{id}", s.saveReading)
	mux.HandleFunc("GET /events", s.events)
	mux.Handle("GET /readings", readingsHandler(s.store))
	return recoverer(withRetryOnOverload(mux))
}

// withRetryOnOverload sets Retry-After in a middleware before answering.
func withRetryOnOverload(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Overload") != "" {
			w.Header()["Retry-After"] = []string{"15"}
			http.Error(w, "overloaded", http.StatusServiceUnavailable)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// An event stream: an error event after the stream has started is a
// normal event, not an error status.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/event-stream")
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for range tick.C {
		v, err := s.store.Load("latest")
		if err != nil {
			fmt.Fprintf(w, "event: error\ndata: %v\n\n", err)
			return
		}
		fmt.Fprintf(w, "data: %s\n\n", v)
		w.(http.Flusher).Flush()
	}
}

// A late WriteHeader(200) changes nothing for the device.
func lateOK(w http.ResponseWriter, r *http.Request) {
	fmt.Fprint(w, "ok")
	w.WriteHeader(http.StatusOK)
}

// --- more positives ------------------------------------------------------

func validate(w http.ResponseWriter, r *http.Request) {
	var in map[string]any
	err := json.NewDecoder(r.Body).Decode(&in)
	var ve *validationError
	if errors.As(err, &ve) {
		json.NewEncoder(w).Encode(ve) // want `error body written with the implicit status 200`
		return
	}
	if err == nil {
		w.WriteHeader(http.StatusNoContent)
	} else {
		fmt.Fprint(w, map[string]string{"err": err.Error()}) // want `error body written with the implicit status 200`
		return
	}
}

// Written at the end of the handler: no return needed.
func lastStatement(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		w.WriteHeader(http.StatusAccepted)
		fmt.Fprintf(w, "parse: %s", err.Error()) // want `error body written with status 202`
	}
}

// Ignored in a loop that starts writing on every iteration.
func lateInLoop(w http.ResponseWriter, r *http.Request) {
	for i := 0; i < 3; i++ {
		fmt.Fprintln(w, i)
		if i == 2 {
			w.WriteHeader(http.StatusTeapot) // want `WriteHeader after the body was written cannot change the status`
		}
	}
}
