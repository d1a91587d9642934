// Package routesuser registers its unexported handlers through another
// package: the Registrar fact makes them served there.
package routesuser

import (
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"routeslib"
	"webkit"
)

func Setup(e *echo.Echo, srv *webkit.Server) {
	routeslib.Register(e, "/readings", postReadings)
	routeslib.RegisterBounded(e, "/config", postConfig)
	srv.Route("/upload", upload)
	http.Handle("/metrics-upload", http.MaxBytesHandler(webkit.Instrument("up", http.HandlerFunc(instrumented)), 1<<20))
}

func postReadings(c echo.Context) error {
	var v map[string]any
	return c.Bind(&v) // want `c.Bind reads the request body with no size limit`
}

func postConfig(c echo.Context) error {
	var v map[string]any
	return c.Bind(&v)
}

func upload(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body with no size limit`
}

func instrumented(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}
