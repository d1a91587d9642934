package server

import (
	"net"
	"net/http"
)

// recorder is a middleware's ResponseWriter with its own Header method,
// as echo's *Response and most status recorders have.
type recorder struct {
	w      http.ResponseWriter
	status int
}

func (r *recorder) Header() http.Header         { return r.w.Header() }
func (r *recorder) Write(b []byte) (int, error) { return r.w.Write(b) }
func (r *recorder) WriteHeader(code int)        { r.status = code; r.w.WriteHeader(code) }

// tooLarge closes the connection after refusing a body it did not read:
// a response header on an error path, not a client request's header.
func (r *recorder) tooLarge() {
	r.Header().Set("Connection", "close")
	r.WriteHeader(http.StatusRequestEntityTooLarge)
}

// recorded wraps every request and sets the header on each: reported as
// the response header it is.
func recorded(w http.ResponseWriter, req *http.Request) {
	rec := &recorder{w: w}
	rec.Header().Set("Connection", "close") // want `unconditional "Connection: close" response header`
	rec.WriteHeader(http.StatusNoContent)
}

// shedding sets it on an overload branch only.
func shedding(w http.ResponseWriter, req *http.Request, overloaded bool) {
	rec := &recorder{w: w}
	if overloaded {
		rec.Header().Set("Connection", "close")
	}
	rec.WriteHeader(http.StatusNoContent)
}

// stoppable stops by closing its listener, then turns keep-alive off so
// that in-flight responses close their connections: a shutdown sequence.
type stoppable struct {
	srv *http.Server
	ln  net.Listener
	tcp *net.TCPListener
}

func (s *stoppable) Stop() {
	s.ln.Close()
	s.srv.SetKeepAlivesEnabled(false)
}

func (s *stoppable) StopTCP() {
	s.tcp.Close()
	s.srv.SetKeepAlivesEnabled(false)
}
