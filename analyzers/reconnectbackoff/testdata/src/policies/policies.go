// Package policies retries connections through retry libraries, with
// policies that spread clients out and policies that do not.
package policies

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/avast/retry-go"
	backoff4 "github.com/cenkalti/backoff/v4"
	backoff5 "github.com/cenkalti/backoff/v5"
	goretry "github.com/sethvargo/go-retry"
	"k8s.io/apimachinery/pkg/util/wait"
)

func dial(addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	return conn.Close()
}

// --- cenkalti/backoff v4 ---

func constantV4(addr string) error {
	return backoff4.Retry(func() error { return dial(addr) }, backoff4.NewConstantBackOff(5*time.Second)) // want `backoff.NewConstantBackOff retries at a fixed 5s`
}

func constantV4Wrapped(ctx context.Context, addr string) error {
	b := backoff4.NewConstantBackOff(2 * time.Second) // want `backoff.NewConstantBackOff retries at a fixed 2s`
	return backoff4.RetryNotify(func() error { return dial(addr) }, backoff4.WithContext(backoff4.WithMaxRetries(b, 10), ctx), nil)
}

func noJitterOption(addr string) error {
	b := backoff4.NewExponentialBackOff(
		backoff4.WithInitialInterval(time.Second),
		backoff4.WithRandomizationFactor(0), // want `backoff with RandomizationFactor 0 grows without jitter`
	)
	return backoff4.Retry(func() error { return dial(addr) }, b)
}

func noJitterField(addr string) error {
	b := backoff4.NewExponentialBackOff()
	b.RandomizationFactor = 0 // want `backoff with RandomizationFactor 0 grows without jitter`
	return backoff4.Retry(func() error { return dial(addr) }, b)
}

// A literal leaves RandomizationFactor and MaxInterval at zero.
func literalV4(addr string) error {
	b := &backoff4.ExponentialBackOff{InitialInterval: time.Second, Multiplier: 2} // want `backoff.ExponentialBackOff with RandomizationFactor 0 grows without jitter` `literal without MaxInterval`
	return backoff4.Retry(func() error { return dial(addr) }, b)
}

// Correct: the default policy randomizes by 0.5 and caps at 60 s.
func defaultV4(addr string) error {
	return backoff4.Retry(func() error { return dial(addr) }, backoff4.NewExponentialBackOff(backoff4.WithMaxElapsedTime(0)))
}

// Correct: a literal with every field that matters.
func fullLiteralV4(addr string) error {
	b := &backoff4.ExponentialBackOff{
		InitialInterval:     500 * time.Millisecond,
		RandomizationFactor: 0.3,
		Multiplier:          1.5,
		MaxInterval:         time.Minute,
	}
	return backoff4.Retry(func() error { return dial(addr) }, b)
}

// Not a retry: a constant policy that paces a ticker is a period.
func heartbeatTicker(send func()) {
	t := backoff4.NewTicker(backoff4.NewConstantBackOff(30 * time.Second))
	defer t.Stop()
	for range t.C {
		send()
	}
}

// --- cenkalti/backoff v5 ---

func constantV5(ctx context.Context, url string) (*http.Response, error) {
	return backoff5.Retry(ctx, func() (*http.Response, error) { return http.Get(url) },
		backoff5.WithBackOff(backoff5.NewConstantBackOff(time.Second))) // want `backoff.NewConstantBackOff retries at a fixed 1s`
}

func literalV5(ctx context.Context, addr string) error {
	b := &backoff5.ExponentialBackOff{InitialInterval: time.Second, Multiplier: 2, MaxInterval: time.Minute, RandomizationFactor: 0} // want `backoff.ExponentialBackOff with RandomizationFactor 0 grows without jitter`
	_, err := backoff5.Retry(ctx, func() (struct{}, error) { return struct{}{}, dial(addr) }, backoff5.WithBackOff(b))
	return err
}

