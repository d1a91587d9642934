// Package grpc is a minimal stand-in for google.golang.org/grpc, for tests.
package grpc

import (
	"context"
	"time"

	"google.golang.org/grpc/backoff"
)

type ClientConn struct{}

func (cc *ClientConn) Close() error { return nil }

type DialOption interface{}

type ConnectParams struct {
	Backoff           backoff.Config
	MinConnectTimeout time.Duration
}

func Dial(target string, opts ...DialOption) (*ClientConn, error) { return nil, nil }
func DialContext(ctx context.Context, target string, opts ...DialOption) (*ClientConn, error) {
	return nil, nil
}
func NewClient(target string, opts ...DialOption) (*ClientConn, error) { return nil, nil }
func WithConnectParams(p ConnectParams) DialOption                     { return nil }
func WithBlock() DialOption                                            { return nil }
