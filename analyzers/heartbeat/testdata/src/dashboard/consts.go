package dashboard

import "time"

// The classic gorilla timing, declared apart from the code that uses it.
const (
	pongWait   = 50 * time.Second
	pingPeriod = (pongWait * 9) / 10
	writeWait  = 10 * time.Second
)

// A slow hub whose ping period equals its pong wait.
const (
	slowWait = time.Minute
	slowPing = 60 * time.Second
)
