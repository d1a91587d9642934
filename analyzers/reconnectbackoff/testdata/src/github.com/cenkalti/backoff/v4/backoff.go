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

type ExponentialBackOffOpts func(*ExponentialBackOff)

func NewExponentialBackOff(opts ...ExponentialBackOffOpts) *ExponentialBackOff {
	return &ExponentialBackOff{}
}
func (b *ExponentialBackOff) NextBackOff() time.Duration { return 0 }
func (b *ExponentialBackOff) Reset()                     {}

func WithInitialInterval(d time.Duration) ExponentialBackOffOpts   { return nil }
func WithRandomizationFactor(f float64) ExponentialBackOffOpts     { return nil }
func WithMultiplier(m float64) ExponentialBackOffOpts              { return nil }
func WithMaxInterval(d time.Duration) ExponentialBackOffOpts       { return nil }
func WithMaxElapsedTime(d time.Duration) ExponentialBackOffOpts    { return nil }
func WithRetryStopDuration(d time.Duration) ExponentialBackOffOpts { return nil }

type ConstantBackOff struct{ Interval time.Duration }

func NewConstantBackOff(d time.Duration) *ConstantBackOff { return &ConstantBackOff{Interval: d} }
func (b *ConstantBackOff) NextBackOff() time.Duration     { return b.Interval }
func (b *ConstantBackOff) Reset()                         {}

type Operation func() error
type OperationWithData[T any] func() (T, error)
type Notify func(error, time.Duration)

func Retry(o Operation, b BackOff) error                                { return nil }
func RetryWithData[T any](o OperationWithData[T], b BackOff) (T, error) { var z T; return z, nil }
func RetryNotify(o Operation, b BackOff, n Notify) error                { return nil }
func WithContext(b BackOff, ctx context.Context) BackOff                { return b }
func WithMaxRetries(b BackOff, max uint64) BackOff                      { return b }
func NewTicker(b BackOff) *Ticker                                       { return &Ticker{} }
func Permanent(err error) error                                         { return err }

type Ticker struct{ C <-chan time.Time }

func (t *Ticker) Stop() {}
