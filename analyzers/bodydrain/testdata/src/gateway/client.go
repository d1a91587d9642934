// Package gateway forwards sensor readings from an IoT gateway to the
// cloud, the way a real uplink service does.
package gateway

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"helpers"
)

const ingestPath = "/v1/readings"

type Reading struct {
	Device string  `json:"device"`
	Value  float64 `json:"value"`
}

// Uplink is built once, in NewUplink, and shared by every request.
type Uplink struct {
	base string
	http *http.Client
	last *http.Response
}

func NewUplink(base string) *Uplink {
	return &Uplink{base: base, http: &http.Client{Timeout: 10 * time.Second}}
}

func (u *Uplink) newRequest(ctx context.Context, r Reading) (*http.Request, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return nil, err
	}
	return http.NewRequestWithContext(ctx, http.MethodPost, u.base+ingestPath, bytes.NewReader(data))
}

// Send returns on a bad status before closing: that path leaks.
func (u *Uplink) Send(ctx context.Context, r Reading) error {
	req, err := u.newRequest(ctx, r)
	if err != nil {
		return err
	}
	resp, err := u.http.Do(req) // want `response body of u.http.Do is not closed on every path: the connection and its reader goroutine leak; add .defer resp.Body.Close\(\). after the error check`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusAccepted {
		return fmt.Errorf("ingest: %s", resp.Status)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.Body.Close()
}

// Fetch reads the body but never closes it.
func Fetch(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `response body of http.Get is not closed on every path`
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

// Ping throws the response away.
func Ping(url string) error {
	_, err := http.Post(url, "text/plain", nil) // want `response of http.Post is discarded, so its body is never closed: .* assign it and add .defer resp.Body.Close\(\).`
	return err
}

// Fire does not even look at the error.
func Fire(req *http.Request) {
	http.DefaultClient.Do(req) // want `response of http.DefaultClient.Do is discarded`
}

// Report closes the body without reading it: the server's `{"ok":true}`
// stays unread and the transport closes the connection.
func (u *Uplink) Report(ctx context.Context, r Reading) error {
	req, err := u.newRequest(ctx, r)
	if err != nil {
		return err
	}
	resp, err := u.http.Do(req) // want `response body of u.http.Do is closed without being read to EOF: the connection is not reused; drain it with .io.Copy\(io.Discard, resp.Body\). before closing`
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("report: %s", resp.Status)
	}
	return nil
}

// Heartbeat defers the close, but only checks the status.
func Heartbeat(c *http.Client, url string) error {
	res, err := c.Get(url) // want `response body of c.Get is closed without being read to EOF`
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("heartbeat: %s", res.Status)
	}
	return nil
}

// SendWithRetry retries 5xx answers without closing the previous body: the
// next Do overwrites it.
func (u *Uplink) SendWithRetry(req *http.Request) error {
	var resp *http.Response
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		resp, err = u.http.Do(req) // want `response body of u.http.Do is not closed on every path`
		if err == nil && resp.StatusCode < 500 {
			break
		}
		time.Sleep(time.Second << attempt)
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// Probe uses the transport directly and forgets the body.
func Probe(req *http.Request) bool {
	resp, err := http.DefaultTransport.RoundTrip(req) // want `response body of http.DefaultTransport.RoundTrip is not closed on every path`
	if err != nil {
		return false
	}
	return resp.StatusCode == http.StatusOK
}

// Config checks the error and the status in one condition; the status half
// returns with the body open.
func (u *Uplink) Config(ctx context.Context) (map[string]string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.base+"/v1/config", nil)
	if err != nil {
		return nil, err
	}
	resp, err := u.http.Do(req) // want `response body of u.http.Do is not closed on every path`
	if err != nil || resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("config: %v", err)
	}
	defer resp.Body.Close()
	cfg := map[string]string{}
	return cfg, json.NewDecoder(resp.Body).Decode(&cfg)
}

// Status hands the response to a helper that only reads the status line
// (known from its fact): nobody closes the body.
func (u *Uplink) Status(req *http.Request) (int, error) {
	resp, err := u.http.Do(req) // want `response body of u.http.Do is not closed on every path`
	if err != nil {
		return 0, err
	}
	return helpers.StatusOf(resp), nil
}

// Firmware returns on a read error before the explicit close.
func Firmware(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `response body of http.Get is not closed on every path`
	if err != nil {
		return nil, err
	}
	image, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	return image, nil
}

// PollAll skips 404s with the body open; the next iteration overwrites it.
func PollAll(urls []string) {
	for _, url := range urls {
		resp, err := http.Get(url) // want `response body of http.Get is not closed on every path`
		if err != nil {
			continue
		}
		if resp.StatusCode == http.StatusNotFound {
			continue
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
