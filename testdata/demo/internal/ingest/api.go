// Package ingest is the cloud side: it accepts readings from gateways and
// forwards them to the storage service.
package ingest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"time"
)

// API serves the ingest endpoints.
type API struct {
	storageURL string
	client     *http.Client // shared by every request: one pool
}

// NewAPI builds the API and its one outbound client.
func NewAPI(storageURL string) *API {
	return &API{storageURL: storageURL, client: &http.Client{Timeout: 5 * time.Second}}
}

// Routes registers the handlers.
func (a *API) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /readings", a.postReadings)
	mux.HandleFunc("POST /readings/slow", a.postReadingsSlow)
}

// postReadings forwards a batch through the shared client and drains the
// storage service's answer.
func (a *API) postReadings(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	var batch []json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
		http.Error(w, "bad batch", http.StatusBadRequest)
		return
	}
	if err := a.store(a.client, batch); err != nil {
		http.Error(w, "storage unavailable", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// postReadingsSlow builds a new Transport for every request it serves.
func (a *API) postReadingsSlow(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	var batch []json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
		http.Error(w, "bad batch", http.StatusBadRequest)
		return
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	if err := a.store(client, batch); err != nil {
		http.Error(w, "storage unavailable", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

func (a *API) store(c *http.Client, batch []json.RawMessage) error {
	body, err := json.Marshal(batch)
	if err != nil {
		return err
	}
	resp, err := c.Post(a.storageURL, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
