package echoapi

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
)

var errBusy = errors.New("busy")

type problem struct {
	Title string `json:"title"`
	Error string `json:"error"`
}

func register(e *echo.Echo) {
	e.POST("/commands", sendCommand)
	e.GET("/status", status)
	e.GET("/drain", drain)
}

func sendCommand(c echo.Context) error {
	var cmd map[string]any
	if err := c.Bind(&cmd); err != nil {
		return c.JSON(http.StatusOK, problem{Title: "bad command", Error: err.Error()}) // want `c.JSON sends an error body with status 200`
	}
	if err := dispatch(cmd); errors.Is(err, errBusy) {
		return c.NoContent(http.StatusServiceUnavailable) // want `status 503 without a Retry-After header.*call c.Response\(\).Header\(\).Set\("Retry-After", …\)`
	}
	return c.NoContent(http.StatusAccepted)
}

func status(c echo.Context) error {
	if err := dispatch(nil); err != nil {
		c.Response().WriteHeader(http.StatusTooManyRequests) // want `status 429 without a Retry-After header`
		return nil
	}
	return c.String(http.StatusOK, "ok")
}

func dispatch(cmd map[string]any) error { return nil }

// --- negatives ---------------------------------------------------------

func drain(c echo.Context) error {
	if err := dispatch(nil); err != nil {
		c.Response().Header().Set("Retry-After", "300")
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"error": "draining"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

func badRequest(c echo.Context) error {
	if err := c.Bind(nil); err != nil {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": err.Error()})
	}
	return c.NoContent(http.StatusNoContent)
}
