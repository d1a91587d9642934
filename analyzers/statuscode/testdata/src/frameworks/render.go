package frameworks

import (
	"net/http"

	"github.com/go-chi/render"
)

func renderUpdate(w http.ResponseWriter, r *http.Request) {
	if err := enqueue(nil); err != nil {
		render.Status(r, http.StatusServiceUnavailable) // want `status 503 without a Retry-After header`
		render.JSON(w, r, map[string]string{"error": err.Error()})
		return
	}
	if r.URL.Query().Get("id") == "" {
		render.JSON(w, r, map[string]string{"error": "missing id"}) // want `render.JSON sends an error body with status 200`
		return
	}
	render.Status(r, http.StatusAccepted)
	render.JSON(w, r, map[string]string{"status": "queued"})
}

func renderUpdateProperly(w http.ResponseWriter, r *http.Request) {
	if err := enqueue(nil); err != nil {
		w.Header().Set("Retry-After", "10")
		render.Status(r, http.StatusServiceUnavailable)
		render.JSON(w, r, map[string]string{"error": err.Error()})
		return
	}
	if r.URL.Query().Get("id") == "" {
		render.Status(r, http.StatusBadRequest)
		render.JSON(w, r, map[string]string{"error": "missing id"})
		return
	}
	render.JSON(w, r, map[string]string{"status": "queued"})
}
