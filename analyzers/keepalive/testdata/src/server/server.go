package server

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
)

var draining atomic.Bool

func status(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Connection", "close") // want `unconditional "Connection: close" response header makes every client reconnect`
	w.Write([]byte(`{"ok":true}`))
}

// closeEverything is middleware that closes every client connection.
func closeEverything(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Connection", "close") // want `unconditional "Connection: close" response header`
		next.ServeHTTP(w, r)
	})
}

func newServer() *http.Server {
	srv := &http.Server{Addr: ":8443", ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute}
	srv.SetKeepAlivesEnabled(false) // want `SetKeepAlivesEnabled\(false\) outside a shutdown sequence makes every client reconnect`
	return srv
}

func routes() http.Handler {
	r := chi.NewRouter()
	r.Use(closeEverything)
	r.Get("/status", status)
	return r
}

// Negatives.

// drainAware closes connections only while the instance drains.
func drainAware(w http.ResponseWriter, r *http.Request) {
	if draining.Load() {
		w.Header().Set("Connection", "close")
	}
	w.WriteHeader(http.StatusNoContent)
}

// shed asks net/http to close the incoming connection: the server's choice.
func shed(w http.ResponseWriter, r *http.Request) {
	r.Close = true
	http.Error(w, "overloaded", http.StatusServiceUnavailable)
}

func keepAliveResponse(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Connection", "keep-alive")
}

// helper is not a handler: whether it runs on every request is unknown.
func markClose(w http.ResponseWriter) {
	w.Header().Set("Connection", "close")
}

func ginHandler(c *gin.Context) {
	c.Request.Close = true
	c.JSON(http.StatusOK, gin.H{"ok": true})
}

func gracefulShutdown(ctx context.Context, srv *http.Server) error {
	srv.SetKeepAlivesEnabled(false)
	return srv.Shutdown(ctx)
}

func onShutdown(srv *http.Server) {
	srv.RegisterOnShutdown(func() {
		srv.SetKeepAlivesEnabled(false)
	})
}

type service struct{ srv *http.Server }

func (s *service) stopAccepting() {
	s.srv.SetKeepAlivesEnabled(false)
}

func (s *service) register() {
	s.srv.RegisterOnShutdown(s.stopAccepting)
}

func signalLoop(srv *http.Server) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM)
	go func() {
		<-sigs
		srv.SetKeepAlivesEnabled(false)
		time.Sleep(5 * time.Second)
		srv.Close()
	}()
}

// responseHeaderVar holds w.Header() in a variable: not followed.
func responseHeaderVar(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Connection", "close")
}

func reenable(srv *http.Server) {
	srv.SetKeepAlivesEnabled(true)
}

func suppressedResponse(w http.ResponseWriter, r *http.Request) {
	//connlint:ignore keepalive one-shot provisioning endpoint, each device calls it once
	w.Header().Set("Connection", "close")
}

// Options is the gateway's configuration, read from a file.
type Options struct {
	DisableKeepalive bool
	MaxConns         int
}

// startConfigured turns keep-alive off only when its operator asked for
// it: the option is judged where it is set, not here.
func startConfigured(opts Options) *http.Server {
	srv := &http.Server{Addr: ":8445", ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute}
	if opts.DisableKeepalive {
		srv.SetKeepAlivesEnabled(false)
	}
	return srv
}

// The look-alike: a condition on a count is no option to honour.
func startCapped(opts Options) *http.Server {
	srv := &http.Server{Addr: ":8446", ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute}
	if opts.MaxConns < 100 {
		srv.SetKeepAlivesEnabled(false) // want `SetKeepAlivesEnabled\(false\) outside a shutdown sequence`
	}
	return srv
}
