package bridge

import (
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"
)

// legacyOptions was ported from the Python gateway, where keepalive is a
// number of seconds. In Go the untyped 30 becomes a time.Duration of
// 30 ns, which paho truncates to 0 whole seconds: keep-alive is off and a
// half-open connection to the broker is never noticed.
func legacyOptions(broker string) *mqtt.ClientOptions {
	return mqtt.NewClientOptions().
		AddBroker(broker).
		SetClientID("legacy-bridge").
		SetKeepAlive(30)
}

// keepAliveOptions is the same client with a unit: a PINGREQ every 30 s,
// and a dead broker noticed 10 s after a missing PINGRESP.
func keepAliveOptions(broker string) *mqtt.ClientOptions {
	return mqtt.NewClientOptions().
		AddBroker(broker).
		SetClientID("bridge").
		SetKeepAlive(30 * time.Second).
		SetPingTimeout(10 * time.Second)
}

// Options returns the options the bridge connects with; the legacy
// variant is kept for the old broker until it is retired.
func Options(broker string, legacy bool) *mqtt.ClientOptions {
	if legacy {
		return legacyOptions(broker)
	}
	return keepAliveOptions(broker)
}
