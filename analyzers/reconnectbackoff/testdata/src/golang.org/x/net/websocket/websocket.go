// Package websocket is a minimal stand-in for golang.org/x/net/websocket, for tests.
package websocket

import "net/url"

type Config struct {
	Location *url.URL
	Origin   *url.URL
}

type Conn struct{}

func (ws *Conn) Read(msg []byte) (int, error)  { return 0, nil }
func (ws *Conn) Write(msg []byte) (int, error) { return 0, nil }
func (ws *Conn) Close() error                  { return nil }

func NewConfig(server, origin string) (*Config, error)  { return &Config{}, nil }
func Dial(url_, protocol, origin string) (*Conn, error) { return nil, nil }
func DialConfig(config *Config) (*Conn, error)          { return nil, nil }
