package dashboard

import (
	"context"
	"log"
	"math/rand/v2"
	"time"

	"github.com/gorilla/websocket"
)

// Upstream timing for the relay that mirrors the cloud's live feed onto
// the local dashboards.
const (
	relayRetry    = 5 * time.Second // a fixed "reconnect every 5 seconds"
	relayBase     = time.Second
	relayMaxDelay = time.Minute
	relayIdle     = 90 * time.Second // the cloud sends a frame at least every 30 s
)

// Relay subscribes to the cloud's live feed and hands every message to
// the local hub.
type Relay struct {
	URL     string
	Publish func([]byte)
}

// RunFixed reconnects every 5 seconds. After a cloud restart every
// gateway in the fleet comes back in the same 5-second window: a
// thundering herd of TLS handshakes. connlint: reconnectbackoff.
func (r *Relay) RunFixed(ctx context.Context) {
	for ctx.Err() == nil {
		conn, _, err := websocket.DefaultDialer.DialContext(ctx, r.URL, nil)
		if err != nil {
			log.Printf("relay: dial: %v", err)
			time.Sleep(relayRetry)
			continue
		}
		r.pump(conn)
	}
}

// Run reconnects with capped exponential backoff and jitter: 1 s, 2 s,
// 4 s … up to a minute, plus up to a second at random, so the fleet
// spreads out after an outage.
func (r *Relay) Run(ctx context.Context) {
	for attempt := 0; ctx.Err() == nil; attempt++ {
		conn, _, err := websocket.DefaultDialer.DialContext(ctx, r.URL, nil)
		if err != nil {
			log.Printf("relay: dial: %v", err)
			delay := min(relayBase<<min(attempt, 6), relayMaxDelay)
			select {
			case <-ctx.Done():
				return
			case <-time.After(delay + rand.N(relayBase)):
			}
			continue
		}
		attempt = 0
		r.pump(conn)
	}
}

// pump forwards messages until the connection drops.
func (r *Relay) pump(conn *websocket.Conn) {
	defer conn.Close()
	conn.SetReadLimit(1 << 20)
	for {
		conn.SetReadDeadline(time.Now().Add(relayIdle))
		_, msg, err := conn.ReadMessage()
		if err != nil {
			return
		}
		r.Publish(msg)
	}
}
