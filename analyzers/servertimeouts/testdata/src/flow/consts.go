package flow

import "time"

const (
	headerTimeout = 10 * time.Second
	idleTimeout   = 75 * time.Second
)
