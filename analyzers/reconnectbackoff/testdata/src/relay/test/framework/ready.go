// Package framework starts the processes of an end-to-end suite and waits
// until they listen: one client, no real outage, no herd.
package framework

import (
	"net"
	"time"
)

func WaitForPort(addr string, deadline time.Time) error {
	var err error
	for time.Now().Before(deadline) {
		var conn net.Conn
		conn, err = net.DialTimeout("tcp", addr, 100*time.Millisecond)
		if err == nil {
			return conn.Close()
		}
		time.Sleep(50 * time.Millisecond) // want `reconnect loop waits a fixed 50ms between attempts`
	}
	return err
}
