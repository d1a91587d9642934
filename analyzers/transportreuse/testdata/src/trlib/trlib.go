// Package trlib layers HTTP client helpers the way client libraries do:
// a Transport constructor, an insecure variant, a logging RoundTripper
// around it, a Client constructor and a helper type embedding the Client.
package trlib

import (
	"crypto/tls"
	"log"
	"net/http"
	"time"
)

// Default returns a new Transport: a new, empty connection pool.
func Default() *http.Transport { // want Default:"creates and returns an http.Transport \\(depth 1\\)"
	return &http.Transport{
		MaxIdleConns:    16,
		IdleConnTimeout: 90 * time.Second,
	}
}

// Insecure is Default without certificate verification.
func Insecure() *http.Transport { // want Insecure:"creates and returns an http.Transport \\(depth 2\\)"
	t := Default()
	t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	return t
}

type logging struct{ base http.RoundTripper }

func (l *logging) RoundTrip(r *http.Request) (*http.Response, error) {
	log.Printf("%s %s", r.Method, r.URL)
	return l.base.RoundTrip(r)
}

// NewTripper wraps base into a logging RoundTripper: base lives as long as
// the result.
func NewTripper(base http.RoundTripper) http.RoundTripper { // want NewTripper:"wraps \\[0\\], drops \\[\\]"
	t := &logging{base: base}
	return t
}

var registry []http.RoundTripper

// Register keeps base for ever.
func Register(base http.RoundTripper) { registry = append(registry, base) }

// NewClient returns a Client with a Transport of its own.
func NewClient() *http.Client { // want NewClient:"creates and returns an http.Transport \\(depth 2\\)"
	return &http.Client{Timeout: 10 * time.Second, Transport: NewTripper(Default())}
}

// Helper embeds a Client with convenience methods.
type Helper struct {
	*http.Client
}

// NewHelper returns a helper with a Client of its own: three levels down
// to the Transport literal.
func NewHelper() *Helper { // want NewHelper:"creates and returns an http.Transport \\(depth 3\\)"
	return &Helper{Client: NewClient()}
}

// GetStatus sends one request with the helper.
func (h *Helper) GetStatus(url string) (int, error) {
	resp, err := h.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}
