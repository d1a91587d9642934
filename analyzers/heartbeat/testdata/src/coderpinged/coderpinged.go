// Package coderpinged reads with a context that never expires, but a
// goroutine pings the connection: a dead peer fails the Ping, which
// closes the connection and ends the read.
package coderpinged

import (
	"context"
	"time"

	"github.com/coder/websocket"
)

func Serve(c *websocket.Conn) {
	ctx := context.Background()
	go heartbeat(ctx, c)
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return
		}
	}
}

func heartbeat(ctx context.Context, c *websocket.Conn) {
	t := time.NewTicker(20 * time.Second)
	defer t.Stop()
	for range t.C {
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err := c.Ping(pctx)
		cancel()
		if err != nil {
			c.CloseNow()
			return
		}
	}
}
