// Package pingfix holds gorilla and coder ping loops whose period a
// chain's fix may or may not rewrite.
package pingfix

import (
	"context"
	"time"

	cws "github.com/coder/websocket"
	"github.com/gorilla/websocket"
)

// A period written as its own constant, next to a pong wait of its own:
// the fix may rewrite 54 * time.Second.
const (
	ownWait   = 60 * time.Second
	ownPeriod = 54 * time.Second
)

type own struct{ conn *websocket.Conn }

func (o *own) read() {
	o.conn.SetReadDeadline(time.Now().Add(ownWait))
	o.conn.ReadMessage()
}

func (o *own) ping() {
	for range time.Tick(ownPeriod) {
		o.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
	}
}

// The pong wait is derived from the period: a shorter period would also
// shorten the wait, so no fix.
const (
	derivedPeriod = 30 * time.Second
	derivedWait   = derivedPeriod * 10 / 9
)

type derived struct{ conn *websocket.Conn }

func (d *derived) read() {
	d.conn.SetReadDeadline(time.Now().Add(derivedWait))
	d.conn.ReadMessage()
}

func (d *derived) ping() {
	for range time.Tick(derivedPeriod) {
		d.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
	}
}

// Derived through another constant: still no fix.
const (
	baseWait     = indirectPeriod + grace
	grace        = 5 * time.Second
	indirectWait = baseWait
	// indirectPeriod is declared after its uses.
	indirectPeriod = 25 * time.Second
)

type indirect struct{ conn *websocket.Conn }

func (i *indirect) read() {
	i.conn.SetReadDeadline(time.Now().Add(indirectWait))
	i.conn.ReadMessage()
}

func (i *indirect) ping() {
	for range time.Tick(indirectPeriod) {
		i.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
	}
}

// The period written in place: the fix rewrites it there.
const inlineWait = 40 * time.Second

type inline struct{ conn *websocket.Conn }

func (i *inline) read() {
	i.conn.SetReadDeadline(time.Now().Add(inlineWait))
	i.conn.ReadMessage()
}

func (i *inline) ping() {
	t := time.NewTicker(20 * time.Second)
	for range t.C {
		i.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
	}
}

// The gorilla example's shape: the period is arithmetic on the wait, not
// a literal, so no fix guesses what the author meant.
const (
	chatWait   = 60 * time.Second
	chatPeriod = (chatWait * 9) / 10
)

type chat struct{ conn *websocket.Conn }

func (c *chat) read() {
	c.conn.SetReadDeadline(time.Now().Add(chatWait))
	c.conn.ReadMessage()
}

func (c *chat) ping() {
	for range time.Tick(chatPeriod) {
		c.conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
	}
}

// coder/websocket: the Ping timeout must stay under the period, which a
// shorter period could break, so no fix.
func coder(ctx context.Context, c *cws.Conn) {
	for range time.Tick(50 * time.Second) {
		pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		c.Ping(pctx)
		cancel()
	}
}
