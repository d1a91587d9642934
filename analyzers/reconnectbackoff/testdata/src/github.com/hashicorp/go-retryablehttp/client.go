// Package retryablehttp is a minimal stand-in for github.com/hashicorp/go-retryablehttp, for tests.
package retryablehttp

import (
	"net/http"
	"time"
)

type Client struct {
	HTTPClient   *http.Client
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	RetryMax     int
}

func NewClient() *Client                                 { return &Client{} }
func (c *Client) Get(url string) (*http.Response, error) { return nil, nil }
func (c *Client) StandardClient() *http.Client           { return &http.Client{} }
