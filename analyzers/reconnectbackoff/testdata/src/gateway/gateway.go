// Package gateway models an IoT gateway that keeps websocket, TCP, TLS
// and gRPC links to the cloud up.
package gateway

import (
	"context"
	"crypto/tls"
	"log"
	"math/rand/v2"
	"net"
	"time"

	coder "github.com/coder/websocket"
	"github.com/gorilla/websocket"
	xws "golang.org/x/net/websocket"
	"google.golang.org/grpc"
)

type Config struct {
	URL           string
	RetryInterval time.Duration
}

type Uplink struct {
	cfg    Config
	dialer *websocket.Dialer
	conn   *websocket.Conn
}

// run: the classic fixed-interval reconnect, the constant in another file.
func (u *Uplink) run(ctx context.Context) {
	for {
		conn, _, err := u.dialer.DialContext(ctx, u.cfg.URL, nil)
		if err != nil {
			log.Printf("dial: %v", err)
			time.Sleep(reconnectDelay) // want `reconnect loop waits a fixed 5s between attempts`
			continue
		}
		u.serve(conn)
	}
}

func (u *Uplink) serve(conn *websocket.Conn) {
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			conn.Close()
			return
		}
	}
}

// connectAndServe dials and serves until the link drops.
func (u *Uplink) connectAndServe(ctx context.Context) error {
	conn, _, err := websocket.DefaultDialer.DialContext(ctx, u.cfg.URL, nil)
	if err != nil {
		return err
	}
	u.serve(conn)
	return nil
}

// supervise: helper one level down, the wait in a select after it, read
// from a config field the loop never changes.
func (u *Uplink) supervise(ctx context.Context) {
	go func() {
		for {
			if err := u.connectAndServe(ctx); err != nil {
				log.Printf("uplink: %v", err)
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(u.cfg.RetryInterval): // want `reconnect loop waits a fixed interval between attempts`
			}
		}
	}()
}

// doubling with a cap but no jitter.
func (u *Uplink) runCapped(ctx context.Context) {
	delay := baseDelay
	for ctx.Err() == nil {
		err := u.connectAndServe(ctx)
		if err == nil {
			delay = baseDelay
			continue
		}
		time.Sleep(delay) // want `reconnect loop backoff grows without jitter`
		delay = min(delay*2, maxDelay)
	}
}

// shifted by an attempt counter, with jitter, but never capped.
func (u *Uplink) runUncapped(ctx context.Context) {
	attempt := 0
	for {
		conn, _, err := u.dialer.Dial(u.cfg.URL, nil)
		if err != nil {
			attempt++
			backoff := baseDelay << attempt
			jitter := rand.N(backoff / 2)
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff + jitter): // want `reconnect loop backoff grows without a cap`
			}
			continue
		}
		attempt = 0
		u.serve(conn)
	}
}

// neither jitter nor cap: two findings on one wait.
func dialForever(addr string) net.Conn {
	wait := time.Second
	for {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn
		}
		time.Sleep(wait) // want `reconnect loop backoff grows without jitter` `reconnect loop backoff grows without a cap`
		wait *= 2
	}
}

// gRPC: a timer in a select, created per attempt.
func connectGRPC(ctx context.Context, target string) *grpc.ClientConn {
	const retryEvery = 3 * time.Second
	for {
		cc, err := grpc.NewClient(target)
		if err == nil {
			return cc
		}
		t := time.NewTimer(retryEvery) // want `reconnect loop waits a fixed 3s`
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// wait before the attempt: a failure goes round the loop to it.
func keepTLS(ctx context.Context, addr string, cfg *tls.Config, handle func(net.Conn)) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(3 * time.Second): // want `reconnect loop waits a fixed 3s`
		}
		conn, err := tls.Dial("tcp", addr, cfg)
		if err != nil {
			continue
		}
		handle(conn)
	}
}

// a parameter the loop never changes is a fixed interval too.
func (u *Uplink) dialLoop(ctx context.Context, addr string, retry time.Duration) {
	var d net.Dialer
	for {
		conn, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			timer := time.NewTimer(retry) // want `reconnect loop waits a fixed interval`
			<-timer.C
			continue
		}
		conn.Close()
	}
}

type Viewer struct {
	url  string
	conn *coder.Conn
}

// recursive reconnect through time.AfterFunc.
func (v *Viewer) reconnect() {
	conn, _, err := coder.Dial(context.Background(), v.url, nil)
	if err != nil {
		time.AfterFunc(10*time.Second, v.reconnect) // want `reconnect loop waits a fixed 10s`
		return
	}
	v.conn = conn
}

// goto-style retry, as paho writes its own.
func legacyDial(url string) *xws.Conn {
RETRY:
	ws, err := xws.Dial(url, "", "http://localhost/")
	if err != nil {
		time.Sleep(time.Second) // want `reconnect loop waits a fixed 1s`
		goto RETRY
	}
	return ws
}

// linear growth in a bounded loop: capped by the loop, no jitter.
func dialFew(addr string) (net.Conn, error) {
	var lastErr error
	for attempt := 1; attempt <= 5; attempt++ {
		conn, err := net.DialTimeout("tcp", addr, 2*time.Second)
		if err == nil {
			return conn, nil
		}
		lastErr = err
		time.Sleep(time.Duration(attempt) * time.Second) // want `reconnect loop backoff grows without jitter`
	}
	return nil, lastErr
}

// A ticker that paces attempts until one succeeds.
func waitForBroker(addr string) net.Conn {
	t := time.NewTicker(2 * time.Second) // want `ticker re-dials every 2s while disconnected`
	defer t.Stop()
	for range t.C {
		conn, err := net.Dial("tcp", addr)
		if err == nil {
			return conn
		}
	}
	return nil
}

// A range over an int counts attempts: linear growth, bounded, no jitter.
func dialRanged(ctx context.Context, target string) (*grpc.ClientConn, error) {
	var err error
	for attempt := range 4 {
		var cc *grpc.ClientConn
		if cc, err = grpc.DialContext(ctx, target); err == nil {
			return cc, nil
		}
		time.Sleep(time.Duration(attempt+1) * time.Second) // want `reconnect loop backoff grows without jitter`
	}
	return nil, err
}

// recursive reconnect: a goroutine of itself after a sleep.
func (v *Viewer) redial(ctx context.Context) {
	conn, _, err := coder.Dial(ctx, v.url, nil)
	if err != nil {
		time.Sleep(reconnectDelay) // want `reconnect loop waits a fixed 5s`
		go v.redial(ctx)
		return
	}
	v.conn = conn
}
