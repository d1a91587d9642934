// Package gobot is a minimal stand-in for gobot.io/x/gobot/v2, for tests.
// Every and After have the library's bodies, so that the analyzer learns
// from the code, not from the name, that Every runs f periodically.
package gobot

import "time"

// Every calls f every t until the returned ticker is stopped.
func Every(t time.Duration, f func()) *time.Ticker { // want Every:"runs parameter 1 every parameter 0"
	ticker := time.NewTicker(t)
	go func() {
		for {
			<-ticker.C
			f()
		}
	}()
	return ticker
}

// After calls f once, after t.
func After(t time.Duration, f func()) {
	time.AfterFunc(t, f)
}
