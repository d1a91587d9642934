package devices

import (
	"net/http"
	"testing"
)

func fakeBusy(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusServiceUnavailable)
	http.Error(w, "fine in a test", http.StatusOK)
}

func TestBusy(t *testing.T) {}
