package pollinterval

import (
	"testing"
	"time"
)

func TestFormatDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		time.Hour:                    "1h",
		10 * time.Minute:             "10m",
		90 * time.Second:             "1m30s",
		30 * time.Second:             "30s",
		90 * time.Minute:             "1h30m",
		2*time.Hour + 10*time.Minute: "2h10m",
		500 * time.Millisecond:       "500ms",
	} {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestRequestsADay(t *testing.T) {
	for d, want := range map[time.Duration]string{
		10 * time.Minute: "144 requests a day",
		7 * time.Hour:    "3 requests a day",
		24 * time.Hour:   "1 request a day",
		30 * time.Hour:   "less than one request a day",
	} {
		if got := requestsADay(d); got != want {
			t.Errorf("requestsADay(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestIsHealthProbe(t *testing.T) {
	for url, want := range map[string]bool{
		"http://localhost:8080/healthz":        true,
		"https://api.example.com/v1/health/":   true,
		"http://10.0.0.2/ping?timeout=1s":      true,
		"https://api.example.com/v1/updates":   false,
		"https://api.example.com/healthz/…":    false,
		"https://api.example.com/v1/pingstats": false,
		"healthz":                              false,
	} {
		if got := isHealthProbe(url); got != want {
			t.Errorf("isHealthProbe(%q) = %v, want %v", url, got, want)
		}
	}
}
