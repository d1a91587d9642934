package main

import (
	"context"
	"io"
	"log"
	"net/http"
	"time"
)

// The gateway asks the cloud whether a new firmware is available. The
// cloud also announces releases on the MQTT topic the bridge subscribes
// to, so the HTTP check is only a fallback.

const pollFirmwareURL = "https://fw.example.com/v1/gateway/latest"

var pollClient = &http.Client{Timeout: 30 * time.Second}

// pollFirmwareEager checks every 10 minutes: 144 wake-ups, TCP and TLS
// handshakes a day to learn, almost always, that nothing changed.
// (pollinterval reports the pollCheckFirmware call.)
func pollFirmwareEager(ctx context.Context) {
	ticker := time.NewTicker(10 * time.Minute)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			pollCheckFirmware(ctx)
		}
	}
}

// pollFirmwareDaily is the fallback done right: releases are pushed over
// MQTT, and HTTP confirms once a day.
func pollFirmwareDaily(ctx context.Context) {
	ticker := time.NewTicker(24 * time.Hour)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			pollCheckFirmware(ctx)
		}
	}
}

// pollCheckFirmware sends one GET and reads the answer to EOF, so the
// connection goes back to the pool.
func pollCheckFirmware(ctx context.Context) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, pollFirmwareURL, nil)
	if err != nil {
		log.Printf("firmware check: %v", err)
		return
	}
	resp, err := pollClient.Do(req)
	if err != nil {
		log.Printf("firmware check: %v", err)
		return
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		log.Printf("firmware check: %v", err)
	}
}
