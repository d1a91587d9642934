package gateway

import (
	"net"
	"testing"
	"time"
)

func TestDialRetry(t *testing.T) {
	for {
		conn, err := net.Dial("tcp", "localhost:1")
		if err == nil {
			conn.Close()
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}
