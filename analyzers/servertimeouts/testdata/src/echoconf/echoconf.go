// Package echoconf configures echo's server before starting it.
package echoconf

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

func health(c echo.Context) error { return c.String(http.StatusOK, "ok") }

// The timeouts are set on e.Server, which Start serves.
func configured() error {
	e := echo.New()
	e.GET("/health", health)
	e.Server.ReadHeaderTimeout = 10 * time.Second
	e.Server.IdleTimeout = 2 * time.Minute
	return e.Start(":1323")
}

// e.Server replaced by a configured server.
func replaced() error {
	e := echo.New()
	e.Server = &http.Server{ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	return e.Start(":1324")
}
