// Package dial reconnects on a fixed interval. It imports net, not
// net/http: the in-process runs of TestStandaloneInProcess load its
// dependencies from source, and net's are a third of net/http's.
package dial

import (
	"net"
	"time"
)

// Keep redials addr five seconds after each failure.
func Keep(addr string) {
	for {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			time.Sleep(5 * time.Second)
			continue
		}
		c.Close()
	}
}
