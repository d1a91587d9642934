// Package reguser registers through reglib: the Registrar fact carries
// the registration across the package boundary.
package reguser

import (
	"net/http"

	"reglib"
)

func publish(w http.ResponseWriter, r *http.Request) {}

func setup(m *reglib.Mux) {
	m.Handle("POST", "/publish", publish) // want `handler publish via Handle`
	_ = reglib.Wrap("publish", http.HandlerFunc(publish))
}
