// Package websocket is a minimal stand-in for github.com/gorilla/websocket, for tests.
package websocket

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http"
	"time"
)

const (
	TextMessage   = 1
	BinaryMessage = 2
	CloseMessage  = 8
	PingMessage   = 9
	PongMessage   = 10
)

type Dialer struct {
	NetDial          func(network, addr string) (net.Conn, error)
	TLSClientConfig  *tls.Config
	HandshakeTimeout time.Duration
}

var DefaultDialer = &Dialer{}

func (d *Dialer) Dial(urlStr string, h http.Header) (*Conn, *http.Response, error) {
	return nil, nil, nil
}
func (d *Dialer) DialContext(ctx context.Context, urlStr string, h http.Header) (*Conn, *http.Response, error) {
	return nil, nil, nil
}

type Upgrader struct {
	ReadBufferSize  int
	WriteBufferSize int
	CheckOrigin     func(r *http.Request) bool
}

func (u *Upgrader) Upgrade(w http.ResponseWriter, r *http.Request, h http.Header) (*Conn, error) {
	return nil, nil
}

type Conn struct{}

func (c *Conn) ReadMessage() (int, []byte, error)                         { return 0, nil, nil }
func (c *Conn) NextReader() (int, io.Reader, error)                       { return 0, nil, nil }
func (c *Conn) WriteMessage(t int, data []byte) error                     { return nil }
func (c *Conn) WriteControl(t int, data []byte, deadline time.Time) error { return nil }
func (c *Conn) WriteJSON(v any) error                                     { return nil }
func (c *Conn) ReadJSON(v any) error                                      { return nil }
func (c *Conn) SetReadDeadline(t time.Time) error                         { return nil }
func (c *Conn) SetWriteDeadline(t time.Time) error                        { return nil }
func (c *Conn) SetReadLimit(n int64)                                      {}
func (c *Conn) SetPongHandler(h func(appData string) error)               {}
func (c *Conn) SetPingHandler(h func(appData string) error)               {}
func (c *Conn) Close() error                                              { return nil }

// Added for the heartbeat analyzer.
func (c *Conn) UnderlyingConn() net.Conn { return nil }
func (c *Conn) NetConn() net.Conn        { return nil }
