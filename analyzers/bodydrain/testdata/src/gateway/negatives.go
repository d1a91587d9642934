package gateway

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	coder "github.com/coder/websocket"
	"github.com/gorilla/websocket"

	"helpers"
)

// ReadAll: the classic, correct shape.
func ReadAll(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// do returns the response: the caller closes it.
func (u *Uplink) do(req *http.Request) (*http.Response, error) { // want do:`bodydrain\(returns a response\)`
	return u.http.Do(req)
}

// doChecked returns it after the error check.
func (u *Uplink) doChecked(req *http.Request) (*http.Response, error) { // want doChecked:`bodydrain\(returns a response\)`
	resp, err := u.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("uplink: %w", err)
	}
	return resp, nil
}

// Result carries a response to the caller.
type Result struct {
	Resp *http.Response
	Took time.Duration
}

// Timed stores the response in a struct that is returned.
func (u *Uplink) Timed(req *http.Request) (*Result, error) {
	start := time.Now()
	resp, err := u.http.Do(req)
	if err != nil {
		return nil, err
	}
	return &Result{Resp: resp, Took: time.Since(start)}, nil
}

// Keep stores the response in a field of the receiver.
func (u *Uplink) Keep(req *http.Request) error {
	var err error
	u.last, err = u.http.Do(req)
	return err
}

// ClosureClose closes in a deferred function literal.
func ClosureClose(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := resp.Body.Close(); cerr != nil {
			log.Printf("close: %v", cerr)
		}
	}()
	return io.ReadAll(resp.Body)
}

// NilCheckFirst defers the close behind a nil check, before the error
// check (some clients return a response together with an error).
func NilCheckFirst(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if resp != nil {
		defer resp.Body.Close()
	}
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// HelperDrains uses a helper of another package, known by its fact to
// drain and close.
func HelperDrains(c *http.Client, url string) (int, error) {
	resp, err := c.Get(url)
	if err != nil {
		return 0, err
	}
	defer helpers.DrainClose(resp)
	return resp.StatusCode, nil
}

// HelperCloses closes through a cross-package io.Closer helper.
func HelperCloses(c *http.Client, url string) (map[string]any, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	defer helpers.CloseQuietly(resp.Body)
	v := map[string]any{}
	if err := helpers.DecodeJSON(resp.Body, &v); err != nil {
		return nil, err
	}
	return v, nil
}

// LocalHelper closes through a helper of this package declared below.
func LocalHelper(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer drainAndClose(resp.Body)
	return nil
}

func drainAndClose(body io.ReadCloser) { // want drainAndClose:`bodydrain\(body: closes\+drains\)`
	_, _ = io.Copy(io.Discard, body)
	_ = body.Close()
}

// Fanout sends every response on a channel: the consumer closes them.
func Fanout(urls []string, out chan<- *http.Response) {
	for _, url := range urls {
		resp, err := http.Get(url)
		if err != nil {
			continue
		}
		out <- resp
	}
}

// Callback hands the response to a function value that owns it.
func Callback(url string, handle func(*http.Response) error) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	return handle(resp)
}

// Remembered hands the response to a helper that keeps it.
func Remembered(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	helpers.Remember(resp)
	return nil
}

