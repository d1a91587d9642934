// Command gateway builds its clients once, in main and init.
package main

import (
	"bytes"
	"net/http"
	"time"
)

type device struct {
	ID, URL string
}

var devices = []device{{"boiler", "https://boiler.local"}, {"meter", "https://meter.local"}}

var defaultClient *http.Client

func init() {
	defaultClient = &http.Client{Transport: &http.Transport{IdleConnTimeout: 5 * time.Minute}}
}

func newDeviceClient() *http.Client { // want newDeviceClient:"creates and returns"
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
}

func main() {
	clients := make(map[string]*http.Client)
	for _, d := range devices {
		clients[d.ID] = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	}
	backup := newDeviceClient()
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	for _, d := range devices {
		if resp, err := c.Post(d.URL, "text/plain", bytes.NewReader(nil)); err == nil {
			resp.Body.Close()
		}
		if resp, err := backup.Get(d.URL); err == nil {
			resp.Body.Close()
		}
	}
	poll(clients)
}

func poll(clients map[string]*http.Client) {
	for _, d := range devices {
		if resp, err := clients[d.ID].Get(d.URL); err == nil {
			resp.Body.Close()
		}
	}
}
