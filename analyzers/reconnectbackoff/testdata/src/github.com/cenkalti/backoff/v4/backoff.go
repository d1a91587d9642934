// Package backoff is a minimal stand-in for github.com/cenkalti/backoff/v4, for tests.
package backoff

import (
	"context"
	"time"
)

const Stop time.Duration = -1

type BackOff interface {
	NextBackOff() time.Duration
	Reset()
}

type ExponentialBackOff struct {
	InitialInterval     time.Duration
	RandomizationFactor float64
	Multiplier          float64
	MaxInterval         time.Duration
	MaxElapsedTime      time.Duration
}

func NewExponentialBackOff() *ExponentialBackOff         { return &ExponentialBackOff{} }
func (b *ExponentialBackOff) NextBackOff() time.Duration { return 0 }
func (b *ExponentialBackOff) Reset()                     {}

type Operation func() error

func Retry(o Operation, b BackOff) error                                     { return nil }
func WithContext(b BackOff, ctx context.Context) BackOff                     { return b }
func WithMaxRetries(b BackOff, max uint64) BackOff                           { return b }
func NewTicker(b BackOff) *Ticker                                            { return &Ticker{} }
func Permanent(err error) error                                              { return err }
func RetryNotify(o Operation, b BackOff, n func(error, time.Duration)) error { return nil }

type Ticker struct{ C <-chan time.Time }

func (t *Ticker) Stop() {}
