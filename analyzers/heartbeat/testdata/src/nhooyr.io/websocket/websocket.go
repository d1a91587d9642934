// Package websocket is a minimal stand-in for nhooyr.io/websocket, coder/websocket's former path, for tests.
package websocket

import (
	"context"
	"net/http"
)

type MessageType int

type Conn struct{}

func Dial(ctx context.Context, u string, opts any) (*Conn, *http.Response, error) {
	return nil, nil, nil
}
func (c *Conn) Ping(ctx context.Context) error                        { return nil }
func (c *Conn) Read(ctx context.Context) (MessageType, []byte, error) { return 0, nil, nil }
