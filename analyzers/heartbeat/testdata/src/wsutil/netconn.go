package wsutil

import (
	"io"
	"time"

	"github.com/gorilla/websocket"
)

// netConn adapts a websocket connection to net.Conn, as MQTT clients do to
// carry MQTT over WebSockets: Read loops over frames inside one call, and
// the caller sets the deadline through SetReadDeadline. Not a finding.
type netConn struct {
	*websocket.Conn
	r io.Reader
}

func (c *netConn) Read(p []byte) (int, error) {
	for {
		if c.r == nil {
			_, r, err := c.NextReader()
			if err != nil {
				return 0, err
			}
			c.r = r
		}
		n, err := c.r.Read(p)
		if err == io.EOF {
			c.r = nil
			if n > 0 {
				return n, nil
			}
			continue
		}
		return n, err
	}
}

func (c *netConn) SetDeadline(t time.Time) error { return c.Conn.SetReadDeadline(t) }

// pumpConn embeds the connection too, but its read pump is an
// application loop, not an io.Reader: still a finding.
type pumpConn struct {
	*websocket.Conn
}

func (c *pumpConn) pump() {
	for {
		if _, _, err := c.ReadMessage(); err != nil { // want `ReadMessage in a loop on a websocket connection that never gets a read deadline`
			return
		}
	}
}
