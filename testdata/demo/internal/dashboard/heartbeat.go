package dashboard

import (
	"log"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

// The alarm console's heartbeat was "tuned" to the 60 s idle timeout of
// the load balancer: it pings exactly as often as its read deadline
// expires, so the deadline fires before the pong of the next ping can
// extend it and every quiet console is disconnected once a minute.
// Hub (hub.go) shows the fix: pingPeriod = (pongWait * 9) / 10.
const (
	alertPongWait   = 60 * time.Second
	alertPingPeriod = 60 * time.Second
)

// Alerts pushes alarm events to operator consoles.
type Alerts struct {
	upgrader websocket.Upgrader
}

// ServeHTTP upgrades the request, starts the pinger and reads until the
// console goes away.
func (a *Alerts) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	conn, err := a.upgrader.Upgrade(w, r, nil)
	if err != nil {
		log.Printf("upgrade: %v", err)
		return
	}
	go a.pinger(conn)
	a.readLoop(conn)
}

func (a *Alerts) readLoop(conn *websocket.Conn) {
	defer conn.Close()
	conn.SetReadDeadline(time.Now().Add(alertPongWait))
	conn.SetPongHandler(func(string) error {
		return conn.SetReadDeadline(time.Now().Add(alertPongWait))
	})
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (a *Alerts) pinger(conn *websocket.Conn) {
	ticker := time.NewTicker(alertPingPeriod)
	defer ticker.Stop()
	for range ticker.C {
		if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(writeWait)); err != nil {
			return
		}
	}
}
