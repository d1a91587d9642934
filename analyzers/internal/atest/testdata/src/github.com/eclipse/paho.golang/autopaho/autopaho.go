// Package autopaho is a stub of github.com/eclipse/paho.golang/autopaho:
// a connection manager that reconnects.
package autopaho

import (
	"context"
	"net/url"

	"github.com/eclipse/paho.golang/paho"
)

// ClientConfig configures the connection manager; KeepAlive counts
// seconds and is copied into the CONNECT packet.
type ClientConfig struct {
	ServerUrls                    []*url.URL
	KeepAlive                     uint16
	CleanStartOnInitialConnection bool
	SessionExpiryInterval         uint32
	ClientConfig                  paho.ClientConfig
}

// ConnectionManager manages the connection.
type ConnectionManager struct{}

// NewConnection starts connecting.
func NewConnection(ctx context.Context, cfg ClientConfig) (*ConnectionManager, error) {
	return &ConnectionManager{}, nil
}
