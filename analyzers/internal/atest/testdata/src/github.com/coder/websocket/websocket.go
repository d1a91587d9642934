// Package websocket is a minimal stand-in for github.com/coder/websocket, for tests.
package websocket

import (
	"context"
	"net/http"
)

type StatusCode int

const StatusNormalClosure StatusCode = 1000

type MessageType int

const MessageText MessageType = 1

type DialOptions struct {
	HTTPClient *http.Client
	HTTPHeader http.Header
}

type AcceptOptions struct{}

type Conn struct{}

func Dial(ctx context.Context, u string, opts *DialOptions) (*Conn, *http.Response, error) {
	return nil, nil, nil
}
func Accept(w http.ResponseWriter, r *http.Request, opts *AcceptOptions) (*Conn, error) {
	return nil, nil
}
func (c *Conn) Ping(ctx context.Context) error                           { return nil }
func (c *Conn) Read(ctx context.Context) (MessageType, []byte, error)    { return 0, nil, nil }
func (c *Conn) Write(ctx context.Context, t MessageType, p []byte) error { return nil }
func (c *Conn) Close(code StatusCode, reason string) error               { return nil }
func (c *Conn) CloseNow() error                                          { return nil }
