// Package xnetws serves sensors over golang.org/x/net/websocket.
package xnetws

import (
	"time"

	"golang.org/x/net/websocket"
)

// Telemetry receives readings with no deadline.
var Telemetry = websocket.Handler(func(ws *websocket.Conn) {
	var reading struct{ Value float64 }
	for {
		if err := websocket.JSON.Receive(ws, &reading); err != nil { // want `Receive in a loop on a websocket connection that never gets a read deadline: .*before each read`
			return
		}
	}
})

// Commands sets a deadline before every read: correct.
var Commands = websocket.Handler(func(ws *websocket.Conn) {
	var msg string
	for {
		ws.SetReadDeadline(time.Now().Add(90 * time.Second))
		if err := websocket.Message.Receive(ws, &msg); err != nil {
			return
		}
	}
})

// Raw reads bytes and sets the whole-connection deadline: correct.
func Raw(ws *websocket.Conn) { // want Raw:"setsReadDeadline.0."
	buf := make([]byte, 512)
	ws.SetDeadline(time.Now().Add(time.Minute))
	for {
		if _, err := ws.Read(buf); err != nil {
			return
		}
	}
}
