package robots

import (
	"flag"
	"net/http"
	"time"
)

var interval = flag.Duration("interval", time.Minute, "status poll interval")

// every is the project's own runner, like gobot.Every.
func every(d time.Duration, job func()) { // want every:"runs parameter 1 every parameter 0"
	t := time.NewTicker(d)
	go func() {
		for range t.C {
			job()
		}
	}()
}

// measure calls its function once: not a runner.
func measure(limit time.Duration, f func()) bool {
	start := time.Now()
	f()
	return time.Since(start) < limit
}

func Status(url string) {
	every(30*time.Second, func() {
		if resp, err := http.Get(url); err == nil { // want `polls an HTTP endpoint with GET every 30s`
			resp.Body.Close()
		}
	})
	measure(time.Second, func() {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
		}
	})
	every(*interval, func() {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
		}
	})
}

// pollTicker hides the ticker behind a helper.
func pollTicker() *time.Ticker { return time.NewTicker(15 * time.Second) }

func tick(d time.Duration) <-chan time.Time { return time.Tick(d) }

func Helpers(url string) {
	t := pollTicker()
	defer t.Stop()
	for range t.C {
		if resp, err := http.Get(url); err == nil { // want `polls an HTTP endpoint with GET every 15s`
			resp.Body.Close()
		}
	}
}

func TickHelper(url string) {
	for range tick(5 * time.Minute) {
		if resp, err := http.Get(url); err == nil { // want `polls an HTTP endpoint with GET every 5m`
			resp.Body.Close()
		}
	}
}

func FlagTick(url string) {
	for range tick(*interval) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
		}
	}
}
