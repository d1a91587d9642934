// Package mqtt is a minimal stand-in for github.com/eclipse/paho.mqtt.golang, for tests.
package mqtt

import (
	"crypto/tls"
	"time"
)

type Token interface {
	Wait() bool
	WaitTimeout(time.Duration) bool
	Error() error
}

type Message interface {
	Topic() string
	Payload() []byte
}

type MessageHandler func(Client, Message)

type Client interface {
	Connect() Token
	Disconnect(quiesce uint)
	IsConnected() bool
	Publish(topic string, qos byte, retained bool, payload any) Token
	Subscribe(topic string, qos byte, callback MessageHandler) Token
}

// ClientOptions' exported fields, as in paho: KeepAlive counts whole
// seconds, PingTimeout is a time.Duration.
type ClientOptions struct {
	KeepAlive   int64
	PingTimeout time.Duration
}

func NewClientOptions() *ClientOptions                                 { return &ClientOptions{} }
func (o *ClientOptions) AddBroker(server string) *ClientOptions        { return o }
func (o *ClientOptions) SetClientID(id string) *ClientOptions          { return o }
func (o *ClientOptions) SetTLSConfig(t *tls.Config) *ClientOptions     { return o }
func (o *ClientOptions) SetKeepAlive(k time.Duration) *ClientOptions   { return o }
func (o *ClientOptions) SetPingTimeout(k time.Duration) *ClientOptions { return o }
func (o *ClientOptions) SetAutoReconnect(a bool) *ClientOptions        { return o }
func (o *ClientOptions) SetMaxReconnectInterval(t time.Duration) *ClientOptions {
	return o
}
func (o *ClientOptions) SetConnectRetry(a bool) *ClientOptions                  { return o }
func (o *ClientOptions) SetConnectRetryInterval(t time.Duration) *ClientOptions { return o }
func (o *ClientOptions) SetCleanSession(clean bool) *ClientOptions              { return o }

func NewClient(o *ClientOptions) Client { return nil }

// Added for the heartbeat analyzer.
func (o *ClientOptions) SetConnectTimeout(t time.Duration) *ClientOptions { return o }
func (o *ClientOptions) SetWriteTimeout(t time.Duration) *ClientOptions   { return o }
