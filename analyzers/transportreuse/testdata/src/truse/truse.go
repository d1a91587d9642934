// Package truse calls trlib's helpers from handlers and loops, and once at
// start-up.
package truse

import (
	"context"
	"net/http"
	"sync"

	"github.com/coder/websocket"

	"trlib"
)

// Positives: a helper that builds a pool, called per request or per
// iteration; reported at the call, with the helper's declaration related.

func devices(w http.ResponseWriter, r *http.Request) {
	h := trlib.NewHelper() // want `trlib.NewHelper creates an http.Transport on every call and is called inside an HTTP handler: .* \(http.Transport is created at trlib.go:15\)`
	code, err := h.GetStatus(r.URL.Query().Get("uri"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.WriteHeader(code)
}

func probe(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{}
	c.Transport = trlib.NewTripper(trlib.Insecure()) // want `trlib.Insecure creates an http.Transport on every call and is called inside an HTTP handler`
	resp, err := c.Get("https://192.168.1.10/status")
	if err != nil {
		return
	}
	resp.Body.Close()
}

func pollAll(urls []string) {
	for _, u := range urls {
		c := &http.Client{Transport: trlib.Insecure()} // want `trlib.Insecure creates an http.Transport on every call and is called inside a loop`
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

// Negatives of the same shapes.

// Built once, at package level.
var shared = trlib.NewHelper()

func devicesShared(w http.ResponseWriter, r *http.Request) {
	if _, err := shared.GetStatus(r.URL.Query().Get("uri")); err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

// Service builds its helper in its constructor and keeps it.
type Service struct {
	h    *trlib.Helper
	once sync.Once
	lazy *http.Client
}

func NewService() *Service {
	return &Service{h: trlib.NewHelper()}
}

func (s *Service) devices(w http.ResponseWriter, r *http.Request) {
	if _, err := s.h.GetStatus("https://192.168.1.10/"); err != nil {
		w.WriteHeader(http.StatusBadGateway)
	}
}

// Built once under sync.Once, inside the handler.
func (s *Service) status(w http.ResponseWriter, r *http.Request) {
	s.once.Do(func() {
		s.lazy = &http.Client{Transport: trlib.NewTripper(trlib.Insecure())}
	})
	if resp, err := s.lazy.Get("https://192.168.1.10/"); err == nil {
		resp.Body.Close()
	}
}

// Stored in a field of the receiver: it outlives the request.
func (s *Service) reset(w http.ResponseWriter, r *http.Request) {
	s.lazy = &http.Client{Transport: trlib.NewTripper(trlib.Default())}
}

// Register keeps the Transport: not thrown away.
func registerAll(names []string) {
	for range names {
		trlib.Register(trlib.Default())
	}
}

// One Transport per websocket connection: the connection is hijacked and
// lives on, so a reconnect loop is not creating pools per request.
func dialUpstream(ctx context.Context, url string) (*websocket.Conn, error) {
	conn, _, err := websocket.Dial(ctx, url, &websocket.DialOptions{
		HTTPClient: &http.Client{Transport: trlib.Insecure()},
	})
	return conn, err
}

func reconnect(ctx context.Context, url string) {
	for ctx.Err() == nil {
		conn, err := dialUpstream(ctx, url)
		if err != nil {
			continue
		}
		_ = conn
		return
	}
}
