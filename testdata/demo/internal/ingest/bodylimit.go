package ingest

import (
	"encoding/json"
	"net/http"
	"time"
)

// deviceState is what a gateway reports about one device.
type deviceState struct {
	Device  string            `json:"device"`
	Battery float64           `json:"battery"`
	Labels  map[string]string `json:"labels"`
}

// maxStateBody is the largest state report a gateway sends.
const maxStateBody = 64 << 10

// ListenDevices serves the device-facing endpoints on their own listener.
func (a *API) ListenDevices(addr string) error {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /devices/state", a.postDeviceState)
	mux.HandleFunc("POST /devices/config", a.postDeviceConfig)
	srv := &http.Server{
		Addr:              addr,
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	return srv.ListenAndServe()
}

// bodylimit: the ContentLength check does not bound a chunked upload
// (ContentLength -1), so the decoder reads whatever the client sends.
func (a *API) postDeviceState(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > maxStateBody {
		http.Error(w, "state report too large", http.StatusRequestEntityTooLarge)
		return
	}
	var st deviceState
	if err := json.NewDecoder(r.Body).Decode(&st); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// Correct: http.MaxBytesReader bounds the body whatever the framing, and
// the decoder fails once the limit is passed.
func (a *API) postDeviceConfig(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxStateBody)
	var st deviceState
	if err := json.NewDecoder(r.Body).Decode(&st); err != nil {
		http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
