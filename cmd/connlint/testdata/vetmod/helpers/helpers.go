// Package helpers builds clients and drains responses for package app.
package helpers

import (
	"io"
	"net/http"
)

// NewClient returns a client with a fresh pool each time it is called.
func NewClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConns: 2}}
}

// Drain reads the body to EOF and closes it.
func Drain(resp *http.Response) {
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}
