// Package exported holds handlers whose registration is in another
// package: the exported ones are reported, the limit is their own job.
package exported

import (
	"encoding/json"
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
)

type Handlers struct{}

func (h *Handlers) PostReading(w http.ResponseWriter, r *http.Request) {
	var v map[string]any
	_ = json.NewDecoder(r.Body).Decode(&v) // want `PostReading is registered outside this package: if a limit is applied there, declare it with .//connlint:ignore bodylimit reason.`
}

func Upload(c *gin.Context) {
	_, _ = c.GetRawData() // want `Upload is registered outside this package`
}

// An exported factory: the handler it returns is registered elsewhere.
func IngestHandler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body) // want `the handler is registered outside this package`
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

// A method of an unexported type is not reachable by name, but the type
// may reach a router through an interface: no limit is visible.
type internal struct{}

func (internal) PostHidden(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `no registration of PostHidden is visible`
}
