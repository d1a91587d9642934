package fix

import (
	"math/rand"
	"net"
	"time"
)

var jitterSource = rand.New(rand.NewSource(1))

func dialV1(addr string, pause time.Duration) net.Conn {
	for n := 0; n < 5; n++ {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn
		}
		time.Sleep(pause) // want `reconnect loop waits a fixed interval`
	}
	return nil
}
