// Package draincheckoff is checked with -bodydrain.drain=false: only
// bodies left open are reported.
package draincheckoff

import (
	"fmt"
	"net/http"
)

// Notify closes without reading: not reported with the drain check off.
func Notify(c *http.Client, url string) error {
	resp, err := c.Post(url, "text/plain", nil)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("notify: %s", resp.Status)
	}
	return nil
}

// Leak is still reported.
func Leak(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url) // want `response body of c.Get is not closed on every path`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
