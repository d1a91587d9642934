package gateway

import "time"

// Reconnect timing lives apart from the loops, as in real gateways.
const (
	reconnectDelay = 5 * time.Second
	baseDelay      = 500 * time.Millisecond
	maxDelay       = time.Minute
)
