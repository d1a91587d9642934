package poller

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"time"
)

// Uploads are push, not polling.
func uploadTelemetry(payload []byte) {
	for range time.Tick(10 * time.Second) {
		if resp, err := http.Post("https://api.example.com/v1/telemetry", "application/json", bytes.NewReader(payload)); err == nil {
			resp.Body.Close()
		}
		req, _ := http.NewRequest(http.MethodPut, "https://api.example.com/v1/state", bytes.NewReader(payload))
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
		}
	}
}

// The period comes from the environment: unknown, not guessed.
func periodFromEnv() {
	every, err := time.ParseDuration(os.Getenv("POLL_EVERY"))
	if err != nil {
		return
	}
	for range time.Tick(every) {
		if resp, err := http.Get(updatesURL); err == nil {
			resp.Body.Close()
		}
	}
}

// The ticker is a parameter: unknown.
func tickerParam(t *time.Ticker) {
	for range t.C {
		if resp, err := http.Get(updatesURL); err == nil {
			resp.Body.Close()
		}
	}
}

// At the threshold, and daily.
func hourlyAndDaily() {
	go func() {
		for range time.Tick(hourly) {
			if resp, err := http.Get(updatesURL); err == nil {
				resp.Body.Close()
			}
		}
	}()
	for {
		if resp, err := http.Get(updatesURL); err == nil {
			resp.Body.Close()
		}
		time.Sleep(24 * time.Hour)
	}
}

// Every 60th tick of a one-minute ticker: hourly.
func everySixtieth() {
	for tick := 0; ; tick++ {
		time.Sleep(time.Minute)
		if tick%60 != 0 {
			continue
		}
		if resp, err := http.Get(updatesURL); err == nil {
			resp.Body.Close()
		}
	}
}

// Long polling: the server holds the request until it has news.
func longPoll(ctx context.Context) {
	for ctx.Err() == nil {
		resp, err := client.Get(updatesURL + "?wait=60s")
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

// A back-off on the error path is not a polling period.
func retryOnError(ctx context.Context) {
	backoff := time.Second
	for ctx.Err() == nil {
		resp, err := client.Get(updatesURL + "?wait=60s")
		if err != nil {
			time.Sleep(backoff)
			backoff *= 2
			continue
		}
		resp.Body.Close()
	}
}

// A retry that returns once the request succeeds.
func fetchWithRetry() (*http.Response, error) { // want fetchWithRetry:"sends a GET on every call \\(depth 1\\)"
	for {
		resp, err := http.Get(updatesURL)
		if err == nil {
			return resp, nil
		}
		time.Sleep(5 * time.Second)
	}
}

// Waiting until a job is done ends; it is not a standing poll.
func waitForJob(url string) error { // want waitForJob:"sends a GET on every call \\(depth 1\\)"
	for {
		resp, err := http.Get(url)
		if err != nil {
			return err
		}
		done := resp.StatusCode == http.StatusOK
		resp.Body.Close()
		if done {
			return nil
		}
		time.Sleep(2 * time.Second)
	}
}

// A counted retry loop.
func threeAttempts() error { // want threeAttempts:"sends a GET on every call \\(depth 1\\)"
	for i := 0; i < 3; i++ {
		if resp, err := http.Get(updatesURL); err == nil {
			return resp.Body.Close()
		}
		time.Sleep(time.Second)
	}
	return errors.New("unreachable")
}

type event struct{ url string }

// Requests triggered by events are not polls.
func onEvents(ctx context.Context, events <-chan event, kick chan struct{}) {
	for ev := range events {
		if resp, err := http.Get(ev.url); err == nil {
			resp.Body.Close()
		}
	}
	ticker := time.NewTicker(time.Hour)
	for {
		select {
		case <-ctx.Done():
			return
		case <-kick:
			if resp, err := http.Get(updatesURL); err == nil {
				resp.Body.Close()
			}
		case <-ticker.C:
		}
	}
}

// A liveness probe of a dependency, not a poll for updates.
func watchdog() {
	for range time.Tick(10 * time.Second) {
		if resp, err := http.Get("http://localhost:8080/healthz"); err == nil {
			resp.Body.Close()
		}
	}
}

// A one-shot AfterFunc does not repeat.
func oneShot() {
	time.AfterFunc(10*time.Second, func() {
		if resp, err := http.Get(updatesURL); err == nil {
			resp.Body.Close()
		}
	})
}

// Rescheduled only when the request failed: a retry.
func refreshOnce() { // want refreshOnce:"sends a GET on every call \\(depth 1\\)"
	resp, err := http.Get(updatesURL)
	if err != nil {
		time.AfterFunc(30*time.Second, refreshOnce)
		return
	}
	resp.Body.Close()
}

// At most hourly, although the loop ticks every minute.
func sinceLast() {
	var last time.Time
	for now := range time.Tick(time.Minute) {
		if now.Sub(last) >= time.Hour {
			if resp, err := http.Get(updatesURL); err == nil {
				resp.Body.Close()
			}
			last = now
		}
	}
}

// The method is changed after the request is built.
func methodChanged(payload []byte) {
	for range time.Tick(10 * time.Second) {
		req, _ := http.NewRequest(http.MethodGet, "https://api.example.com/v1/ack", nil)
		req.Method = http.MethodPost
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
		}
	}
}

// A timer that is never Reset fires once.
func deadline(ctx context.Context) {
	timer := time.NewTimer(5 * time.Second)
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
			if resp, err := http.Get(updatesURL); err == nil {
				resp.Body.Close()
			}
		}
	}
}

// A sleep whose duration is a parameter.
func sleepParam(every time.Duration) {
	for {
		if resp, err := http.Get(updatesURL); err == nil {
			resp.Body.Close()
		}
		time.Sleep(every)
	}
}

// A handler that fetches on request is not a poll.
func proxyUpdates(w http.ResponseWriter, r *http.Request) { // want proxyUpdates:"sends a GET on every call \\(depth 1\\)"
	resp, err := client.Get(updatesURL)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}

// A HEAD or lower-case method is not a GET.
func headAndLowercase() {
	for range time.Tick(time.Minute) {
		req, _ := http.NewRequest(http.MethodHead, updatesURL, nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
		}
		odd, _ := http.NewRequest("get", updatesURL, nil)
		if resp, err := client.Do(odd); err == nil {
			resp.Body.Close()
		}
	}
}

// A select with a default case does not wait: no period (a busy loop is
// another problem).
func nonBlocking(stop <-chan struct{}) {
	local := time.NewTicker(time.Second)
	for {
		select {
		case <-local.C:
		case <-stop:
			return
		default:
		}
		if resp, err := http.Get(updatesURL); err == nil {
			resp.Body.Close()
		}
	}
}

// Polling until the device reports ready ends with a labelled break.
func untilReady() { // want untilReady:"sends a GET on every call \\(depth 1\\)"
	ticker := time.NewTicker(2 * time.Second)
	defer ticker.Stop()
poll:
	for range ticker.C {
		resp, err := http.Get("https://api.example.com/v1/provisioning/status")
		if err != nil {
			continue
		}
		ready := resp.StatusCode == http.StatusOK
		resp.Body.Close()
		if ready {
			break poll
		}
	}
}

// A range over time.After receives once.
func delayedOnce() {
	for range time.After(10 * time.Second) {
		if resp, err := http.Get(updatesURL); err == nil {
			resp.Body.Close()
		}
	}
}
