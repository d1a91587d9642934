package dashboard

import (
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

// Client is gorilla's chat-example shape: the connection is a field, the
// read pump sets the deadline and the pong handler, the write pump pings
// from a select.
type Client struct {
	conn *websocket.Conn
	send chan []byte
}

func serveClient(up *websocket.Upgrader, w http.ResponseWriter, r *http.Request) {
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &Client{conn: conn, send: make(chan []byte, 16)}
	go c.writePump()
	go c.readPump()
}

func (c *Client) readPump() {
	defer c.conn.Close()
	c.conn.SetReadLimit(512)
	c.conn.SetReadDeadline(time.Now().Add(pongWait))
	c.conn.SetPongHandler(func(string) error { c.conn.SetReadDeadline(time.Now().Add(pongWait)); return nil })
	for {
		_, msg, err := c.conn.ReadMessage()
		if err != nil {
			return
		}
		c.send <- msg
	}
}

func (c *Client) writePump() {
	ticker := time.NewTicker(pingPeriod)
	defer ticker.Stop()
	for {
		select {
		case msg, ok := <-c.send:
			c.conn.SetWriteDeadline(time.Now().Add(writeWait))
			if !ok {
				c.conn.WriteMessage(websocket.CloseMessage, []byte{})
				return
			}
			c.conn.WriteMessage(websocket.TextMessage, msg)
		case <-ticker.C:
			c.conn.SetWriteDeadline(time.Now().Add(writeWait))
			if err := c.conn.WriteMessage(websocket.PingMessage, nil); err != nil {
				return
			}
		}
	}
}

// feed stores the connection in a Client, whose read pump sets the
// deadline on the field: the local read loop shares that deadline.
func feed(up *websocket.Upgrader, w http.ResponseWriter, r *http.Request) {
	conn, err := up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &Client{conn: conn}
	go c.writePump()
	c.conn.SetReadDeadline(time.Now().Add(pongWait))
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

// tail reads with a NextReader loop on a field that nobody ever gives a
// deadline.
type tail struct {
	ws *websocket.Conn
}

func (t *tail) run() {
	for {
		_, r, err := t.ws.NextReader() // want `NextReader in a loop on a websocket connection that never gets a read deadline`
		if err != nil || r == nil {
			return
		}
	}
}
