// Package helpers models polls whose GET is sent by a helper function.
package helpers

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

const firmwareURL = "https://fw.example.com/v1/latest"

type Release struct{ Version string }

// latestRelease sends the GET.
func latestRelease(ctx context.Context, url string) (*Release, error) { // want latestRelease:"sends a GET on every call \\(depth 1\\)"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var r Release
	return &r, json.NewDecoder(resp.Body).Decode(&r)
}

// checkFirmware reaches the GET through latestRelease: two levels deep.
func checkFirmware(ctx context.Context) bool { // want checkFirmware:"sends a GET on every call \\(depth 2\\)"
	r, err := latestRelease(ctx, firmwareURL)
	return err == nil && r.Version != "1.0.0"
}

type apiClient struct {
	base string
	http *http.Client
}

// do sends a request with the method its caller chooses.
func (c *apiClient) do(ctx context.Context, method, path string) error { // want do:"sends a GET on every call \\(depth 1\\)"
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, nil)
	if err != nil {
		return err
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Positives.

func watchFirmware(ctx context.Context) {
	ticker := time.NewTicker(10 * time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			if _, err := latestRelease(ctx, firmwareURL); err != nil { // want `latestRelease polls https://fw.example.com/v1/latest every 10m \(144 requests a day\)`
				continue
			}
		}
	}
}

func watchViaCheck(ctx context.Context) {
	for range time.Tick(5 * time.Minute) {
		if checkFirmware(ctx) { // want `checkFirmware polls https://fw.example.com/v1/latest every 5m \(288 requests a day\)`
			println("update available")
		}
	}
}

func (c *apiClient) syncShadow(ctx context.Context) {
	for {
		if err := c.do(ctx, http.MethodGet, "/shadow"); err != nil { // want `do polls an HTTP endpoint with GET every 30s \(2880 requests a day\)`
			println(err.Error())
		}
		time.Sleep(30 * time.Second)
	}
}

// Negatives.

// The same helper with POST uploads.
func (c *apiClient) pushState(ctx context.Context) {
	for {
		_ = c.do(ctx, http.MethodPost, "/state")
		time.Sleep(30 * time.Second)
	}
}

// A daily check through the helper.
func dailyCheck(ctx context.Context) {
	for range time.Tick(24 * time.Hour) {
		_ = checkFirmware(ctx)
	}
}

// The helper called once at start-up.
func startup(ctx context.Context) bool {
	return checkFirmware(ctx)
}
