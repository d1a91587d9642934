// Package paho is a stub of github.com/eclipse/paho.golang/paho: the
// CONNECT packet and the client that sends it.
package paho

import (
	"context"
	"net"
)

// Connect is the CONNECT packet; KeepAlive counts seconds.
type Connect struct {
	ClientID   string
	KeepAlive  uint16
	CleanStart bool
	Username   string
	Password   []byte
}

// Connack is the broker's answer.
type Connack struct{ ReasonCode byte }

// ClientConfig configures a Client.
type ClientConfig struct {
	ClientID string
	Conn     net.Conn
}

// Client is an MQTT 5 client.
type Client struct{}

// NewClient returns a client.
func NewClient(conf ClientConfig) *Client { return &Client{} }

// Connect sends CONNECT.
func (c *Client) Connect(ctx context.Context, cp *Connect) (*Connack, error) { return nil, nil }
