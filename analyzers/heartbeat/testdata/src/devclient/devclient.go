// Package devclient is a gateway that subscribes to commands over a
// websocket it dials itself.
package devclient

import (
	"context"
	"time"

	"github.com/gorilla/websocket"
)

// Subscribe reads commands forever from a connection without deadline:
// when the NAT mapping expires the gateway waits for ever.
func Subscribe(ctx context.Context, url string, handle func([]byte)) error {
	conn, _, err := websocket.DefaultDialer.DialContext(ctx, url, nil)
	if err != nil {
		return err
	}
	defer conn.Close()
	for {
		_, msg, err := conn.ReadMessage() // want `ReadMessage in a loop on a websocket connection that never gets a read deadline`
		if err != nil {
			return err
		}
		handle(msg)
	}
}

// session is a client whose reader and pinger are two methods that use
// the connection field and package-level constants.
type session struct {
	conn *websocket.Conn
}

const (
	readWait  = 40 * time.Second
	keepEvery = 15 * time.Second
)

func (s *session) reader(handle func([]byte)) {
	for {
		s.conn.SetReadDeadline(time.Now().Add(readWait))
		_, msg, err := s.conn.ReadMessage()
		if err != nil {
			return
		}
		handle(msg)
	}
}

func (s *session) pinger(ctx context.Context) {
	t := time.NewTicker(keepEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			s.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(5*time.Second))
		}
	}
}
