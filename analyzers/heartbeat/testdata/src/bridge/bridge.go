// Package bridge relays readings to an MQTT broker.
package bridge

import (
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"
)

const keepAliveSecs = 30

// Config comes from a file: its values are unknown to the analyzer.
type Config struct {
	Broker        string
	KeepAliveSecs int
}

// ScanLAN probes every host of a subnet for a broker: a 200 ms connect
// timeout there is how long to wait for a handshake on a LAN, not a
// heartbeat, and is not judged as one.
func ScanLAN(hosts []string) {
	for _, h := range hosts {
		opts := mqtt.NewClientOptions().AddBroker(h)
		opts.SetConnectTimeout(200 * time.Millisecond)
		opts.SetWriteTimeout(100 * time.Millisecond)
		mqtt.NewClient(opts).Connect().WaitTimeout(300 * time.Millisecond)
	}
}

// Legacy was ported from the Python client, where keepalive is seconds.
func Legacy(broker string) mqtt.Client {
	opts := mqtt.NewClientOptions().
		AddBroker(broker).
		SetKeepAlive(30).                       // want `SetKeepAlive\(30\) is 30ns, not 30 seconds: an untyped number passed as a time.Duration counts nanoseconds; paho truncates it to whole seconds, so keep-alive is off.*; write 30 \* time.Second`
		SetPingTimeout(500 * time.Millisecond). // want `SetPingTimeout\(500ms\) is below one second: no PINGRESP arrives that fast`
		SetConnectTimeout(5 * time.Second)
	opts.SetMaxReconnectInterval(2 * time.Minute)
	opts.SetWriteTimeout(time.Second)
	return mqtt.NewClient(opts)
}

// Named uses an untyped constant: still nanoseconds.
func Named(broker string) *mqtt.ClientOptions {
	return mqtt.NewClientOptions().AddBroker(broker).SetKeepAlive(keepAliveSecs) // want `SetKeepAlive\(keepAliveSecs\) is 30ns`
}

// Off switches keep-alive off.
func Off(broker string) *mqtt.ClientOptions {
	opts := mqtt.NewClientOptions()
	opts.AddBroker(broker)
	opts.SetKeepAlive(0) // want `SetKeepAlive\(0\) switches MQTT keep-alive off`
	return opts
}

// Correct settings, and settings the analyzer cannot know.
func Correct(cfg Config) *mqtt.ClientOptions {
	opts := mqtt.NewClientOptions().
		AddBroker(cfg.Broker).
		SetKeepAlive(30 * time.Second).
		SetPingTimeout(2 * time.Second).
		SetWriteTimeout(0).
		SetMaxReconnectInterval(2 * time.Minute)
	opts.SetKeepAlive(time.Duration(cfg.KeepAliveSecs) * time.Second)
	opts.SetConnectTimeout(keepAliveSecs * time.Second)
	return opts
}
