// Package threshold is checked with -pollinterval.min=5m.
package threshold

import (
	"net/http"
	"time"
)

func tenMinutes() {
	for range time.Tick(10 * time.Minute) {
		if resp, err := http.Get("https://api.example.com/v1/updates"); err == nil {
			resp.Body.Close()
		}
	}
}

func oneMinute() {
	for range time.Tick(time.Minute) {
		if resp, err := http.Get("https://api.example.com/v1/updates"); err == nil { // want `every 1m \(1440 requests a day\): .* above one poll per 5m push updates instead`
			resp.Body.Close()
		}
	}
}
