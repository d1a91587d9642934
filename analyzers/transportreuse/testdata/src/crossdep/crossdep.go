// Package crossdep is a client library whose helpers create pools.
package crossdep

import (
	"bytes"
	"net/http"
)

const Endpoint = "https://ingest.example.com/v1"

var shared = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}

// NewClient returns a client with a Transport of its own.
func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
}

// Send posts body with a throw-away pool.
func Send(body []byte) error {
	c := NewClient()
	resp, err := c.Post(Endpoint, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Shared returns the package's client: no pool is created per call.
func Shared() *http.Client { return shared }
