package routeshapes

import (
	"encoding/json"
	"io"
	"net/http"
)

// decoderFor wraps a reader in a strict decoder: the reads happen where
// the decoder is used.
func decoderFor(r io.Reader) *json.Decoder {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	return dec
}

// splitConfig reads a whole config through decoderFor.
func splitConfig(r io.Reader) (map[string]any, error) {
	var m map[string]any
	err := decoderFor(r).Decode(&m)
	return m, err
}

func SettingsRoutes(mux *http.ServeMux, h *Handlers, secret string) {
	mux.HandleFunc("PUT /settings", h.putSettings)
	mux.HandleFunc("PUT /settings/bounded", h.putSettingsBounded)
	mux.HandleFunc("PUT /loadpoint", h.putLoadpoint)
	mux.HandleFunc("PUT /loadpoint/bounded", h.putLoadpointBounded)
	// Middleware held in variables wrap the handlers they are called on.
	ensureAuth := requireToken(secret)
	mux.Handle("POST /apikey", ensureAuth(h.rotateKey()))
	bounded := limitBody
	mux.Handle("POST /apikey/bounded", bounded(h.rotateKeyBounded()))
}

func (h *Handlers) putSettings(w http.ResponseWriter, r *http.Request) {
	var v map[string]any
	_ = decoderFor(r.Body).Decode(&v) // want `decoderFor\(r.Body\).Decode reads the request body with no size limit`
}

func (h *Handlers) putSettingsBounded(w http.ResponseWriter, r *http.Request) {
	var v map[string]any
	_ = decoderFor(http.MaxBytesReader(w, r.Body, 64<<10)).Decode(&v)
}

func (h *Handlers) putLoadpoint(w http.ResponseWriter, r *http.Request) {
	_, _ = splitConfig(r.Body) // want `splitConfig \(which reads the body at line 20\) reads the request body`
}

func (h *Handlers) putLoadpointBounded(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	_, _ = splitConfig(r.Body)
}

func requireToken(secret string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != secret {
				http.Error(w, "unauthorized", http.StatusUnauthorized)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func (h *Handlers) rotateKey() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Password string }
		_ = json.NewDecoder(r.Body).Decode(&req) // want `Decode reads the request body with no size limit`
	}
}

func (h *Handlers) rotateKeyBounded() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req struct{ Password string }
		_ = json.NewDecoder(r.Body).Decode(&req)
	}
}
