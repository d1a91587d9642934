// Package echo is the websocket echo server of an end-to-end suite: it
// lives for one test run and never meets a vanished peer.
package echo

import (
	"net/http"

	"github.com/gorilla/websocket"
)

var upgrader websocket.Upgrader

func Handler(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	for {
		mt, msg, err := conn.ReadMessage() // want `ReadMessage in a loop on a websocket connection that never gets a read deadline`
		if err != nil {
			return
		}
		_ = conn.WriteMessage(mt, msg)
	}
}
