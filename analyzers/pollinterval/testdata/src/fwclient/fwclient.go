// Package fwclient is an API client of the firmware service: its methods
// send GETs for the packages that use it.
package fwclient

import (
	"context"
	"encoding/json"
	"net/http"
)

type Client struct {
	Base string
	HTTP *http.Client
}

type Release struct{ Version string }

// Latest asks for the newest release.
func (c *Client) Latest(ctx context.Context) (*Release, error) { // want Latest:"sends a GET on every call \\(depth 1\\)"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+"/v1/latest", nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var r Release
	return &r, json.NewDecoder(resp.Body).Decode(&r)
}

// Fetch sends a GET to url.
func Fetch(ctx context.Context, url string) error { // want Fetch:"sends a GET on every call \\(depth 1\\)"
	req, err := http.NewRequestWithContext(ctx, "", url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// Report uploads a status: not a GET.
func (c *Client) Report(ctx context.Context, status string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+"/v1/status?s="+status, nil)
	if err != nil {
		return err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
