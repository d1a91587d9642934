// Package shapes holds the response-leak shapes that real clients write
// through their own wrappers, with a look-alike that is correct for each.
package shapes

import (
	"bufio"
	"fmt"
	"io"
	"log"
	"net/http"

	"apiclient"
)

// meter is this package's own thin client.
type meter struct {
	hc  *http.Client
	url string
}

func (m *meter) get(path string) (*http.Response, error) { // want get:`bodydrain\(returns a response\)`
	return m.hc.Get(m.url + path)
}

// Power calls the wrapper and never closes what it returns.
func (m *meter) Power() (int, error) {
	resp, err := m.get("/power") // want `response body of m.get is not closed on every path`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// Energy calls the wrapper and closes.
func (m *meter) Energy() ([]byte, error) {
	resp, err := m.get("/energy")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Reset drops the wrapper's response altogether.
func (m *meter) Reset() error {
	_, err := m.get("/reset") // want `response of m.get is discarded`
	return err
}

// ItemStatus goes through another package's wrappers.
func ItemStatus(c *apiclient.Client, id string) (string, error) {
	resp, err := c.Fetch(id) // want `response body of c.Fetch is not closed on every path`
	if err != nil {
		return "", err
	}
	return resp.Status, nil
}

// ItemBody closes what the other package's wrapper returns.
func ItemBody(c *apiclient.Client, id string) ([]byte, error) {
	resp, err := c.Fetch(id)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// LastCode reads a response the client keeps: not a new one to close.
func LastCode(c *apiclient.Client) int {
	return c.Last().StatusCode
}

// Synthetic builds a response without a connection.
func Synthetic() int {
	r := apiclient.Build(http.StatusOK)
	return r.StatusCode
}

// Printed logs the response: printing is not handing it on.
func Printed(url string) {
	resp, err := http.Get(url) // want `response body of http.Get is not closed on every path`
	if err != nil {
		return
	}
	fmt.Println(resp)
}

// PrintedAndClosed logs it and closes it.
func PrintedAndClosed(url string) {
	resp, err := http.Get(url)
	if err != nil {
		return
	}
	defer resp.Body.Close()
	log.Printf("got %v", resp)
	_, _ = io.Copy(io.Discard, resp.Body)
}

// Blanked silences the unused-variable error, nothing else.
func Blanked(url string) error {
	resp, err := http.Get(url) // want `response body of http.Get is not closed on every path`
	_ = resp
	return err
}

// BlankedBody assigns the body to the blank identifier after closing it.
func BlankedBody(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	return nil
}

// Relay returns its first response, then reuses the variable for a second
// request whose body nobody closes.
func Relay(c *http.Client, a, b string) (*http.Response, error) {
	resp, err := c.Get(a)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusOK {
		return resp, nil
	}
	resp.Body.Close()
	resp, err = c.Get(b) // want `response body of c.Get is not closed on every path`
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("fallback: %s", resp.Status)
}

// RelayBoth returns whichever response it ends with.
func RelayBoth(c *http.Client, a, b string) (*http.Response, error) {
	resp, err := c.Get(a)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusOK {
		return resp, nil
	}
	resp.Body.Close()
	resp, err = c.Get(b)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// Limited wraps the body to cap its size and never closes it.
func Limited(w http.ResponseWriter, url string) ([]byte, error) {
	resp, err := http.Get(url) // want `response body of http.Get is not closed on every path`
	if err != nil {
		return nil, err
	}
	capped := http.MaxBytesReader(w, resp.Body, 1<<20)
	return io.ReadAll(capped)
}

// LimitedClosed closes through the wrapper, which closes the body.
func LimitedClosed(w http.ResponseWriter, url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	capped := http.MaxBytesReader(w, resp.Body, 1<<20)
	defer capped.Close()
	return io.ReadAll(capped)
}

// LimitedInPlace replaces the body with a capped one and closes that.
func LimitedInPlace(w http.ResponseWriter, url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	resp.Body = http.MaxBytesReader(w, resp.Body, 1<<20)
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// LimitedInPlaceOpen replaces the body with a capped one and forgets it.
func LimitedInPlaceOpen(w http.ResponseWriter, url string) ([]byte, error) {
	resp, err := http.Get(url) // want `response body of http.Get is not closed on every path`
	if err != nil {
		return nil, err
	}
	resp.Body = http.MaxBytesReader(w, resp.Body, 1<<20)
	return io.ReadAll(resp.Body)
}

// Prefix reads the first kilobyte through io.LimitReader and leaks.
func Prefix(url string) ([]byte, error) {
	resp, err := http.Get(url) // want `response body of http.Get is not closed on every path`
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(resp.Body, 1024))
}

// FirstLine reads a line through bufio and leaks.
func FirstLine(url string) (string, error) {
	resp, err := http.Get(url) // want `response body of http.Get is not closed on every path`
	if err != nil {
		return "", err
	}
	return bufio.NewReader(resp.Body).ReadString('\n')
}

// FirstLineClosed does the same and closes.
func FirstLineClosed(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	_, _ = io.Copy(io.Discard, resp.Body)
	return line, err
}

// Forgotten writes the close in a function literal that never runs.
func Forgotten(url string) error {
	resp, err := http.Get(url) // want `response body of http.Get is not closed on every path`
	if err != nil {
		return err
	}
	cleanup := func() { resp.Body.Close() }
	_ = cleanup
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// CleanupDeferred defers the same literal through its variable.
func CleanupDeferred(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	cleanup := func() { resp.Body.Close() }
	defer cleanup()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// ClosedInline calls its literal on the spot.
func ClosedInline(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	func() { resp.Body.Close() }()
	return err
}

// CheckOnlyOnSuccess closes in the success branch of an if with an
// assignment to a named result: the failure branch has no body.
func CheckOnlyOnSuccess(c *http.Client, u string) (err error) {
	var resp *http.Response
	if resp, err = c.Get(u); err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return err
}

// CountSuccesses does the same in a loop, with locals.
func CountSuccesses(c *http.Client, urls []string) int {
	var resp *http.Response
	var err error
	ok := 0
	for _, u := range urls {
		if resp, err = c.Get(u); err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			ok++
		}
	}
	return ok
}

// CheckOnlyOnFailure gets the branches the wrong way round.
func CheckOnlyOnFailure(c *http.Client, u string) error {
	var resp *http.Response
	var err error
	if resp, err = c.Get(u); err != nil { // want `response body of c.Get is not closed on every path`
		return err
	}
	return fmt.Errorf("status %d", resp.StatusCode)
}

// RetryOnce retries on 401 in a branch; the first response is returned
// when the branch is not taken.
func RetryOnce(c *http.Client, req *http.Request) (*http.Response, error) {
	resp, err := c.Do(req)
	if err == nil && resp.StatusCode == http.StatusUnauthorized {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		resp, err = c.Do(req)
	}
	return resp, err
}
