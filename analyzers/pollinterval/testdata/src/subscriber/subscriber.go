// Package subscriber models clients that hold a streaming GET open
// (Server-Sent Events, newline-delimited JSON) and send it again after a
// wait when the stream ends: a reconnect, not a poll. Beside them, polls
// that read their response in a loop of their own are still polls.
package subscriber

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"time"
)

type message struct{ Event, Body string }

// Negatives: the response is a stream.

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

// subscribeLoop sends the stream again ten seconds after it ends: the
// reconnect rule's business, not this one's.
func subscribeLoop(ctx context.Context, url string, out chan<- message) {
	for {
		_ = subscribe(ctx, url, out)
		select {
		case <-ctx.Done():
			return
		case <-time.After(10 * time.Second):
		}
	}
}

// events reads Server-Sent Events inline, through a bufio.Reader.
func events(url string) {
	for {
		resp, err := http.Get(url)
		if err != nil {
			time.Sleep(5 * time.Second)
			continue
		}
		br := bufio.NewReader(resp.Body)
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				break
			}
			_ = line
		}
		resp.Body.Close()
		time.Sleep(5 * time.Second)
	}
}

// decodeStream decodes one JSON value after another, through a reader on
// a reader on the body.
func decodeStream(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(bufio.NewReader(resp.Body))
	for {
		var m message
		if err := dec.Decode(&m); err != nil {
			return err
		}
	}
}

func decodeLoop(url string) {
	ticker := time.NewTicker(30 * time.Second)
	defer ticker.Stop()
	for range ticker.C {
		_ = decodeStream(url)
	}
}

// readInGoroutine hands the stream to a goroutine.
func readInGoroutine(url string) {
	for {
		resp, err := http.Get(url)
		if err == nil {
			go func() {
				defer resp.Body.Close()
				sc := bufio.NewScanner(resp.Body)
				for sc.Scan() {
				}
			}()
		}
		time.Sleep(time.Minute)
	}
}

// Positives: look-alikes that read a polled response in a loop.

// readAllThenLines reads the body once, then loops over what it read.
func readAllThenLines(url string) {
	for {
		resp, err := http.Get(url) // want `polls an HTTP endpoint with GET every 10s \(8640 requests a day\)`
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			for _, line := range strings.Split(string(b), "\n") {
				_ = line
			}
		}
		time.Sleep(10 * time.Second)
	}
}

// fetchItems decodes one JSON array, then ranges over it.
func fetchItems(url string) ([]message, error) { // want fetchItems:"sends a GET on every call \\(depth 1\\)"
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var items []message
	if err := json.NewDecoder(resp.Body).Decode(&items); err != nil {
		return nil, err
	}
	for i := range items {
		items[i].Event = strings.ToLower(items[i].Event)
	}
	return items, nil
}

func fetchLoop(url string) {
	for range time.Tick(time.Minute) {
		_, _ = fetchItems(url) // want `polls an HTTP endpoint with GET every 1m`
	}
}

// firstLine scans one line per request, in the loop that sends it.
func firstLine(url string) {
	for {
		resp, err := http.Get(url) // want `polls an HTTP endpoint with GET every 30s`
		if err == nil {
			sc := bufio.NewScanner(resp.Body)
			sc.Scan()
			resp.Body.Close()
		}
		time.Sleep(30 * time.Second)
	}
}
