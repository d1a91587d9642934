package policies

import (
	"math/rand/v2"
	"net"
	"time"
)

// Linear growth without jitter: 2 s, 4 s, 6 s… for every client alike.
func linear(addr string) (net.Conn, error) {
	var lastErr error
	for attempt := 1; attempt <= 5; attempt++ {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn, nil
		}
		lastErr = err
		time.Sleep(time.Duration(attempt) * 2 * time.Second) // want `reconnect loop backoff grows without jitter`
	}
	return nil, lastErr
}

// The same linear growth over a range, unbounded in count but capped.
func linearRange(addr string) net.Conn {
	attempt := 0
	for {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn
		}
		attempt++
		time.Sleep(min(time.Duration(attempt)*time.Second, 30*time.Second)) // want `reconnect loop backoff grows without jitter`
	}
}

// Linear growth with jitter: clients are spread out.
func linearJittered(addr string) (net.Conn, error) {
	var lastErr error
	for attempt := 1; attempt <= 5; attempt++ {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn, nil
		}
		lastErr = err
		d := time.Duration(attempt) * 2 * time.Second
		time.Sleep(d + rand.N(d/2))
	}
	return nil, lastErr
}
