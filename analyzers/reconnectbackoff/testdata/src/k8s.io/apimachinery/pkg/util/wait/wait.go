// Package wait is a minimal stand-in for k8s.io/apimachinery/pkg/util/wait, for tests.
package wait

import (
	"context"
	"time"
)

type Backoff struct {
	Duration time.Duration
	Factor   float64
	Jitter   float64
	Steps    int
	Cap      time.Duration
}

func (b *Backoff) Step() time.Duration { return 0 }

type ConditionFunc func() (done bool, err error)

type BackoffManager interface {
	Backoff() interface{ C() <-chan time.Time }
}

func ExponentialBackoff(backoff Backoff, condition ConditionFunc) error { return nil }
func ExponentialBackoffWithContext(ctx context.Context, backoff Backoff, condition func(context.Context) (bool, error)) error {
	return nil
}
func BackoffUntil(f func(), backoff BackoffManager, sliding bool, stopCh <-chan struct{}) {}
func NewExponentialBackoffManager(initBackoff, maxBackoff, resetDuration time.Duration, backoffFactor, jitter float64, c any) BackoffManager {
	return nil
}

func Until(f func(), period time.Duration, stopCh <-chan struct{}) {}
func PollUntilContextTimeout(ctx context.Context, interval, timeout time.Duration, immediate bool, condition func(context.Context) (bool, error)) error {
	return nil
}
