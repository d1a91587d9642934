// Package reglib registers handlers for its callers.
package reglib

import "net/http"

type Mux struct{ m *http.ServeMux }

// Handle registers h on the library's mux.
func (m *Mux) Handle(method, path string, h http.HandlerFunc) { // want Handle:`Registrar\[2\]`
	m.m.HandleFunc(method+" "+path, h)
}

// Wrap returns a handler: a wrapper, not a registrar.
func Wrap(name string, h http.Handler) http.Handler { return h }
