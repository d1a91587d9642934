package dashboard

import (
	"flag"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

var pingEvery = flag.Duration("ping", 20*time.Second, "websocket ping period")

// inline does everything in one handler: the pinger is a goroutine
// literal and pings twice per pong wait... the other way round.
func inline(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	const wait = 30 * time.Second
	go func() {
		t := time.NewTicker(wait * 2) // want `websocket ping period 1m0s is not shorter than the pong wait 30s`
		defer t.Stop()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-t.C:
				conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
			}
		}
	}()
	conn.SetReadDeadline(time.Now().Add(wait))
	conn.SetPongHandler(func(string) error { return conn.SetReadDeadline(time.Now().Add(wait)) })
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// flagged pings at a period from a flag: unknown, not guessed.
func flagged(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	go func() {
		for range time.Tick(*pingEvery) {
			conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
		}
	}()
	conn.SetReadDeadline(time.Now().Add(pongWait))
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// adaptive resets its ticker: the period is not the one it starts with.
func adaptive(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	t := time.NewTicker(time.Minute)
	for range t.C {
		conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
		t.Reset(5 * time.Second)
	}
}

// sleepy paces its pings with time.Sleep, well below the pong wait.
func sleepy(conn *websocket.Conn) { // want sleepy:"setsReadDeadline.0."
	conn.SetReadDeadline(time.Now().Add(pongWait))
	for {
		time.Sleep(20 * time.Second)
		if err := conn.WriteMessage(websocket.PingMessage, nil); err != nil {
			return
		}
	}
}

// probe sends a single ping, outside any loop: not a heartbeat.
func probe(conn *websocket.Conn) error {
	return conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Hour))
}
