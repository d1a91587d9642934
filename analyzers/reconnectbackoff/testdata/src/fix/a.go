// Package fix holds fixed waits in counted loops, which get a suggested
// fix.
package fix

import (
	"context"
	"net"
	"time"
)

const retryDelay = 2 * time.Second

func dial(addr string) (net.Conn, error) {
	var err error
	for attempt := 0; attempt < 10; attempt++ {
		var conn net.Conn
		if conn, err = net.Dial("tcp", addr); err == nil {
			return conn, nil
		}
		time.Sleep(2 * time.Second) // want `reconnect loop waits a fixed 2s`
	}
	return nil, err
}

func dialCtx(ctx context.Context, addr string) (net.Conn, error) {
	var d net.Dialer
	for i := 0; ; i++ {
		conn, err := d.DialContext(ctx, "tcp", addr)
		if err == nil {
			return conn, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(retryDelay): // want `reconnect loop waits a fixed 2s`
		}
	}
}

// No counter: the message, but no fix.
func dialForever(addr string) net.Conn {
	for {
		if conn, err := net.Dial("tcp", addr); err == nil {
			return conn
		}
		time.Sleep(retryDelay) // want `reconnect loop waits a fixed 2s`
	}
}
