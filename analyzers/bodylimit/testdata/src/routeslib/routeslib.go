// Package routeslib registers handlers for other packages.
package routeslib

import (
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Register adds a POST route as it is.
func Register(e *echo.Echo, path string, h echo.HandlerFunc) { e.POST(path, h) }

// RegisterBounded adds a POST route behind a body limit.
func RegisterBounded(e *echo.Echo, path string, h echo.HandlerFunc) {
	e.POST(path, h, middleware.BodyLimit("1M"))
}
