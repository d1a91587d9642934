// Package mqttvalues sets paho's keep-alive and ping timeout with their
// units right and wrong.
package mqttvalues

import (
	"flag"
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"
)

var keepAliveFlag = flag.Duration("keepalive", time.Minute, "MQTT keep-alive")

// Sensor runs on a battery: a PINGREQ every 2 s keeps the radio awake.
func Sensor(broker string) mqtt.Client {
	opts := mqtt.NewClientOptions().AddBroker(broker)
	opts.SetKeepAlive(2 * time.Second) // want `MQTT keep-alive of 2s sends a PINGREQ every 2s on an idle connection`
	opts.SetPingTimeout(1 * time.Second)
	return mqtt.NewClient(opts)
}

// Named takes the short keep-alive from a constant of another file.
func Named(broker string) *mqtt.ClientOptions {
	return mqtt.NewClientOptions().AddBroker(broker).SetKeepAlive(sensorKeepAlive) // want `MQTT keep-alive of 10s`
}

// NoDetection waits almost three hours for a PINGRESP, with paho's
// default keep-alive of 30 s.
func NoDetection(broker string) *mqtt.ClientOptions {
	return mqtt.NewClientOptions().
		AddBroker(broker).
		SetPingTimeout(10000 * time.Second) // want `MQTT ping timeout of 2h46m40s is longer than the keep-alive of 30s`
}

// Fields sets whole seconds in KeepAlive: 5 is five seconds, not 5 ns.
func Fields(broker string) *mqtt.ClientOptions {
	opts := mqtt.NewClientOptions()
	opts.AddBroker(broker)
	opts.KeepAlive = 5 // want `MQTT keep-alive of 5s`
	return opts
}

// FieldTimeout waits an hour for a PINGRESP on a 60 s keep-alive.
func FieldTimeout(broker string) *mqtt.ClientOptions {
	opts := mqtt.NewClientOptions()
	opts.AddBroker(broker)
	opts.KeepAlive = 60
	opts.PingTimeout = time.Hour // want `MQTT ping timeout of 1h0m0s is longer than the keep-alive of 1m0s`
	return opts
}

// Gateway is mains powered and well configured.
func Gateway(broker string) *mqtt.ClientOptions {
	return mqtt.NewClientOptions().
		AddBroker(broker).
		SetKeepAlive(gatewayKeepAlive).
		SetPingTimeout(time.Minute)
}

// AtTheFloor uses exactly the smallest keep-alive that is not reported,
// and paho's default ping timeout.
func AtTheFloor(broker string) *mqtt.ClientOptions {
	return mqtt.NewClientOptions().AddBroker(broker).SetKeepAlive(30 * time.Second)
}

// FieldSeconds: an untyped 45 is 45 s in the KeepAlive field (it would be
// 45 ns in SetKeepAlive), and the ping timeout is well below it.
func FieldSeconds(broker string) *mqtt.ClientOptions {
	opts := mqtt.NewClientOptions()
	opts.AddBroker(broker)
	opts.KeepAlive = keepAliveSecs
	opts.PingTimeout = 10 * time.Second
	return opts
}

// FromFlag cannot be judged: the keep-alive is only known at run time, so
// neither it nor the long ping timeout measured against it is reported.
func FromFlag(broker string) *mqtt.ClientOptions {
	return mqtt.NewClientOptions().
		AddBroker(broker).
		SetKeepAlive(*keepAliveFlag).
		SetPingTimeout(5 * time.Minute)
}

// Probe only connects once, with tight connect and write timeouts: none
// of them is a heartbeat.
func Probe(broker string) bool {
	opts := mqtt.NewClientOptions().AddBroker(broker)
	opts.SetConnectTimeout(200 * time.Millisecond)
	opts.SetWriteTimeout(500 * time.Millisecond)
	return mqtt.NewClient(opts).Connect().WaitTimeout(time.Second)
}
