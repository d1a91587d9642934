// Package stream models clients of streaming HTTP endpoints (Server-Sent
// Events, newline-delimited JSON): the request holds its connection open,
// so sending it again after the stream ends is a reconnect, and a fixed
// wait there brings every client back at once after a server restart.
package stream

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"math/rand/v2"
	"net/http"
	"time"
)

type message struct{ Event, Body string }

// subscribe reads one message per line until the server hangs up.
func subscribe(ctx context.Context, url string, out chan<- message) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/json", nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	scanner := bufio.NewScanner(resp.Body)
	for scanner.Scan() {
		var m message
		if err := json.Unmarshal(scanner.Bytes(), &m); err != nil {
			return err
		}
		out <- m
	}
	return scanner.Err()
}

// Positives.

func subscribeLoop(ctx context.Context, url string, out chan<- message) {
	for {
		if err := subscribe(ctx, url, out); err != nil {
			println(err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(10 * time.Second): // want `reconnect loop waits a fixed 10s between attempts`
		}
	}
}

// events reads Server-Sent Events inline.
func events(url string) {
	for {
		resp, err := http.Get(url)
		if err != nil {
			time.Sleep(5 * time.Second) // want `reconnect loop waits a fixed 5s between attempts`
			continue
		}
		br := bufio.NewReader(resp.Body)
		for {
			if _, err := br.ReadString('\n'); err != nil {
				break
			}
		}
		resp.Body.Close()
	}
}

// doubling grows its wait, capped, with no jitter.
func doubling(ctx context.Context, url string, out chan<- message) {
	delay := time.Second
	for ctx.Err() == nil {
		if err := subscribe(ctx, url, out); err != nil {
			time.Sleep(delay) // want `reconnect loop backoff grows without jitter`
			delay = min(delay*2, time.Minute)
		}
	}
}

// Negatives.

// jittered waits min(base<<attempt, max) plus jitter.
func jittered(ctx context.Context, url string, out chan<- message) {
	delay := time.Second
	for ctx.Err() == nil {
		if err := subscribe(ctx, url, out); err != nil {
			time.Sleep(delay + rand.N(delay/2))
			delay = min(delay*2, time.Minute)
			continue
		}
		delay = time.Second
	}
}

// fetch reads one response whole: a request, not a stream.
func fetch(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// pollEvery waits after every request, failed or not: polling, which the
// pollinterval rule judges.
func pollEvery(url string) {
	for {
		_ = fetch(url)
		time.Sleep(30 * time.Second)
	}
}

// lines reads a fixed-length listing line by line in the loop that sends
// the request: each request is one read, so a wait after it is a period.
func lines(url string) {
	for {
		resp, err := http.Get(url)
		if err == nil {
			sc := bufio.NewScanner(resp.Body)
			sc.Scan()
			resp.Body.Close()
		}
		time.Sleep(30 * time.Second)
	}
}
