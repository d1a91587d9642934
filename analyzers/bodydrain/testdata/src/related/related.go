// Package related pins the related positions of the findings.
package related

import (
	"errors"
	"net/http"
)

func Status(c *http.Client, url string) error {
	resp, err := c.Get(url) // want `not closed on every path`
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errors.New(resp.Status)
	}
	return resp.Body.Close()
}

func Notify(c *http.Client, url string) error {
	resp, err := c.Post(url, "text/plain", nil) // want `closed without being read to EOF`
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return nil
}

func Poll(c *http.Client, urls []string) {
	for _, url := range urls {
		resp, err := c.Get(url) // want `not closed on every path`
		if err != nil {
			continue
		}
		_ = resp.StatusCode
	}
}
