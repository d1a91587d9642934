// Package pumps splits the reader and the pinger into two plain
// functions: the pong wait is found at package level.
package pumps

import (
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

const wait = 30 * time.Second

var up websocket.Upgrader

func serve(w http.ResponseWriter, r *http.Request) {
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	go pump(conn)
	read(conn)
}

func read(conn *websocket.Conn) { // want read:"setsReadDeadline.0."
	conn.SetReadDeadline(time.Now().Add(wait))
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func pump(conn *websocket.Conn) {
	t := time.NewTicker(45 * time.Second) // want `websocket ping period 45s is not shorter than the pong wait 30s`
	defer t.Stop()
	for range t.C {
		if conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)) != nil {
			return
		}
	}
}
