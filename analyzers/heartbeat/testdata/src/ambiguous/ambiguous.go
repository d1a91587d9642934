// Package ambiguous has two readers with different pong waits and one
// pinger function for both: which pong wait it races against is unknown,
// so nothing is reported.
package ambiguous

import (
	"time"

	"github.com/gorilla/websocket"
)

func fast(conn *websocket.Conn) { // want fast:"setsReadDeadline.0."
	conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func slow(conn *websocket.Conn) { // want slow:"setsReadDeadline.0."
	conn.SetReadDeadline(time.Now().Add(90 * time.Second))
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func ping(conn *websocket.Conn) {
	for range time.Tick(time.Minute) {
		conn.WriteMessage(websocket.PingMessage, nil)
	}
}
