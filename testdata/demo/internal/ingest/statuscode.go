package ingest

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// errUnknownDevice is returned for a device that never registered.
var errUnknownDevice = errors.New("unknown device")

// Commands serves the command endpoints that gateways poll for work. The
// Legacy handlers answer in ways a gateway cannot act on; the others are
// their corrected versions, side by side.
type Commands struct {
	draining atomic.Bool
	queue    map[string][]string
}

// Routes registers both versions.
func (c *Commands) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/devices/{id}/commands", c.LegacyNext)
	mux.HandleFunc("GET /v2/devices/{id}/commands", c.Next)
}

func (c *Commands) next(id string) ([]string, error) {
	cmds, ok := c.queue[id]
	if !ok {
		return nil, errUnknownDevice
	}
	return cmds, nil
}

// LegacyNext reports an unknown device with 200, so the gateway takes
// the error for an empty command list, and answers a drain with 503 but
// no Retry-After, so every gateway retries at once.
func (c *Commands) LegacyNext(w http.ResponseWriter, r *http.Request) {
	if c.draining.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	cmds, err := c.next(r.PathValue("id"))
	if err != nil {
		json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
	json.NewEncoder(w).Encode(cmds)
}

// Next answers an unknown device with 404 and a drain with 503 and the
// time to come back.
func (c *Commands) Next(w http.ResponseWriter, r *http.Request) {
	if c.draining.Load() {
		retryAfter(w, 2*time.Minute)
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	cmds, err := c.next(r.PathValue("id"))
	if errors.Is(err, errUnknownDevice) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
	json.NewEncoder(w).Encode(cmds)
}

// retryAfter tells the device when to come back.
func retryAfter(w http.ResponseWriter, d time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(d.Seconds())))
}
