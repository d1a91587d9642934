// Package retry sends readings to an HTTP API and retries on failure.
package retry

import (
	"bytes"
	"io"
	"log"
	"math/rand"
	"net/http"
	"time"
)

type Uploader struct {
	client *http.Client
	url    string
}

// Fixed-interval retry of a request: the success path returns.
func (u *Uploader) send(body []byte) (*http.Response, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		req, err := http.NewRequest(http.MethodPost, u.url, bytes.NewReader(body))
		if err != nil {
			return nil, err
		}
		resp, err := u.client.Do(req)
		if err == nil && resp.StatusCode < 500 {
			return resp, nil
		}
		lastErr = err
		time.Sleep(2 * time.Second) // want `retry loop waits a fixed 2s between attempts`
	}
	return nil, lastErr
}

// Doubling without jitter or cap on a GET.
func fetchConfig(url string) []byte {
	wait := time.Second
	for {
		resp, err := http.Get(url)
		if err != nil {
			time.Sleep(wait) // want `retry loop backoff grows without jitter` `retry loop backoff grows without a cap`
			wait = wait * 2
			continue
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return b
	}
}

// A helper that sends: the retry loop calls it and waits in the failure
// branch.
func (u *Uploader) post(body []byte) error {
	resp, err := u.client.Post(u.url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (u *Uploader) flush(queue [][]byte) {
	for len(queue) > 0 {
		if err := u.post(queue[0]); err != nil {
			log.Printf("post: %v", err)
			time.Sleep(time.Second) // want `retry loop waits a fixed 1s`
			continue
		}
		queue = queue[1:]
	}
}

// Polling: the wait follows every request, successful or not. That is the
// pollinterval rule, not a retry.
func (u *Uploader) poll(handle func(*http.Response)) {
	for {
		resp, err := u.client.Get(u.url)
		if err != nil {
			log.Printf("poll: %v", err)
		} else {
			handle(resp)
			resp.Body.Close()
		}
		time.Sleep(30 * time.Second)
	}
}

// Jittered, capped retry with math/rand (v1).
func (u *Uploader) sendGood(body []byte) error {
	backoff := 500 * time.Millisecond
	for attempt := 0; attempt < 8; attempt++ {
		err := u.post(body)
		if err == nil {
			return nil
		}
		jitter := time.Duration(rand.Int63n(int64(backoff)))
		time.Sleep(backoff + jitter)
		if backoff < 30*time.Second {
			backoff *= 2
		}
	}
	return nil
}
