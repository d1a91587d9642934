// Command gateway models a gateway's background workers.
package main

import (
	"context"
	"net/http"
	"os"
	"os/signal"
	"time"
)

type Config struct {
	ConfigURL   string
	ConfigEvery time.Duration
	Telemetry   string
}

type gateway struct {
	cfg    Config
	client *http.Client
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	cfg := Config{ConfigURL: "https://cloud.example.com/v1/config", ConfigEvery: 20 * time.Second}
	gw := &gateway{cfg: cfg, client: &http.Client{Timeout: 10 * time.Second}}
	go gw.refreshConfig(ctx)
	go gw.watchCommands(ctx)
	// Folded through the config literal: every 20 seconds.
	go func() {
		t := time.NewTicker(cfg.ConfigEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if resp, err := gw.client.Get(cfg.ConfigURL); err == nil { // want `polls an HTTP endpoint with GET every 20s \(4320 requests a day\)`
					resp.Body.Close()
				}
			}
		}
	}()
	<-ctx.Done()
}

// refreshConfig uses a field of the gateway: the period is unknown.
func (g *gateway) refreshConfig(ctx context.Context) {
	t := time.NewTicker(g.cfg.ConfigEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if resp, err := g.client.Get(g.cfg.ConfigURL); err == nil {
				resp.Body.Close()
			}
		}
	}
}

// watchCommands polls on purpose and says why.
func (g *gateway) watchCommands(ctx context.Context) {
	for range time.Tick(15 * time.Second) {
		//connlint:ignore pollinterval mains-powered gateway on a LAN, the cloud offers no push channel
		if resp, err := g.client.Get("https://cloud.example.com/v1/commands"); err == nil {
			resp.Body.Close()
		}
		if ctx.Err() != nil {
			return
		}
	}
}
