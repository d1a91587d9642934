// Package echoapp models an echo back-end with a global, a group and a
// route-level body limit.
package echoapp

import (
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type reading struct{ Value float64 }

func main() {
	e := echo.New()
	e.Use(middleware.Logger())
	e.POST("/readings", postReadings)
	e.POST("/raw", postRaw)
	e.POST("/limited", postRouteLimited, middleware.BodyLimit("1M"))

	g := e.Group("/v1", middleware.BodyLimit("1M"))
	g.POST("/bind", postGroupLimited)
	_ = e.Start(":8080")
}

func postReadings(c echo.Context) error {
	var rd reading
	if err := c.Bind(&rd); err != nil { // want `c.Bind reads the request body`
		return c.JSON(http.StatusBadRequest, err.Error())
	}
	return c.NoContent(http.StatusAccepted)
}

func postRaw(c echo.Context) error {
	req := c.Request()
	data, err := io.ReadAll(req.Body) // want `io.ReadAll reads the request body`
	if err != nil {
		return err
	}
	return c.String(http.StatusOK, string(data))
}

func postRouteLimited(c echo.Context) error {
	var rd reading
	return c.Bind(&rd)
}

func postGroupLimited(c echo.Context) error {
	_, err := io.ReadAll(c.Request().Body)
	return err
}

// Served by an echo whose root Use limits every route.
func globallyLimited() {
	e := echo.New()
	e.Use(middleware.BodyLimit("2M"))
	e.POST("/all", func(c echo.Context) error {
		var rd reading
		return c.Bind(&rd)
	})
	_ = e.Start(":8081")
}
