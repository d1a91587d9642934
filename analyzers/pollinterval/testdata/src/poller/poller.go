// Package poller models device-side loops that poll for updates.
package poller

import (
	"context"
	"net/http"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

// Positives.

func tickRange() {
	for range time.Tick(10 * time.Second) {
		resp, err := http.Get("https://api.example.com/v1/commands") // want `polls https://api.example.com/v1/commands every 10s \(8640 requests a day\): each poll wakes the radio and may pay TCP and TLS handshakes; above one poll per 1h push updates instead, with MQTT, CoAP Observe, SSE or WebSockets`
		if err == nil {
			resp.Body.Close()
		}
	}
}

func selectTicker(ctx context.Context) {
	ticker := time.NewTicker(pollEvery)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			resp, err := client.Get(updatesURL) // want `polls https://api.example.com/v1/updates every 30s \(2880 requests a day\)`
			if err != nil {
				continue
			}
			resp.Body.Close()
		}
	}
}

func sleepLoop(ctx context.Context, device string) {
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, updatesURL+"?device="+device, nil)
		if err != nil {
			return
		}
		if resp, err := client.Do(req); err == nil { // want `polls https://api.example.com/v1/updates\?device=… every 5m \(288 requests a day\)`
			resp.Body.Close()
		}
		time.Sleep(5 * time.Minute)
	}
}

// An empty method is GET in net/http.
func emptyMethod(ctx context.Context, url string) {
	for ctx.Err() == nil {
		req, _ := http.NewRequest("", url, nil)
		if resp, err := http.DefaultClient.Do(req.WithContext(ctx)); err == nil { // want `polls an HTTP endpoint with GET every 2m30s \(576 requests a day\)`
			resp.Body.Close()
		}
		time.Sleep(150 * time.Second)
	}
}

type watcher struct{ url string }

// poll reschedules itself with time.AfterFunc.
func (w *watcher) poll() {
	if resp, err := http.Get(w.url); err == nil { // want `polls an HTTP endpoint with GET every 2m \(720 requests a day\)`
		resp.Body.Close()
	}
	time.AfterFunc(2*time.Minute, w.poll)
}

func timerReset() {
	var t *time.Timer
	t = time.AfterFunc(0, func() {
		if resp, err := http.Get(updatesURL); err == nil { // want `every 15m \(96 requests a day\)`
			resp.Body.Close()
		}
		t.Reset(15 * time.Minute)
	})
}

// Every sixth tick of a one-minute ticker: every 6 minutes.
func everySixth() {
	n := 0
	for range time.NewTicker(time.Minute).C {
		n++
		if n%6 == 0 {
			if resp, err := http.Get(updatesURL); err == nil { // want `every 6m \(240 requests a day\)`
				resp.Body.Close()
			}
		}
	}
}

// One poll per device per tick.
func everyDevice(devices []string) {
	tick := time.Tick(time.Minute)
	for range tick {
		for _, d := range devices {
			if resp, err := client.Get("https://api.example.com/v1/devices/" + d + "/desired"); err == nil { // want `polls https://api.example.com/v1/devices/… every 1m \(1440 requests a day\)`
				resp.Body.Close()
			}
		}
	}
}

// A timer re-armed after every poll.
func rearmed(ctx context.Context) {
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
			if resp, err := client.Get(updatesURL); err == nil { // want `every 20s \(4320 requests a day\)`
				resp.Body.Close()
			}
			timer.Reset(20 * time.Second)
		}
	}
}

// time.After in a select, the request after it.
func afterSelect(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(45 * time.Second):
		}
		if resp, err := client.Get(updatesURL); err == nil { // want `every 45s \(1920 requests a day\)`
			resp.Body.Close()
		}
	}
}

// The ticker starts hourly but is Reset to a minute.
func speedsUp(fast bool) {
	ticker := time.NewTicker(hourly)
	if fast {
		ticker.Reset(time.Minute)
	}
	for range ticker.C {
		if resp, err := http.Get(updatesURL); err == nil { // want `every 1m \(1440 requests a day\)`
			resp.Body.Close()
		}
	}
}

// A goroutine per tick still polls once per tick.
func goroutinePerTick() {
	every, _ := time.ParseDuration("90s")
	for range time.Tick(every) {
		go func() {
			if resp, err := http.Get(updatesURL); err == nil { // want `every 1m30s \(960 requests a day\)`
				resp.Body.Close()
			}
		}()
	}
}

// A literal that reschedules itself through its variable.
func literalReschedule() {
	var poll func()
	poll = func() {
		if resp, err := http.Get(updatesURL); err == nil { // want `every 3m \(480 requests a day\)`
			resp.Body.Close()
		}
		time.AfterFunc(3*time.Minute, poll)
	}
	poll()
}

type refresher struct{ timer *time.Timer }

func (r *refresher) start() { r.timer = time.AfterFunc(time.Second, r.refresh) }

// refresh runs as an AfterFunc callback and re-arms its timer.
func (r *refresher) refresh() {
	if resp, err := http.Get(updatesURL); err == nil { // want `every 4m \(360 requests a day\)`
		resp.Body.Close()
	}
	r.timer.Reset(4 * time.Minute)
}

// Throttled to one request every 10 seconds: still too often.
func throttled() {
	last := time.Now()
	for range time.Tick(time.Second) {
		if time.Since(last) < 10*time.Second {
			continue
		}
		last = time.Now()
		if resp, err := http.Get(updatesURL); err == nil { // want `every 10s \(8640 requests a day\)`
			resp.Body.Close()
		}
	}
}

// break leaves the select, not the loop: the loop keeps polling.
func pausable(ctx context.Context, paused func() bool) {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			if paused() {
				break
			}
			if resp, err := http.Get(updatesURL); err == nil { // want `every 1m \(1440 requests a day\)`
				resp.Body.Close()
			}
		}
	}
}
