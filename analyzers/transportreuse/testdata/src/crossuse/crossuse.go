// Package crossuse calls crossdep's helpers; it does not import net/http
// itself.
package crossuse

import (
	"github.com/gin-gonic/gin"

	"crossdep"
)

var keep = crossdep.NewClient()

// Positives.

func flush(batches [][]byte) {
	for _, b := range batches {
		if err := crossdep.Send(b); err != nil { // want `crossdep.Send creates an http.Transport on every call and is called inside a loop`
			return
		}
	}
}

func status(c *gin.Context) {
	client := crossdep.NewClient() // want `crossdep.NewClient creates an http.Transport on every call and is called inside an HTTP handler`
	resp, err := client.Get(crossdep.Endpoint)
	if err != nil {
		c.AbortWithStatus(502)
		return
	}
	resp.Body.Close()
}

// Negatives.

func flushShared(batches [][]byte) {
	for range batches {
		if resp, err := crossdep.Shared().Get(crossdep.Endpoint); err == nil {
			resp.Body.Close()
		}
	}
}

func statusKept(c *gin.Context) {
	if resp, err := keep.Get(crossdep.Endpoint); err == nil {
		resp.Body.Close()
	}
}

// runOnce makes one client per call and reuses it in its loop.
func runOnce() { // want runOnce:"creates and uses an http.Transport \\(depth 2\\)"
	client := crossdep.NewClient()
	for range 3 {
		if resp, err := client.Get(crossdep.Endpoint); err == nil {
			resp.Body.Close()
		}
	}
}
