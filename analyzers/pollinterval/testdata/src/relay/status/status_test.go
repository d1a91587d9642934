package status

import (
	"net/http"
	"testing"
	"time"
)

func TestWatch(t *testing.T) {
	for range time.Tick(time.Second) {
		if resp, err := http.Get("http://127.0.0.1:8080/v1/state"); err == nil { // want `polls http://127.0.0.1:8080/v1/state every 1s`
			resp.Body.Close()
		}
	}
}
