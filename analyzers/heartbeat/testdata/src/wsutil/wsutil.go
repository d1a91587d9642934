// Package wsutil is a shared helper package: it configures the deadlines
// of connections that other packages read from.
package wsutil

import (
	"time"

	"github.com/gorilla/websocket"
)

// Configure sets the read deadline and keeps extending it on every pong.
func Configure(conn *websocket.Conn, wait time.Duration) { // want Configure:"setsReadDeadline.0."
	conn.SetReadDeadline(time.Now().Add(wait))
	conn.SetPongHandler(func(string) error {
		return conn.SetReadDeadline(time.Now().Add(wait))
	})
}

// Limit only limits the message size: no fact.
func Limit(conn *websocket.Conn) {
	conn.SetReadLimit(1 << 16)
}

// ConfigureVia sets the deadline through another helper: the fact is
// transitive.
func ConfigureVia(limit int64, conn *websocket.Conn) { // want ConfigureVia:"setsReadDeadline.1."
	conn.SetReadLimit(limit)
	Configure(conn, time.Minute)
}
