package hub

import (
	"testing"

	"github.com/gorilla/websocket"
)

func drain(t *testing.T, conn *websocket.Conn) {
	for {
		if _, _, err := conn.ReadMessage(); err != nil { // want `ReadMessage in a loop on a websocket connection that never gets a read deadline`
			return
		}
	}
}
