package gateway

import (
	"net/http"
	"testing"
)

// Tests leak bodies on purpose; test files are skipped.
func TestLeak(t *testing.T) {
	resp, err := http.Get("http://127.0.0.1:1/")
	if err != nil {
		t.Skip(err)
	}
	_ = resp.StatusCode
}
