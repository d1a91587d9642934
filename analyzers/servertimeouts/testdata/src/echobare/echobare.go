// Package echobare replaces echo's server with one without timeouts.
package echobare

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// A replacement literal without timeouts is judged where it is written,
// and served by e.Start.
func replacedBare() error {
	e := echo.New()
	e.Server = &http.Server{Handler: e} // want `http.Server without ReadHeaderTimeout or IdleTimeout`
	return e.Start(":1325")
}
