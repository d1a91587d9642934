package routeshapes

import (
	"io"
	"net/http"

	"github.com/bmizerany/pat"
	"github.com/justinas/alice"
)

type Handlers struct{}

// Routes gets its mux from a caller in another package (Go 1.22
// method patterns): served, with no limit in sight.
func Routes(mux *http.ServeMux, h *Handlers) {
	mux.HandleFunc("POST /v1/telemetry", h.telemetry)
}

func (h *Handlers) telemetry(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body with no size limit`
}

// routesBehindLimit has the same shape, but its only caller serves the
// mux behind http.MaxBytesHandler.
func routesBehindLimit(mux *http.ServeMux, h *Handlers) {
	mux.HandleFunc("POST /v1/config", h.config)
}

func (h *Handlers) config(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

func Serve(addr string, h *Handlers) error {
	mux := http.NewServeMux()
	routesBehindLimit(mux, h)
	return http.ListenAndServe(addr, http.MaxBytesHandler(mux, 1<<20))
}

// pat routers: one returned as it is, one returned behind a limit.
func PatRoutes(h *Handlers) http.Handler {
	m := pat.New()
	m.Post("/upload", http.HandlerFunc(h.upload))
	return m
}

func (h *Handlers) upload(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body with no size limit`
}

func PatLimited(h *Handlers) http.Handler { // want PatLimited:"limitsBody"
	m := pat.New()
	m.Post("/import", http.HandlerFunc(h.importData))
	return http.MaxBytesHandler(m, 1<<20)
}

func (h *Handlers) importData(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

// alice chains: the limit is one of the chain's constructors or not.
func AliceRoutes(h *Handlers) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/logged", alice.New(logging).ThenFunc(h.logged))
	mux.Handle("/bounded", alice.New(logging, limitBody).ThenFunc(h.bounded))
	return mux
}

func (h *Handlers) logged(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body with no size limit`
}

func (h *Handlers) bounded(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

func logging(next http.Handler) http.Handler { return next }

// StripPrefix passes the handler on unchanged: the limit after it counts.
func Mount(mux *http.ServeMux, h *Handlers) {
	mux.Handle("/files/", http.StripPrefix("/files", http.HandlerFunc(h.putFile)))
	mux.Handle("/blobs/", http.MaxBytesHandler(http.StripPrefix("/blobs", http.HandlerFunc(h.putBlob)), 1<<20))
}

func (h *Handlers) putFile(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body with no size limit`
}

func (h *Handlers) putBlob(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}
