package poller

import (
	"net/http"
	"testing"
	"time"
)

func TestPolls(t *testing.T) {
	for range time.Tick(time.Second) {
		if resp, err := http.Get(updatesURL); err == nil {
			resp.Body.Close()
		}
	}
}
