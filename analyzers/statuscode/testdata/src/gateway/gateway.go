package gateway

import (
	"net/http"
	"time"

	"retryhelp"
)

type Gateway struct{ overloaded bool }

func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if g.overloaded {
		retryhelp.RetryLater(w, 30*time.Second)
		w.WriteHeader(http.StatusServiceUnavailable) // Retry-After set by a helper of another package
		return
	}
	if r.ContentLength > 1<<20 {
		retryhelp.TooMany(w) // checked inside the helper
		return
	}
	w.WriteHeader(http.StatusServiceUnavailable) // want `status 503 without a Retry-After header`
}
