package link

import (
	"math/rand/v2"
	"net"
	"time"
)

// Dial is the production reconnect: capped, jittered backoff.
func Dial(addr string) net.Conn {
	delay := time.Second
	for {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn
		}
		time.Sleep(delay + rand.N(delay/2))
		delay = min(delay*2, time.Minute)
	}
}
