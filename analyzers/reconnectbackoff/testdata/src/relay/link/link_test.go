package link

import (
	"net"
	"testing"
	"time"
)

func TestDial(t *testing.T) {
	for {
		conn, err := net.Dial("tcp", "127.0.0.1:9")
		if err == nil {
			conn.Close()
			return
		}
		time.Sleep(10 * time.Millisecond) // want `reconnect loop waits a fixed 10ms between attempts`
	}
}
