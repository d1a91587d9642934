// Package dashboard pushes readings to browser dashboards: the correct
// gorilla patterns, in several shapes, and the mistakes beside them.
package dashboard

import (
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

// Hub is the correct pattern with the pinger and the reader as two
// methods that each receive the connection.
type Hub struct {
	upgrader websocket.Upgrader
}

func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	conn, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	go h.pinger(conn)
	h.readLoop(conn)
}

func (h *Hub) readLoop(conn *websocket.Conn) { // want readLoop:"setsReadDeadline.0."
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(pongWait))
	conn.SetPongHandler(func(string) error {
		return conn.SetReadDeadline(time.Now().Add(pongWait))
	})
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (h *Hub) pinger(conn *websocket.Conn) {
	ticker := time.NewTicker(pingPeriod)
	defer ticker.Stop()
	for range ticker.C {
		if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeWait)); err != nil {
			return
		}
	}
}

// slowHub pings exactly as often as its read deadline expires.
type slowHub struct {
	upgrader websocket.Upgrader
}

func (h *slowHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	conn, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	go h.pinger(conn)
	h.readLoop(conn)
}

func (h *slowHub) readLoop(conn *websocket.Conn) { // want readLoop:"setsReadDeadline.0."
	conn.SetReadDeadline(time.Now().Add(slowWait))
	conn.SetPongHandler(func(string) error { return conn.SetReadDeadline(time.Now().Add(slowWait)) })
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (h *slowHub) pinger(conn *websocket.Conn) {
	ticker := time.NewTicker(slowPing) // want `websocket ping period 1m0s is not shorter than the pong wait 1m0s of the read deadline: .*pingPeriod = \(pongWait \* 9\) / 10`
	defer ticker.Stop()
	for range ticker.C {
		if err := conn.WriteMessage(websocket.PingMessage, nil); err != nil {
			return
		}
	}
}
