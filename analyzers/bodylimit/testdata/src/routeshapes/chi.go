package routeshapes

import (
	"io"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// DeviceRoutes nests routes with r.Route; one of them takes a limit with
// r.With.
func DeviceRoutes(r chi.Router, h *Handlers) {
	r.Route("/devices", func(r chi.Router) {
		r.Post("/", h.createDevice)
		r.With(middleware.RequestSize(1<<20)).Post("/bulk", h.bulkDevices)
	})
	r.Group(func(r chi.Router) {
		r.Use(middleware.RequestSize(64 << 10))
		r.Post("/commands", h.command)
	})
}

func (h *Handlers) createDevice(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body with no size limit`
}

func (h *Handlers) bulkDevices(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

func (h *Handlers) command(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}
