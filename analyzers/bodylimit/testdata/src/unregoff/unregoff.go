// Package unregoff holds handlers whose registration is in another
// package: the exported ones are reported, the limit is their own job.
package unregoff

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
)

type Handlers struct{}

func (h *Handlers) PostReading(w http.ResponseWriter, r *http.Request) {
	var v map[string]any
	_ = json.NewDecoder(r.Body).Decode(&v)
}

func Upload(c *gin.Context) {
	_, _ = c.GetRawData()
}

// An exported factory: the handler it returns is registered elsewhere.
func IngestHandler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
	}
}

// Exported and limited: nothing to report.
func PostLimited(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	_, _ = io.ReadAll(r.Body)
}

// Limited where it is registered, declared so.
func PostBehindProxy(w http.ResponseWriter, r *http.Request) {
	//connlint:ignore bodylimit cmd/gateway wraps the mux in http.MaxBytesHandler
	_, _ = io.ReadAll(r.Body)
}

// A method of an unexported type is not reachable by name.
type internal struct{}

func (internal) PostHidden(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}
