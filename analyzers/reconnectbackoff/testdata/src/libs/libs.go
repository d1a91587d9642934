// Package libs retries with backoff libraries: nothing here is reported.
package libs

import (
	"context"
	"net"
	"time"

	"github.com/avast/retry-go"
	backoff4 "github.com/cenkalti/backoff/v4"
	backoff5 "github.com/cenkalti/backoff/v5"
	"github.com/gorilla/websocket"
	"github.com/hashicorp/go-retryablehttp"
	jbackoff "github.com/jpillora/backoff"
	"google.golang.org/grpc"
	grpcbackoff "google.golang.org/grpc/backoff"
	"k8s.io/apimachinery/pkg/util/wait"
)

type Link struct {
	url string
	bo  *backoff4.ExponentialBackOff // the backoff object lives in the struct
	jb  jbackoff.Backoff
}

func (l *Link) runV4(ctx context.Context) {
	for {
		conn, _, err := websocket.DefaultDialer.DialContext(ctx, l.url, nil)
		if err != nil {
			next := l.bo.NextBackOff()
			if next == backoff4.Stop {
				return
			}
			time.Sleep(next)
			continue
		}
		l.bo.Reset()
		conn.Close()
	}
}

func (l *Link) runJP(ctx context.Context) {
	for {
		conn, _, err := websocket.DefaultDialer.Dial(l.url, nil)
		if err != nil {
			select {
			case <-ctx.Done():
				return
			case <-time.After(l.jb.Duration()):
			}
			continue
		}
		l.jb.Reset()
		conn.Close()
	}
}

func runK8s(addr string) {
	bo := wait.Backoff{Duration: time.Second, Factor: 2, Jitter: 0.2, Steps: 8, Cap: time.Minute}
	for {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			time.Sleep(bo.Step())
			continue
		}
		conn.Close()
		return
	}
}

func runK8sUntil(addr string, mgr wait.BackoffManager, stop <-chan struct{}) {
	wait.BackoffUntil(func() {
		if conn, err := net.Dial("tcp", addr); err == nil {
			conn.Close()
		}
	}, mgr, true, stop)
}

func runV4Retry(addr string) error {
	return backoff4.Retry(func() error {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			return err
		}
		return conn.Close()
	}, backoff4.NewExponentialBackOff())
}

func runV4Ticker(addr string) {
	for range backoff4.NewTicker(backoff4.NewExponentialBackOff()).C {
		if conn, err := net.Dial("tcp", addr); err == nil {
			conn.Close()
			return
		}
	}
}

func runV5(ctx context.Context, url string) (*websocket.Conn, error) {
	return backoff5.Retry(ctx, func() (*websocket.Conn, error) {
		conn, _, err := websocket.DefaultDialer.DialContext(ctx, url, nil)
		return conn, err
	}, backoff5.WithBackOff(backoff5.NewExponentialBackOff()))
}

func runRetryGo(target string) error {
	return retry.Do(func() error {
		cc, err := grpc.Dial(target)
		if err != nil {
			return err
		}
		return cc.Close()
	}, retry.Attempts(5), retry.Delay(time.Second), retry.DelayType(retry.BackOffDelay)) // want `retry.DelayType\(retry.BackOffDelay\) grows without jitter`
}

func runRetryableHTTP(url string) error {
	c := retryablehttp.NewClient()
	c.RetryWaitMin = time.Second
	c.RetryWaitMax = 30 * time.Second
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func runGRPCBackoff(target string) (*grpc.ClientConn, error) {
	return grpc.NewClient(target, grpc.WithConnectParams(grpc.ConnectParams{
		Backoff:           grpcbackoff.DefaultConfig,
		MinConnectTimeout: 5 * time.Second,
	}))
}
