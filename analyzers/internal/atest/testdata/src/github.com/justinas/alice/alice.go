// Package alice is a minimal stand-in for github.com/justinas/alice.
package alice

import "net/http"

type Constructor func(http.Handler) http.Handler
type Chain struct{}

func New(constructors ...Constructor) Chain               { return Chain{} }
func (c Chain) Then(h http.Handler) http.Handler          { return h }
func (c Chain) ThenFunc(fn http.HandlerFunc) http.Handler { return fn }
