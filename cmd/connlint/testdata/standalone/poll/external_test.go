package poll_test

import (
	"net/http"
	"testing"
	"time"
)

func pollSlow(u string) {
	for {
		resp, err := http.Get(u)
		if err == nil {
			resp.Body.Close()
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestPollSlow(t *testing.T) { _ = pollSlow }
