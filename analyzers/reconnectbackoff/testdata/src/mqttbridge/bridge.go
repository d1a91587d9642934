// Package mqttbridge forwards gateway readings to an MQTT broker.
package mqttbridge

import (
	"context"
	"log"
	"math/rand/v2"
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"
)

const connectRetry = 10 * time.Second

type Settings struct {
	Broker     string
	RetryEvery time.Duration
}

// paho's own connect retry is a fixed interval.
func newRetryingClient(broker string) mqtt.Client {
	opts := mqtt.NewClientOptions().
		AddBroker(broker).
		SetConnectRetry(true).
		SetConnectRetryInterval(connectRetry) // want `paho's SetConnectRetry retries the first Connect every 10s`
	return mqtt.NewClient(opts)
}

// The same through a variable, the interval set first.
func newRetryingClient2(broker string) mqtt.Client {
	opts := mqtt.NewClientOptions().AddBroker(broker)
	opts.SetConnectRetryInterval(5 * time.Second) // want `paho's SetConnectRetry retries the first Connect every 5s`
	opts.SetConnectRetry(true)
	return mqtt.NewClient(opts)
}

// Automatic reconnect backs off by itself: not reported.
func newReconnectingClient(broker string) mqtt.Client {
	opts := mqtt.NewClientOptions().AddBroker(broker).
		SetAutoReconnect(true).
		SetMaxReconnectInterval(2 * time.Minute)
	return mqtt.NewClient(opts)
}

// An interval without SetConnectRetry(true) is never used.
func newClientNoRetry(broker string) mqtt.Client {
	opts := mqtt.NewClientOptions().AddBroker(broker).
		SetConnectRetry(false).
		SetConnectRetryInterval(5 * time.Second)
	return mqtt.NewClient(opts)
}

// A configured interval is not a constant: not judged.
func newConfiguredClient(s Settings) mqtt.Client {
	opts := mqtt.NewClientOptions().AddBroker(s.Broker)
	opts.SetConnectRetry(true)
	opts.SetConnectRetryInterval(s.RetryEvery)
	return mqtt.NewClient(opts)
}

type Bridge struct {
	client mqtt.Client
	set    Settings
}

// Our own Connect loop, with the token's error on the failure path.
func (b *Bridge) connect(ctx context.Context) {
	for ctx.Err() == nil {
		if token := b.client.Connect(); token.Wait() && token.Error() != nil {
			log.Printf("mqtt connect: %v", token.Error())
			time.Sleep(connectRetry) // want `reconnect loop waits a fixed 10s`
			continue
		}
		return
	}
}

// A ticker that re-dials while disconnected: a fixed-interval reconnect.
func (b *Bridge) watchdog(ctx context.Context) {
	t := time.NewTicker(15 * time.Second) // want `ticker re-dials every 15s while disconnected`
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if !b.client.IsConnected() {
				b.client.Connect().Wait()
			}
		}
	}
}

// The same check, written with an early continue and range.
func (b *Bridge) watchdog2() {
	for range time.Tick(30 * time.Second) { // want `ticker re-dials every 30s while disconnected`
		if b.client.IsConnected() {
			continue
		}
		tok := b.client.Connect()
		tok.Wait()
	}
}

// Publishing readings on a ticker does not connect: not this rule.
func (b *Bridge) publishLoop(ctx context.Context, read func() float64) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			b.client.Publish("sensors/temp", 1, false, read())
		}
	}
}

// Our own loop, with WaitTimeout, capped jittered backoff.
func (b *Bridge) connectGood(ctx context.Context) {
	delay := time.Second
	for {
		tok := b.client.Connect()
		if !tok.WaitTimeout(10*time.Second) || tok.Error() != nil {
			time.Sleep(delay/2 + rand.N(delay/2))
			delay = min(2*delay, time.Minute)
			continue
		}
		return
	}
}
