// Package loops models a gateway that forwards sensor readings.
package loops

import (
	"bytes"
	"context"
	"net/http"
	"time"
)

type reading struct {
	Device string
	Body   []byte
}

type device struct {
	ID  string
	URL string
}

const ingest = "https://ingest.example.com/v1"

// Positives.

func forwardAll(readings []reading) {
	for _, r := range readings {
		client := &http.Client{Transport: &http.Transport{MaxIdleConns: 10}} // want `http.Transport created inside a loop: every iteration opens new TCP and TLS connections; create the Transport once before the loop`
		resp, err := client.Post(ingest, "application/json", bytes.NewReader(r.Body))
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}

func poll(ctx context.Context, base *http.Transport) {
	ticker := time.NewTicker(time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		tr := base.Clone() // want `http.Transport cloned inside a loop`
		if resp, err := (&http.Client{Transport: tr}).Get(ingest + "/commands"); err == nil {
			resp.Body.Close()
		}
	}
}

func fanOut(readings []reading) {
	for i := 0; i < len(readings); i++ {
		go func() {
			c := &http.Client{Transport: new(http.Transport)} // want `http.Transport created inside a loop`
			if resp, err := c.Post(ingest, "application/json", bytes.NewReader(readings[i].Body)); err == nil {
				resp.Body.Close()
			}
		}()
	}
}

// Negatives.

// One client per configured device, kept in a map: built once, at start.
func clientsFor(devices []device) map[string]*http.Client {
	clients := make(map[string]*http.Client, len(devices))
	for _, d := range devices {
		tr := &http.Transport{MaxIdleConnsPerHost: 2}
		clients[d.ID] = &http.Client{Transport: tr}
	}
	return clients
}

func clientList(devices []device) []*http.Client {
	var list []*http.Client
	for range devices {
		list = append(list, &http.Client{Transport: &http.Transport{}})
	}
	return list
}

// The loop returns on its first match: one Transport per call.
func clientNamed(devices []device, id string) *http.Client { // want clientNamed:"creates and returns"
	for _, d := range devices {
		if d.ID == id {
			return &http.Client{Transport: &http.Transport{}}
		}
	}
	return nil
}

// Lazy creation in a variable declared before the loop.
func send(readings []reading) {
	var client *http.Client
	for _, r := range readings {
		if client == nil {
			client = &http.Client{Transport: &http.Transport{}}
		}
		if resp, err := client.Post(ingest, "application/json", bytes.NewReader(r.Body)); err == nil {
			resp.Body.Close()
		}
	}
}

// One long-lived poller per device, each with its own client.
func startPollers(devices []device, out chan<- *http.Client) {
	for _, d := range devices {
		go pollDevice(d, &http.Client{Transport: &http.Transport{}})
		out <- &http.Client{Transport: &http.Transport{}}
	}
}

func pollDevice(d device, c *http.Client) {
	for {
		if resp, err := c.Get(d.URL); err == nil {
			resp.Body.Close()
		}
		time.Sleep(time.Minute)
	}
}

// The pool is created in the loop's init statement, once per call (so
// retry itself is a maker).
func retry(req *http.Request) { // want retry:"creates and uses"
	for c, n := (&http.Client{Transport: &http.Transport{}}), 0; n < 3; n++ {
		if resp, err := c.Do(req); err == nil {
			resp.Body.Close()
			return
		}
	}
}

func main() {
	// main builds one client per device; storing them keeps them.
	cfg := []device{{ID: "a", URL: ingest}}
	for _, d := range cfg {
		go pollDevice(d, clientsFor(cfg)[d.ID])
	}
}
