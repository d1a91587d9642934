// Package wsjson is a minimal stand-in for github.com/coder/websocket/wsjson, for tests.
package wsjson

import (
	"context"

	"github.com/coder/websocket"
)

func Read(ctx context.Context, c *websocket.Conn, v any) error  { return nil }
func Write(ctx context.Context, c *websocket.Conn, v any) error { return nil }
