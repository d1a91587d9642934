// Package conf holds settings declared away from where they are used.
package conf

// NoKeepAlive is a constant in another package.
const NoKeepAlive = true

// HeaderConnection and ValueClose spell the header as a constant elsewhere.
const (
	HeaderConnection = "connection"
	ValueClose       = "Close"
)

// Settings is loaded at run time.
type Settings struct {
	DisableKeepAlives bool
}
