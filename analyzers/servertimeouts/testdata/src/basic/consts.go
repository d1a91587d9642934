package basic

import "time"

const (
	headerTimeout = 10 * time.Second
	idleTimeout   = 2 * time.Minute // longer than the ALB's 60s
)
