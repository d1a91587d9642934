// Package coderws keeps coder/websocket connections alive with Ping.
package coderws

import (
	"context"
	"time"

	"github.com/coder/websocket"
)

const (
	pingEvery   = 25 * time.Second
	pingTimeout = 10 * time.Second
)

// keepAlive pings every 25 s and gives each ping 10 s: correct.
func keepAlive(ctx context.Context, c *websocket.Conn) {
	t := time.NewTicker(pingEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			pctx, cancel := context.WithTimeout(ctx, pingTimeout)
			err := c.Ping(pctx)
			cancel()
			if err != nil {
				c.Close(websocket.StatusNormalClosure, "ping timeout")
				return
			}
		}
	}
}

// lazyKeepAlive waits up to a minute for a pong that it asks for every
// 30 s.
func lazyKeepAlive(ctx context.Context, c *websocket.Conn) {
	t := time.NewTicker(30 * time.Second) // want `Ping's context timeout 1m0s is not shorter than the ping period 30s`
	defer t.Stop()
	for range t.C {
		pctx, cancel := context.WithTimeout(ctx, time.Minute)
		if err := c.Ping(pctx); err != nil {
			cancel()
			return
		}
		cancel()
	}
}

// deadlineKeepAlive uses WithDeadline, shorter than the period: correct.
func deadlineKeepAlive(ctx context.Context, c *websocket.Conn) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(20 * time.Second):
			pctx, cancel := context.WithDeadline(ctx, time.Now().Add(5*time.Second))
			c.Ping(pctx)
			cancel()
		}
	}
}

// untimed pings without a timeout: recorded with an unknown timeout.
func untimed(ctx context.Context, c *websocket.Conn) {
	for range time.Tick(pingEvery) {
		if c.Ping(ctx) != nil {
			return
		}
	}
}
