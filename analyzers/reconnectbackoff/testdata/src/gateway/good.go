package gateway

import (
	"context"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/websocket"
)

// The fix: capped exponential backoff with jitter.
func (u *Uplink) runGood(ctx context.Context) {
	for attempt := 0; ; attempt++ {
		conn, _, err := u.dialer.DialContext(ctx, u.cfg.URL, nil)
		if err != nil {
			delay := min(baseDelay<<min(attempt, 6), maxDelay)
			select {
			case <-ctx.Done():
				return
			case <-time.After(delay + rand.N(delay/2)):
			}
			continue
		}
		attempt = 0
		u.serve(conn)
	}
}

// The paho shape: double while below the max, clamp, then add jitter.
func (u *Uplink) runClamped(ctx context.Context) {
	sleep := time.Second
	for {
		if err := u.connectAndServe(ctx); err == nil {
			return
		}
		time.Sleep(sleep + time.Duration(rand.Int64N(int64(sleep)/4)))
		if sleep < maxDelay {
			sleep *= 2
		}
		if sleep > maxDelay {
			sleep = maxDelay
		}
	}
}

// A fixed base plus jitter spreads the herd: not reported.
func (u *Uplink) runJittered(ctx context.Context) {
	for {
		if err := u.connectAndServe(ctx); err != nil {
			time.Sleep(reconnectDelay + rand.N(2*time.Second))
		}
	}
}

// The wait comes from a helper the analyzer cannot see through.
func (u *Uplink) runHelper(ctx context.Context) {
	for attempt := 0; ; attempt++ {
		if err := u.connectAndServe(ctx); err != nil {
			time.Sleep(nextDelay(attempt))
		}
	}
}

func nextDelay(attempt int) time.Duration {
	d := min(baseDelay<<attempt, maxDelay)
	return d/2 + rand.N(d/2)
}

// A single retry outside any loop.
func dialOnceMore(addr string) (net.Conn, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		time.Sleep(time.Second)
		conn, err = net.Dial("tcp", addr)
	}
	return conn, err
}

// The dial fails out of the function; the ticker inside paces pings on the
// live connection, not reconnects.
func (u *Uplink) pingLoop(ctx context.Context) error {
	for {
		conn, _, err := websocket.DefaultDialer.DialContext(ctx, u.cfg.URL, nil)
		if err != nil {
			return err
		}
		ping := time.NewTicker(25 * time.Second)
		for range ping.C {
			if err := conn.WriteMessage(websocket.PingMessage, nil); err != nil {
				break
			}
		}
		ping.Stop()
		conn.Close()
	}
}

// A send loop that reconnects lazily: the sleep is the send period, and
// the reconnect waits what the struct's backoff computes.
type sender struct {
	conn  net.Conn
	delay func() time.Duration
}

func (s *sender) loop(addr string, readings <-chan []byte) {
	for {
		if s.conn == nil {
			conn, err := net.Dial("udp", addr)
			if err != nil {
				time.Sleep(s.delay())
				continue
			}
			s.conn = conn
		}
		if _, err := s.conn.Write(<-readings); err != nil {
			log.Printf("send: %v", err)
			s.conn = nil
		}
		time.Sleep(10 * time.Second)
	}
}

// Exponential, capped by the loop bound, with jitter.
func dialBounded(addr string) (net.Conn, error) {
	var err error
	for attempt := range 6 {
		var conn net.Conn
		if conn, err = net.Dial("tcp", addr); err == nil {
			return conn, nil
		}
		time.Sleep(baseDelay<<attempt + rand.N(baseDelay))
	}
	return nil, err
}

// The dial returns on failure, so the wait only paces successful sessions
// of a bounded batch.
func uploadBatches(addr string, batches [][]byte) error {
	for _, b := range batches {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			return err
		}
		conn.Write(b)
		conn.Close()
		time.Sleep(time.Second)
	}
	return nil
}

// A wait that happens to sit in a loop with no connection attempt.
func (u *Uplink) drain(ctx context.Context, conn *websocket.Conn) {
	for {
		if err := conn.WriteMessage(websocket.TextMessage, []byte("bye")); err != nil {
			return
		}
		time.Sleep(time.Second)
	}
}

func rigDial(addr string) net.Conn {
	for {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn
		}
		//connlint:ignore reconnectbackoff the factory test rig reconnects one device at a time
		time.Sleep(time.Second)
	}
}

// A ticker whose period backs off is not a fixed interval.
func (u *Uplink) tickerBackoff() {
	period := time.Second
	t := time.NewTicker(period)
	defer t.Stop()
	for range t.C {
		if u.conn != nil {
			continue
		}
		conn, _, err := u.dialer.Dial(u.cfg.URL, nil)
		if err != nil {
			period = min(period*2, maxDelay)
			t.Reset(period + rand.N(period/2))
			continue
		}
		u.conn = conn
	}
}

// Honouring the server's Retry-After: computed from the response.
func (u *Uplink) fetch(c *http.Client, req *http.Request) (*http.Response, error) {
	for {
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusTooManyRequests {
			return resp, nil
		}
		resp.Body.Close()
		secs, _ := strconv.Atoi(resp.Header.Get("Retry-After"))
		time.Sleep(time.Duration(secs) * time.Second)
	}
}