// Stream returns the body itself: the caller reads and closes it.
func Stream(ctx context.Context, c *http.Client, url string) (io.ReadCloser, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// Background drains and closes in a goroutine that owns the body.
func Background(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	go func() {
		defer resp.Body.Close()
		_, _ = io.Copy(io.Discard, resp.Body)
	}()
	return nil
}

// Buffered reads the body, closes it and replaces it, then returns the
// response (bodyclose issue #76 shape).
func Buffered(url string) (*http.Response, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	return resp, nil
}

// MustFetch exits on every failure path; log.Fatal never returns.
func MustFetch(url string) []byte {
	resp, err := http.Get(url)
	if err != nil {
		log.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		log.Fatalf("fetch %s: %s", url, resp.Status)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		log.Fatal(err)
	}
	return data
}

// ExplicitEveryPath closes without defer, on every path.
func ExplicitEveryPath(c *http.Client, url string) ([]byte, error) {
	resp, err := c.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return nil, errors.New(resp.Status)
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return data, err
}

// Lines scans the body to the end.
func Lines(url string) ([]string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var lines []string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

// CheckedClose passes the Close method value to an error-logging helper.
func CheckedClose(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer logClose(resp.Body.Close)
	return io.ReadAll(resp.Body)
}

func logClose(closeFn func() error) {
	if err := closeFn(); err != nil {
		log.Printf("close: %v", err)
	}
}

// RetryClosed retries, draining and closing each rejected body.
func (u *Uplink) RetryClosed(req *http.Request) ([]byte, error) {
	var resp *http.Response
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		resp, err = u.http.Do(req)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		if resp.StatusCode == http.StatusServiceUnavailable {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			continue
		}
		break
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// retryTransport is a RoundTripper middleware: the response it gets from
// the next transport is returned to the client.
type retryTransport struct{ next http.RoundTripper }

func (t retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	for {
		resp, err := t.next.RoundTrip(req)
		if err != nil || resp.StatusCode != http.StatusTooManyRequests {
			return resp, err
		}
		helpers.DrainClose(resp)
		time.Sleep(time.Second)
	}
}

// Outer assigns the response inside a closure handed to a retry helper;
// the enclosing function closes it.
func Outer(c *http.Client, req *http.Request) ([]byte, error) {
	var resp *http.Response
	err := retry(func() error {
		var err error
		resp, err = c.Do(req)
		return err
	})
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func retry(f func() error) error { return f() }

// Exists uses HEAD: the transport gives the response http.NoBody and
// reuses the connection without any help.
func Exists(url string) bool {
	resp, err := http.Head(url)
	if err != nil {
		return false
	}
	return resp.StatusCode == http.StatusOK
}

// Dashboard dials websockets: the handshake responses belong to the
// websocket libraries.
func Dashboard(ctx context.Context, url string) error {
	conn, resp, err := websocket.DefaultDialer.Dial(url, nil)
	if err != nil {
		return fmt.Errorf("dial: %v (%v)", err, resp)
	}
	defer conn.Close()
	c2, resp2, err := coder.Dial(ctx, url, nil)
	if err != nil {
		return err
	}
	_ = resp2.StatusCode
	return c2.CloseNow()
}

// SelfCheck runs a handler against a recorder at start-up.
func SelfCheck(h http.Handler) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	res := rec.Result()
	return res.StatusCode
}

// Decoded reads a JSON value and closes: a partial read is only reported
// with -bodydrain.strict.
func Decoded(c *http.Client, url string, v any) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return helpers.DecodeJSON(resp.Body, v)
}

// Canceled tests err with errors.Is before the nil check.
func Canceled(ctx context.Context, c *http.Client, req *http.Request) error {
	resp, err := c.Do(req.WithContext(ctx))
	if errors.Is(err, context.Canceled) {
		return nil
	}
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// Aliased closes the body through another variable (bodyclose issue #77
// shape): the body escapes the analysis, so nothing is reported.
func Aliased(url string) error {
	var rc io.ReadCloser
	if url != "" {
		resp, err := http.Get(url)
		if err != nil {
			return err
		}
		rc = resp.Body
	}
	if rc != nil {
		defer rc.Close()
	}
	return nil
}

// CloseIfAny closes behind nil checks on the response and its body,
// without defer.
func CloseIfAny(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if resp != nil && resp.Body != nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return err
}

// Delete returns early on 204 No Content: such a response has
// http.NoBody and its connection is already back in the pool.
func Delete(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	if resp.StatusCode == http.StatusNoContent {
		return nil
	}
	defer resp.Body.Close()
	detail, _ := io.ReadAll(resp.Body)
	return fmt.Errorf("delete: %s: %s", resp.Status, detail)
}

// Annotated wraps the error before checking it: err still tells whether
// the request failed.
func Annotated(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	err = annotate(err, "ingest")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func annotate(err error, op string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, err)
}

// Suppressed: the process exits right after this one-shot call.
func Suppressed(url string) {
	//connlint:ignore bodydrain one-shot CLI call, the process exits right after
	resp, _ := http.Get(url)
	fmt.Println(resp.StatusCode)
}
