package hub

import (
	"time"

	"github.com/gorilla/websocket"
)

const pongWait = 60 * time.Second

// Serve is the production read loop: it sets its deadline, so the
// package's only findings are in its test file.
func Serve(conn *websocket.Conn) { // want Serve:"setsReadDeadline.0."
	conn.SetReadDeadline(time.Now().Add(pongWait))
	conn.SetPongHandler(func(string) error { return conn.SetReadDeadline(time.Now().Add(pongWait)) })
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}