func defaultV5(ctx context.Context, addr string) error {
	_, err := backoff5.Retry(ctx, func() (struct{}, error) { return struct{}{}, dial(addr) },
		backoff5.WithBackOff(backoff5.NewExponentialBackOff()), backoff5.WithMaxElapsedTime(0))
	return err
}

// --- k8s.io/apimachinery wait ---

func k8sFixed(addr string) error {
	bo := wait.Backoff{Duration: 3 * time.Second, Steps: 10} // want `wait.Backoff with Jitter 0 and Factor 0 retries at a fixed 3s`
	return wait.ExponentialBackoff(bo, func() (bool, error) { return dial(addr) == nil, nil })
}

func k8sNoJitter(addr string) error {
	bo := wait.Backoff{Duration: time.Second, Factor: 2, Jitter: 0, Steps: 8, Cap: time.Minute} // want `wait.Backoff with Jitter 0 grows without jitter`
	return wait.ExponentialBackoff(bo, func() (bool, error) { return dial(addr) == nil, nil })
}

func k8sJittered(addr string) error {
	bo := wait.Backoff{Duration: time.Second, Factor: 2, Jitter: 0.1, Steps: 8, Cap: time.Minute}
	return wait.ExponentialBackoff(bo, func() (bool, error) { return dial(addr) == nil, nil })
}

// wait.Until runs a periodic job: not a reconnect.
func k8sPeriodic(addr string, stop <-chan struct{}) {
	wait.Until(func() { _ = dial(addr) }, 10*time.Second, stop)
}

// --- avast/retry-go ---

func retryGoFixed(addr string) error {
	return retry.Do(func() error { return dial(addr) },
		retry.Attempts(0), retry.Delay(2*time.Second),
		retry.DelayType(retry.FixedDelay)) // want `retry.DelayType\(retry.FixedDelay\) retries at a fixed 2s`
}

func retryGoDefaultDelay(addr string) error {
	return retry.Do(func() error { return dial(addr) }, retry.DelayType(retry.FixedDelay)) // want `retries at a fixed 100ms \(retry-go's default Delay\)`
}

// Correct: retry-go's default delay type is BackOffDelay plus RandomDelay.
func retryGoDefault(addr string) error {
	return retry.Do(func() error { return dial(addr) }, retry.Attempts(0), retry.MaxDelay(time.Minute))
}

func retryGoCombined(addr string) error {
	return retry.Do(func() error { return dial(addr) },
		retry.DelayType(retry.CombineDelay(retry.FixedDelay, retry.RandomDelay)), retry.MaxJitter(time.Second))
}

// --- sethvargo/go-retry ---

func goRetryConstant(ctx context.Context, addr string) error {
	b := goretry.NewConstant(time.Second) // want `retry.NewConstant retries at a fixed 1s`
	return goretry.Do(ctx, goretry.WithMaxRetries(5, b), func(ctx context.Context) error { return goretry.RetryableError(dial(addr)) })
}

func goRetryHelper(ctx context.Context, addr string) error {
	return goretry.Constant(ctx, 500*time.Millisecond, func(ctx context.Context) error { return dial(addr) }) // want `retry.Constant retries at a fixed 500ms`
}

func goRetryExponential(ctx context.Context, addr string) error {
	b := goretry.WithCappedDuration(time.Minute, goretry.NewExponential(time.Second)) // want `retry.NewExponential grows without jitter`
	return goretry.Do(ctx, b, func(ctx context.Context) error { return dial(addr) })
}

// Correct: the same policies wrapped in jitter, directly or through a
// variable.
func goRetryJittered(ctx context.Context, addr string) error {
	b := goretry.NewConstant(time.Second)
	b = goretry.WithJitter(500*time.Millisecond, b)
	if err := goretry.Do(ctx, b, func(ctx context.Context) error { return dial(addr) }); err != nil {
		return err
	}
	e := goretry.WithJitterPercent(20, goretry.WithCappedDuration(time.Minute, goretry.NewExponential(time.Second)))
	return goretry.Do(ctx, e, func(ctx context.Context) error { return dial(addr) })
}
