// Package pahov5 builds MQTT 5 clients with paho.golang: the keep-alive
// is a number of seconds (uint16), not a time.Duration.
package pahov5

import (
	"context"
	"net/url"
	"time"

	"github.com/eclipse/paho.golang/autopaho"
	"github.com/eclipse/paho.golang/paho"
)

// keepAliveSecs is defined apart from its use, as in real configs.
const keepAliveSecs = 60

// settings holds a keep-alive read from a flag: unknown to the analyzer.
type settings struct {
	KeepAlive uint16
}

func managed(ctx context.Context, u *url.URL) (*autopaho.ConnectionManager, error) {
	return autopaho.NewConnection(ctx, autopaho.ClientConfig{
		ServerUrls: []*url.URL{u},
		KeepAlive:  keepAliveSecs,
	})
}

func direct(ctx context.Context, c *paho.Client) error {
	_, err := c.Connect(ctx, &paho.Connect{
		ClientID:  "sensor-1",
		KeepAlive: 20, // want `MQTT keep-alive of 20s`
	})
	return err
}

func fromSettings(ctx context.Context, s settings, u *url.URL) (*autopaho.ConnectionManager, error) {
	cfg := autopaho.ClientConfig{ServerUrls: []*url.URL{u}}
	cfg.KeepAlive = s.KeepAlive
	return autopaho.NewConnection(ctx, cfg)
}

// lookAlike is a struct of this package with a KeepAlive field: not a
// paho setting, not a heartbeat.
type lookAlike struct {
	KeepAlive time.Duration
}

func notPaho() lookAlike {
	return lookAlike{KeepAlive: 5 * time.Second}
}

// withoutKeepAlive leaves the keep-alive unset: nothing is recorded from
// this literal (the zero value is paho.golang's "off", and not written).
func withoutKeepAlive(ctx context.Context, c *paho.Client) error {
	_, err := c.Connect(ctx, &paho.Connect{ClientID: "sensor-2"})
	return err
}
