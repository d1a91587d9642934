// Package poll has findings in its own files, in its internal test files
// and in its external test package (with -pollinterval.tests): the
// multichecker reports the package, its test variant and the external
// test package apart.
package poll

import (
	"net/http"
	"time"
)

// Watch polls u every second.
func Watch(u string) {
	for {
		resp, err := http.Get(u)
		if err == nil {
			resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
}
