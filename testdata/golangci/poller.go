// Package gclfixture is the module the golangci-lint integration test
// (.ci/golangci-lint.sh) lints with a custom golangci-lint that includes
// connlint: one keep-alive mistake and one ten-minute HTTP poll.
package gclfixture

import (
	"io"
	"net/http"
	"time"
)

var client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

// Watch polls the device's state every ten minutes.
func Watch(url string, stop <-chan struct{}) {
	ticker := time.NewTicker(10 * time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-stop:
			return
		case <-ticker.C:
			resp, err := client.Get(url)
			if err != nil {
				continue
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
}
