// Package retry is a minimal stand-in for github.com/avast/retry-go, for tests.
package retry

import (
	"context"
	"time"
)

type RetryableFunc func() error

type Option func(*Config)

type Config struct{}

type DelayTypeFunc func(n uint, err error, config *Config) time.Duration

func Do(retryableFunc RetryableFunc, opts ...Option) error { return nil }
func Attempts(attempts uint) Option                        { return nil }
func Delay(delay time.Duration) Option                     { return nil }
func MaxDelay(maxDelay time.Duration) Option               { return nil }
func MaxJitter(maxJitter time.Duration) Option             { return nil }
func DelayType(delayType DelayTypeFunc) Option             { return nil }
func Context(ctx context.Context) Option                   { return nil }
func CombineDelay(delays ...DelayTypeFunc) DelayTypeFunc   { return nil }

func BackOffDelay(n uint, err error, config *Config) time.Duration { return 0 }
func RandomDelay(n uint, err error, config *Config) time.Duration  { return 0 }

func FixedDelay(n uint, err error, config *Config) time.Duration { return 0 }
