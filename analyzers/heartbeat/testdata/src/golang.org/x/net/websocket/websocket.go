// Package websocket is a minimal stand-in for golang.org/x/net/websocket, for tests.
package websocket

import (
	"net/http"
	"time"
)

type Conn struct{}

func (ws *Conn) Read(msg []byte) (int, error)       { return 0, nil }
func (ws *Conn) Write(msg []byte) (int, error)      { return 0, nil }
func (ws *Conn) Close() error                       { return nil }
func (ws *Conn) SetDeadline(t time.Time) error      { return nil }
func (ws *Conn) SetReadDeadline(t time.Time) error  { return nil }
func (ws *Conn) SetWriteDeadline(t time.Time) error { return nil }

type Codec struct{}

func (cd Codec) Send(ws *Conn, v any) error    { return nil }
func (cd Codec) Receive(ws *Conn, v any) error { return nil }

var (
	Message = Codec{}
	JSON    = Codec{}
)

type Handler func(*Conn)

func (h Handler) ServeHTTP(w http.ResponseWriter, req *http.Request) {}

func Dial(url, protocol, origin string) (*Conn, error) { return nil, nil }
