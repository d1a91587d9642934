// Package readiness is the status watcher of an end-to-end suite.
package readiness

import (
	"net/http"
	"time"
)

func Watch(url string, seen chan<- int) {
	for range time.Tick(200 * time.Millisecond) {
		resp, err := http.Get(url) // want `polls an HTTP endpoint with GET every 200ms`
		if err != nil {
			continue
		}
		seen <- resp.StatusCode
		resp.Body.Close()
	}
}
