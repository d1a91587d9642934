package a

import (
	"os"
	"time"
)

func use(d any) {}

const pingPeriod = (pongWait * 9) / 10

var pollEvery = 30 * time.Second

var reassigned = time.Minute

var addressTaken = time.Minute

var fromEnv, _ = time.ParseDuration(os.Getenv("POLL"))

var parsed, _ = time.ParseDuration("1m30s")

type Config struct {
	Interval time.Duration
	Timeout  time.Duration
	Backoff  time.Duration
}

func init() { reassigned = 2 * time.Minute }

func setFlag(p *time.Duration) {}

func examples(n int, param time.Duration) {
	setFlag(&addressTaken)
	use(5 * time.Second)                           // want `5s`
	use(pingPeriod)                                // want `54s`
	use(pongWait)                                  // want `1m0s`
	use(pollEvery)                                 // want `30s`
	use(time.Duration(retries) * time.Millisecond) // want `3ms`
	use(parsed)                                    // want `1m30s`
	use(reassigned)                                // want `unknown`
	use(addressTaken)                              // want `unknown`
	use(fromEnv)                                   // want `unknown`
	use(param)                                     // want `unknown`
	use(time.Duration(n) * time.Second)            // want `unknown`

	interval := 2 * time.Minute
	use(interval)     // want `2m0s`
	use(interval / 4) // want `30s`

	changing := time.Second
	for i := 0; i < 3; i++ {
		changing *= 2
	}
	use(changing) // want `unknown`

	d, err := time.ParseDuration("250ms")
	_ = err
	use(d) // want `250ms`

	bad, _ := time.ParseDuration("soon")
	use(bad) // want `unknown`

	cfg := Config{Interval: 10 * time.Second, Timeout: pingPeriod}
	use(cfg.Interval) // want `10s`
	use(cfg.Timeout)  // want `54s`
	use(cfg.Backoff)  // want `unknown`

	ptr := &Config{Interval: time.Hour}
	use(ptr.Interval) // want `1h0m0s`

	mutated := Config{Interval: time.Second, Timeout: time.Second}
	mutated.Timeout = param
	use(mutated.Timeout)  // want `unknown`
	use(mutated.Interval) // want `1s`

	secs := 45
	use(time.Duration(secs) * time.Second)         // want `45s`
	use(time.Second << 3)                          // want `8s`
	use(time.Duration(1.5 * float64(time.Second))) // want `1.5s`
	use(time.Second / time.Duration(n-n))          // want `unknown`
}
