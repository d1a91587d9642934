// Package uploader sends sensor readings from a gateway to the cloud
// ingest API.
package uploader

import (
	"bytes"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// Reading is one sensor sample.
type Reading struct {
	Sensor string    `json:"sensor"`
	Value  float64   `json:"value"`
	At     time.Time `json:"at"`
}

// Uploader posts readings over one pooled, keep-alive connection. This is
// the correct pattern: the Transport is built once, and TLS sessions are
// cached so that a reconnect after an idle timeout is an abbreviated
// handshake.
type Uploader struct {
	url    string
	client *http.Client
}

// New builds the Uploader and its connection pool once.
func New(url string) *Uploader {
	tr := &http.Transport{
		MaxIdleConnsPerHost: 4,
		IdleConnTimeout:     90 * time.Second,
		TLSClientConfig: &tls.Config{
			MinVersion:         tls.VersionTLS12,
			ClientSessionCache: tls.NewLRUClientSessionCache(16),
		},
	}
	return &Uploader{url: url, client: &http.Client{Transport: tr, Timeout: 10 * time.Second}}
}

// Upload posts a batch and drains the response so the connection is
// reused.
func (u *Uploader) Upload(batch []Reading) error {
	body, err := json.Marshal(batch)
	if err != nil {
		return err
	}
	resp, err := u.client.Post(u.url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("ingest: %s", resp.Status)
	}
	return nil
}

// UploadEach is the battery-draining version: a fresh connection pool for
// every reading, so every reading pays TCP and TLS handshakes.
func UploadEach(url string, readings []Reading) error {
	for _, r := range readings {
		client := &http.Client{Transport: &http.Transport{MaxIdleConns: 1}}
		body, _ := json.Marshal(r)
		resp, err := client.Post(url, "application/json", bytes.NewReader(body))
		if err != nil {
			return err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return nil
}

// legacyTransport talks to the v1 ingest endpoint, written before anyone
// measured the handshakes: keep-alive off, no TLS session cache.
var legacyTransport = &http.Transport{
	DisableKeepAlives: true,
	TLSClientConfig:   &tls.Config{MinVersion: tls.VersionTLS12},
}

var legacyClient = &http.Client{Transport: legacyTransport, Timeout: 10 * time.Second}

// SendLegacy posts one reading to the v1 endpoint; it closes the body
// without reading it, so even with keep-alive on the connection would not
// be reused.
func SendLegacy(url string, r Reading) error {
	body, _ := json.Marshal(r)
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Close = true
	resp, err := legacyClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		return fmt.Errorf("v1 ingest: %s", resp.Status)
	}
	return nil
}
