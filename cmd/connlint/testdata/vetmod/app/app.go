// Package app is the fixture for connlint's end-to-end test under go vet.
package app

import (
	"crypto/tls"
	"io"
	"net/http"
	"time"

	"example.com/vetmod/helpers"
)

// shared is the correct pattern: one pool for the process.
var shared = &http.Client{Timeout: 5 * time.Second}

var legacy = &http.Transport{
	DisableKeepAlives: true,
}

// Handler builds a pool per request.
func Handler(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Get("https://storage.internal/")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	io.Copy(w, resp.Body)
}

// Poll asks a helper in another package for a client on every tick.
func Poll(urls []string) {
	for _, u := range urls {
		c := helpers.NewClient()
		resp, err := c.Get(u)
		if err != nil {
			continue
		}
		helpers.Drain(resp)
	}
}

// Leak never closes the body.
func Leak(u string) int {
	resp, err := shared.Get(u)
	if err != nil {
		return 0
	}
	return resp.StatusCode
}

// Reconnect dials with a config that has no session cache.
func Reconnect(addr string) {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	for {
		conn, err := tls.Dial("tcp", addr, cfg)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		serve(conn)
	}
}

func serve(c *tls.Conn) { c.Close() }

// Suppressed is excused with a reason.
func Suppressed(u string) int {
	resp, err := shared.Get(u) //connlint:ignore bodydrain fixture: the caller's process exits right after
	if err != nil {
		return 0
	}
	return resp.StatusCode
}
