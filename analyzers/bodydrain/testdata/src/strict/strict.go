// Package strict is checked with -bodydrain.strict: a partial read that
// is never drained is reported too.
package strict

import (
	"encoding/json"
	"io"
	"net/http"
)

type Status struct {
	Online bool `json:"online"`
}

func Decode(c *http.Client, url string) (Status, error) {
	var s Status
	resp, err := c.Get(url) // want `response body of c.Get is closed without being read to EOF`
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	err = json.NewDecoder(resp.Body).Decode(&s)
	return s, err
}

// DecodeThenDrain drains what the decoder left behind.
func DecodeThenDrain(c *http.Client, url string) (Status, error) {
	var s Status
	resp, err := c.Get(url)
	if err != nil {
		return s, err
	}
	defer resp.Body.Close()
	err = json.NewDecoder(resp.Body).Decode(&s)
	_, _ = io.Copy(io.Discard, resp.Body)
	return s, err
}

// ReadAll reads everything: a drain already.
func ReadAll(c *http.Client, url string) ([]byte, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
