// Package periodic has loops that wait a fixed period but do not
// reconnect: none is reported.
package periodic

import (
	"context"
	"net"
	"net/http"
	"time"
)

const sampleEvery = 10 * time.Second

type Sensor interface{ Read() (float64, error) }

// Sampling a sensor.
func sample(ctx context.Context, s Sensor, out chan<- float64) {
	for ctx.Err() == nil {
		v, err := s.Read()
		if err == nil {
			out <- v
		}
		time.Sleep(sampleEvery)
	}
}

// Flushing a buffer on a ticker through a pooled client.
func flush(ctx context.Context, c *http.Client, url string, buf func() []byte) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for range t.C {
		if len(buf()) == 0 {
			continue
		}
		if ctx.Err() != nil {
			return
		}
	}
}

// A probe that dials on every tick is a health check, not a reconnect.
func probe(addr string, up func(bool)) {
	for range time.Tick(30 * time.Second) {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		up(err == nil)
		if err == nil {
			conn.Close()
		}
	}
}

// A ticker created here and ranged in a goroutine that only writes.
func heartbeat(conn net.Conn) {
	t := time.NewTicker(25 * time.Second)
	go func() {
		for range t.C {
			if _, err := conn.Write([]byte("ping")); err != nil {
				return
			}
		}
	}()
}
