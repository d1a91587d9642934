package nethttp

import (
	"net/http"
	"testing"
)

func TestProxy(t *testing.T) {
	for range 3 {
		c := &http.Client{Transport: &http.Transport{}}
		if resp, err := c.Get(upstream); err == nil {
			resp.Body.Close()
		}
	}
}
