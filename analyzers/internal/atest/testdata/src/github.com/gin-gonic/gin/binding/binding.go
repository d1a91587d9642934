// Package binding is a minimal stand-in for gin's binding package.
package binding

import "net/http"

type Binding interface {
	Name() string
	Bind(*http.Request, any) error
}

type named string

func (n named) Name() string                  { return string(n) }
func (n named) Bind(*http.Request, any) error { return nil }

var (
	JSON   Binding = named("json")
	Form   Binding = named("form")
	Query  Binding = named("query")
	Header Binding = named("header")
)
