package dashboard

import (
	"testing"

	"github.com/gorilla/websocket"
)

func readAll(t *testing.T, conn *websocket.Conn) {
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}
