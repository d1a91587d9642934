// Package apiclient wraps an http.Client the way vendor API clients do:
// small methods that return the response for the caller to close.
package apiclient

import (
	"context"
	"fmt"
	"net/http"
)

type Client struct {
	hc   *http.Client
	base string
	last *http.Response
}

func New(base string) *Client { return &Client{hc: &http.Client{}, base: base} }

// Get hands the response to the caller.
func (c *Client) Get(path string) (*http.Response, error) { // want Get:`bodydrain\(returns a response\)`
	return c.hc.Get(c.base + path)
}

// Do checks the error first, then hands the response on.
func (c *Client) Do(ctx context.Context, req *http.Request) (*http.Response, error) { // want Do:`bodydrain\(returns a response\)`
	resp, err := c.hc.Do(req.WithContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	return resp, nil
}

// Fetch goes through Get: a wrapper of a wrapper.
func (c *Client) Fetch(id string) (*http.Response, error) { // want Fetch:`bodydrain\(returns a response\)`
	return c.Get("/items/" + id)
}

// Last returns a response this client keeps: not the caller's to close.
func (c *Client) Last() *http.Response { return c.last }

// Build makes a response that has no connection behind it.
func Build(code int) *http.Response { return &http.Response{StatusCode: code, Body: http.NoBody} }
