package fix

import (
	"crypto/tls"
	"net/http"
	"time"
)

const (
	maxIdle = 16
	idle    = 90 * time.Second
)

// sharedTransport is taken: the fix picks another name.
var sharedTransport = http.DefaultTransport

func relay(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: &http.Transport{ // want `http.Transport created inside an HTTP handler`
		MaxIdleConns:    maxIdle,
		IdleConnTimeout: idle,
		TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12},
	}}
	if resp, err := client.Get("https://upstream.example.com"); err == nil {
		resp.Body.Close()
	}
}

func push(urls []string) {
	for _, u := range urls {
		c := &http.Client{Transport: &http.Transport{ForceAttemptHTTP2: true}} // want `http.Transport created inside a loop`
		if resp, err := c.Get(u); err == nil {
			resp.Body.Close()
		}
	}
}

// The literal uses a local value: moving it would change its meaning, so
// there is no fix.
func perRequestTimeout(w http.ResponseWriter, r *http.Request) {
	timeout := time.Duration(len(r.URL.Path)) * time.Second
	c := &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: timeout}} // want `http.Transport created inside an HTTP handler`
	if resp, err := c.Get("https://upstream.example.com"); err == nil {
		resp.Body.Close()
	}
}
