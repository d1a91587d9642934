package iot

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"
	"github.com/gorilla/websocket"
)

// Negatives first: one long-lived MQTT connection, built once. paho
// reconnects it after an outage, a rare event, not a handshake per message.

func telemetryClient(pool *x509.CertPool) mqtt.Client {
	cfg := &tls.Config{RootCAs: pool, ServerName: "mqtt.example"}
	opts := mqtt.NewClientOptions().
		AddBroker("ssl://mqtt.example:8883").
		SetClientID("gw-1").
		SetKeepAlive(30 * time.Second).
		SetTLSConfig(cfg)
	return mqtt.NewClient(opts)
}

func retryingClient(pool *x509.CertPool) mqtt.Client {
	opts := mqtt.NewClientOptions().AddBroker("ssl://mqtt.example:8883")
	opts.SetAutoReconnect(false)
	opts.SetConnectRetry(true)
	opts.SetTLSConfig(&tls.Config{RootCAs: pool})
	return mqtt.NewClient(opts)
}

// dashboardFeed redials its websocket in a loop with one dialer.
func dashboardFeed(ctx context.Context, url string, pool *x509.CertPool) {
	dialer := websocket.Dialer{
		HandshakeTimeout: 10 * time.Second,
		TLSClientConfig:  &tls.Config{RootCAs: pool}, // want `tls.Config for reconnecting client connections`
	}
	for ctx.Err() == nil {
		conn, _, err := dialer.DialContext(ctx, url, nil)
		if err != nil {
			time.Sleep(5 * time.Second)
			continue
		}
		for {
			if _, _, err := conn.ReadMessage(); err != nil {
				break
			}
		}
		conn.Close()
	}
}

// Stream keeps its dialer and opens one long-lived connection with it.
type Stream struct {
	dialer *websocket.Dialer
	conn   *websocket.Conn
}

func NewStream(pool *x509.CertPool) *Stream {
	cfg := &tls.Config{RootCAs: pool}
	return &Stream{dialer: &websocket.Dialer{TLSClientConfig: cfg}}
}

func (s *Stream) Open(ctx context.Context, url string) error {
	conn, _, err := s.dialer.DialContext(ctx, url, nil)
	s.conn = conn
	return err
}

// Feed keeps its dialer too, but redials from a reconnect loop.
type Feed struct {
	dialer *websocket.Dialer
}

func NewFeed(pool *x509.CertPool) *Feed {
	cfg := &tls.Config{RootCAs: pool} // want `tls.Config for reconnecting client connections`
	return &Feed{dialer: &websocket.Dialer{TLSClientConfig: cfg}}
}

func (f *Feed) Run(ctx context.Context, url string) {
	for ctx.Err() == nil {
		conn, _, err := f.dialer.DialContext(ctx, url, nil)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		conn.ReadMessage()
	}
}

// Negatives.

func oneShotBroker(pool *x509.CertPool) mqtt.Client {
	opts := mqtt.NewClientOptions().AddBroker("ssl://mqtt.example:8883")
	opts.SetAutoReconnect(false)
	opts.SetTLSConfig(&tls.Config{RootCAs: pool})
	return mqtt.NewClient(opts)
}

func cachedBroker(pool *x509.CertPool) mqtt.Client {
	cfg := &tls.Config{RootCAs: pool, ClientSessionCache: tls.NewLRUClientSessionCache(0)}
	return mqtt.NewClient(mqtt.NewClientOptions().SetTLSConfig(cfg))
}

func singleSocket(ctx context.Context, url string, pool *x509.CertPool) (*websocket.Conn, error) {
	d := websocket.Dialer{TLSClientConfig: &tls.Config{RootCAs: pool}}
	conn, _, err := d.DialContext(ctx, url, nil)
	return conn, err
}
