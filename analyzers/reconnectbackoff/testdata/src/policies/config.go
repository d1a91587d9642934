package policies

import (
	"flag"
	"net"
	"time"

	backoff4 "github.com/cenkalti/backoff/v4"
)

// Options are decoded from a YAML file: the analyzer never sees a value.
type Options struct {
	Broker        string
	RetryInterval time.Duration `yaml:"retry_interval"`
}

type Link struct {
	opts  Options
	retry time.Duration
}

var retryFlag = flag.Duration("retry", 5*time.Second, "reconnect interval")

func NewLink(o Options) *Link {
	return &Link{opts: o, retry: *retryFlag}
}

// The interval comes from the configuration: the finding names where.
func (l *Link) reconnect() net.Conn {
	for {
		conn, err := net.Dial("tcp", l.opts.Broker)
		if err == nil {
			return conn
		}
		time.Sleep(l.opts.RetryInterval) // want `reconnect loop waits a fixed interval between attempts`
	}
}

// The interval comes from a flag, assigned in the constructor.
func (l *Link) redial() error {
	return backoff4.Retry(func() error {
		conn, err := net.Dial("tcp", l.opts.Broker)
		if err != nil {
			return err
		}
		return conn.Close()
	}, backoff4.NewConstantBackOff(l.retry)) // want `backoff.NewConstantBackOff retries at a fixed interval`
}

// A wait computed by a function of the configuration is not named.
func (l *Link) reconnectScaled(scale func(time.Duration) time.Duration) net.Conn {
	for {
		conn, err := net.Dial("tcp", l.opts.Broker)
		if err == nil {
			return conn
		}
		time.Sleep(scale(l.opts.RetryInterval))
	}
}

// Waiter takes its interval from a command-line flag bound to the field.
type Waiter struct {
	addr          string
	retryInterval time.Duration
}

func (w *Waiter) Flags(fs *flag.FlagSet) {
	fs.DurationVar(&w.retryInterval, "retry-interval", time.Second, "pause before retrying")
}

func (w *Waiter) wait() {
	for {
		conn, err := net.Dial("tcp", w.addr)
		if err == nil {
			conn.Close()
			return
		}
		time.Sleep(w.retryInterval) // want `reconnect loop waits a fixed interval between attempts`
	}
}
