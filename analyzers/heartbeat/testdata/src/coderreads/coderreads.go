// Package coderreads reads coder/websocket connections and never pings
// them: only a read context with a deadline notices a dead peer.
package coderreads

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"time"

	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"
	oldws "nhooyr.io/websocket"
)

// Echo reads with the request's context, which lives as long as the
// handler: a client that vanished keeps the goroutine forever.
func Echo(w http.ResponseWriter, r *http.Request) {
	c, err := websocket.Accept(w, r, nil)
	if err != nil {
		return
	}
	for {
		typ, msg, err := c.Read(r.Context()) // want `Read in a loop on a websocket connection with a context that never expires, and the package never calls Ping`
		if err != nil {
			return
		}
		c.Write(r.Context(), typ, msg)
	}
}

type Client struct{ conn *websocket.Conn }

// Run hands its context, from main, down to the read loop.
func (cl *Client) Run(ctx context.Context) {
	go cl.readLoop(ctx)
}

func (cl *Client) readLoop(ctx context.Context) {
	for {
		var ev struct{ Kind string }
		if err := wsjson.Read(ctx, cl.conn, &ev); err != nil { // want `Read in a loop on a websocket connection with a context that never expires`
			return
		}
	}
}

// Legacy uses the old import path, with a context that ends on SIGTERM
// only.
func Legacy(url string) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	c, _, err := oldws.Dial(ctx, url, nil)
	if err != nil {
		return
	}
	for {
		if _, _, err := c.Read(ctx); err != nil { // want `Read in a loop on a websocket connection with a context that never expires`
			return
		}
	}
}

// Bounded gives every read 90 s: a silent peer is dropped.
func Bounded(parent context.Context, c *websocket.Conn) {
	for {
		ctx, cancel := context.WithTimeout(parent, 90*time.Second)
		_, _, err := c.Read(ctx)
		cancel()
		if err != nil {
			return
		}
	}
}

// Handshake reads one reply outside any loop.
func Handshake(c *websocket.Conn) ([]byte, error) {
	_, msg, err := c.Read(context.Background())
	return msg, err
}

// Session takes its context from a helper the analyzer does not judge.
func Session(c *websocket.Conn, session func() context.Context) {
	ctx := session()
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return
		}
	}
}

// Deadline derives a cancelable context from a deadline one.
func Deadline(parent context.Context, c *websocket.Conn) {
	dctx, cancel := context.WithDeadline(parent, time.Now().Add(time.Hour))
	defer cancel()
	ctx, stop := context.WithCancel(dctx)
	defer stop()
	for {
		if _, _, err := c.Read(ctx); err != nil {
			return
		}
	}
}
