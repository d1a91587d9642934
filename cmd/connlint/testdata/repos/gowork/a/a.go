package a

import "net/http"

// NewTransport returns the transport every client of the fleet uses.
func NewTransport() *http.Transport {
	return &http.Transport{DisableKeepAlives: true}
}
