// Package probe models one-off requests sent by a client made for them,
// with a transport of its own: no later request can reuse the connection,
// so an undrained body is not reported (closing it unread closes the
// connection, which is right for a transport that is thrown away). A
// client that shares its transport, or sends more than one request, is
// still checked.
package probe

import (
	"crypto/tls"
	"net/http"
	"time"
)

// Negatives: the transport dies with the function.

// reachable is a device-discovery probe.
func reachable(ip string) bool {
	client := http.Client{
		Timeout: time.Second,
		Transport: &http.Transport{
			TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
		},
	}
	resp, err := client.Get("https://" + ip)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return true
}

// status uses a pointer client and a var declaration.
func status(url string) (int, error) {
	var c = &http.Client{Transport: &http.Transport{DisableCompression: true}}
	resp, err := c.Head(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// Positives: the connection could have been reused.

var shared = &http.Transport{MaxIdleConnsPerHost: 4}

// sharedTransport builds a client per call, but over a shared transport:
// its pool outlives the function.
func sharedTransport(url string) (int, error) {
	client := &http.Client{Transport: shared, Timeout: 5 * time.Second}
	resp, err := client.Get(url) // want `response body of client.Get is closed without being read to EOF`
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// defaultTransport builds a client without a transport: it uses
// http.DefaultTransport, shared by the whole program.
func defaultTransport(url string) (int, error) {
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(url) // want `response body of client.Get is closed without being read to EOF`
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// twoRequests sends a second request over the same own transport: the
// first connection could have served it.
func twoRequests(a, b string) error {
	client := &http.Client{Transport: &http.Transport{}}
	resp, err := client.Get(a) // want `response body of client.Get is closed without being read to EOF`
	if err != nil {
		return err
	}
	resp.Body.Close()
	resp, err = client.Get(b) // want `response body of client.Get is closed without being read to EOF`
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}

// param gets its client from the caller.
func param(client *http.Client, url string) error {
	resp, err := client.Get(url) // want `response body of client.Get is closed without being read to EOF`
	if err != nil {
		return err
	}
	resp.Body.Close()
	return nil
}
