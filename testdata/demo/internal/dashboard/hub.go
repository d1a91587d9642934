// Package dashboard pushes live readings to browser dashboards over
// WebSockets.
package dashboard

import (
	"log"
	"net/http"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Heartbeat timing: pings at 90% of the pong wait, so a missed pong is
// noticed before the read deadline fires, and under half of the 60 s idle
// timeout of the load balancer in front of the service, so one late ping
// still arrives before the balancer closes the idle connection.
const (
	pongWait   = 25 * time.Second
	pingPeriod = (pongWait * 9) / 10
	writeWait  = 10 * time.Second
)

// Hub fans readings out to every connected dashboard.
type Hub struct {
	upgrader websocket.Upgrader
	mu       sync.Mutex
	clients  map[*websocket.Conn]bool
}

// NewHub returns a Hub ready to serve /ws.
func NewHub() *Hub {
	return &Hub{clients: make(map[*websocket.Conn]bool)}
}

// ServeHTTP upgrades the request and keeps the connection alive with
// pings.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	conn, err := h.upgrader.Upgrade(w, r, nil)
	if err != nil {
		log.Printf("upgrade: %v", err)
		return
	}
	h.mu.Lock()
	h.clients[conn] = true
	h.mu.Unlock()
	go h.pinger(conn)
	h.readLoop(conn)
}

func (h *Hub) readLoop(conn *websocket.Conn) {
	defer h.drop(conn)
	conn.SetReadLimit(4096)
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

func (h *Hub) drop(conn *websocket.Conn) {
	h.mu.Lock()
	delete(h.clients, conn)
	h.mu.Unlock()
	conn.Close()
}
