package flow

import (
	"net/http"
	"testing"
)

func TestMetrics(t *testing.T) {
	srv := newMetricsServer(http.NotFoundHandler())
	go srv.ListenAndServe()
	defer srv.Close()
}
