// Package clientnogzip builds its client with DisableCompression: no
// response is un-gzipped behind its back.
package clientnogzip

import (
	"io"
	"net/http"
	"time"
)

var client = &http.Client{
	Timeout:   10 * time.Second,
	Transport: &http.Transport{DisableCompression: true},
}

func fetch(url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
