// Package endpoint is a minimal stand-in for go-kit's endpoint package.
package endpoint

import "context"

type Endpoint func(ctx context.Context, request any) (any, error)
