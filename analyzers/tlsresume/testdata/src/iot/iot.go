package iot

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"
	"github.com/gorilla/websocket"
)

func telemetryClient(pool *x509.CertPool) mqtt.Client {
	cfg := &tls.Config{RootCAs: pool, ServerName: "mqtt.example"} // want `tls.Config for reconnecting client connections has no ClientSessionCache`
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
	opts.SetTLSConfig(&tls.Config{RootCAs: pool}) // want `tls.Config for reconnecting client connections`
	return mqtt.NewClient(opts)
}

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

// Stream keeps its dialer for reconnects made elsewhere.
type Stream struct {
	dialer *websocket.Dialer
}

func NewStream(pool *x509.CertPool) *Stream {
	cfg := &tls.Config{RootCAs: pool} // want `tls.Config for reconnecting client connections`
	return &Stream{dialer: &websocket.Dialer{TLSClientConfig: cfg}}
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
