package mqttvalues

import "time"

// Defined apart from the options, as real code does.
const (
	sensorKeepAlive  = 10 * time.Second
	gatewayKeepAlive = 2 * time.Minute
	keepAliveSecs    = 45 // whole seconds, for the KeepAlive field
)
