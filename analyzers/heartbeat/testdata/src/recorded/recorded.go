// Package recorded holds one heartbeat of each shape, whose records the
// test checks field by field.
package recorded

import (
	"context"
	"flag"
	"time"

	cws "github.com/coder/websocket"
	mqtt "github.com/eclipse/paho.mqtt.golang"
	"github.com/gorilla/websocket"
)

const (
	pongWait   = 50 * time.Second
	pingPeriod = (pongWait * 9) / 10
)

type peer struct{}

func (p *peer) read(conn *websocket.Conn) { // want read:"setsReadDeadline.0."
	conn.SetReadDeadline(time.Now().Add(pongWait))
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func (p *peer) ping(conn *websocket.Conn) {
	t := time.NewTicker(pingPeriod)
	for range t.C {
		conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second))
	}
}

var every = flag.Duration("every", time.Second, "")

func coder(ctx context.Context, c *cws.Conn) {
	t := time.NewTicker(25 * time.Second)
	for range t.C {
		pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		c.Ping(pctx)
		cancel()
	}
}

func coderUntimed(ctx context.Context, c *cws.Conn) {
	for range time.Tick(*every) {
		c.Ping(ctx)
	}
}

func brokers() []*mqtt.ClientOptions {
	a := mqtt.NewClientOptions().
		SetKeepAlive(45 * time.Second).
		SetPingTimeout(5 * time.Second)
	b := mqtt.NewClientOptions()
	c := mqtt.NewClientOptions()
	c.SetKeepAlive(30) // want `SetKeepAlive\(30\) is 30ns`
	d := mqtt.NewClientOptions()
	d.SetKeepAlive(1500 * time.Millisecond) // want `MQTT keep-alive of 1s`
	return []*mqtt.ClientOptions{a, b, c, d}
}
