package robots

import (
	"net/http"
	"time"
)

// Watcher polls from a goroutine that its constructor starts; the ticker
// lives in a field.
type Watcher struct {
	url    string
	ticker *time.Ticker
	events chan time.Time
}

func NewWatcher(url string) *Watcher {
	w := &Watcher{url: url, ticker: time.NewTicker(20 * time.Second), events: make(chan time.Time)}
	go w.loop()
	go w.onEvent()
	return w
}

func (w *Watcher) loop() {
	for range w.ticker.C {
		if resp, err := http.Get(w.url); err == nil { // want `polls an HTTP endpoint with GET every 20s`
			resp.Body.Close()
		}
	}
}

// onEvent fetches when an event arrives: not a poll.
func (w *Watcher) onEvent() {
	for range w.events {
		if resp, err := http.Get(w.url); err == nil {
			resp.Body.Close()
		}
	}
}

// Configured takes its period from configuration: unknown, not reported.
type Configured struct {
	url    string
	ticker *time.Ticker
}

func NewConfigured(url string, every time.Duration) *Configured {
	c := &Configured{url: url}
	c.ticker = time.NewTicker(every)
	go c.loop()
	return c
}

func (c *Configured) loop() {
	for range c.ticker.C {
		if resp, err := http.Get(c.url); err == nil {
			resp.Body.Close()
		}
	}
}

// watch gets its ticker as a parameter from the goroutine's starter.
func watch(t *time.Ticker, url string) {
	for range t.C {
		if resp, err := http.Get(url); err == nil { // want `polls an HTTP endpoint with GET every 45s`
			resp.Body.Close()
		}
	}
}

func StartWatch(url string) {
	go watch(time.NewTicker(45*time.Second), url)
}

// watchAny is started with a ticker the analyzer cannot know.
func watchAny(t *time.Ticker, url string) {
	for range t.C {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
		}
	}
}

func StartAny(url string, t *time.Ticker) {
	go watchAny(time.NewTicker(time.Minute), url)
	go watchAny(t, url)
}
