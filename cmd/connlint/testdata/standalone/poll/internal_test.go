package poll

import (
	"net/http"
	"testing"
	"time"
)

func pollFast(u string) {
	for {
		resp, err := http.Get(u)
		if err == nil {
			resp.Body.Close()
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestPoll(t *testing.T) { _ = pollFast }
