// Package crossuse polls through an API client of another package; it
// does not import net/http itself.
package crossuse

import (
	"context"
	"time"

	"fwclient"
)

func watch(ctx context.Context, c *fwclient.Client) {
	ticker := time.NewTicker(5 * time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			if _, err := c.Latest(ctx); err != nil { // want `Latest polls …/v1/latest every 5m \(288 requests a day\)`
				continue
			}
			_ = c.Report(ctx, "ok")
		}
	}
}

// The URL is given at the call site.
func probeConfig(ctx context.Context) {
	for range time.Tick(20 * time.Second) {
		_ = fwclient.Fetch(ctx, "https://cfg.example.com/v1/config") // want `Fetch polls https://cfg.example.com/v1/config every 20s \(4320 requests a day\)`
	}
}

// A daily check and a liveness probe through the same client.
func daily(ctx context.Context, c *fwclient.Client) {
	for range time.Tick(24 * time.Hour) {
		_, _ = c.Latest(ctx)
	}
	for range time.Tick(5 * time.Second) {
		_ = fwclient.Fetch(ctx, "http://127.0.0.1:9000/healthz")
	}
}
