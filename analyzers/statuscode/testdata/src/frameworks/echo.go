// Package frameworks sends statuses through the helpers of echo, gin,
// fiber and chi render.
package frameworks

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
)

var errQueueFull = errors.New("queue full")

func enqueue(v any) error { return nil }

// An error body with 200, outside any err != nil branch.
func echoValidate(c echo.Context) error {
	if c.Param("id") == "" {
		return c.JSON(http.StatusOK, map[string]string{"error": "missing device id"}) // want `c.JSON sends an error body with status 200`
	}
	return c.NoContent(http.StatusNoContent)
}

// The same shape with a matching status, and a 200 whose error member
// holds a variable that is empty on success.
func echoValidateProperly(c echo.Context) error {
	if c.Param("id") == "" {
		return c.JSON(http.StatusBadRequest, map[string]string{"error": "missing device id"})
	}
	var lastErr string
	return c.JSON(http.StatusOK, map[string]string{"id": c.Param("id"), "error": lastErr})
}

func echoEnqueue(c echo.Context) error {
	if err := enqueue(nil); errors.Is(err, errQueueFull) {
		return echo.NewHTTPError(http.StatusServiceUnavailable, "queue full") // want `status 503 without a Retry-After header.*c.Response\(\).Header\(\).Set`
	}
	return c.NoContent(http.StatusAccepted)
}

func echoEnqueueRetry(c echo.Context) error {
	if err := enqueue(nil); errors.Is(err, errQueueFull) {
		c.Response().Header().Set("Retry-After", "30")
		return echo.NewHTTPError(http.StatusServiceUnavailable, "queue full")
	}
	return echo.NewHTTPError(http.StatusConflict, "duplicate")
}

// A helper building the error has no response to set the header on: the
// handler returning it is where the decision is made.
func toHTTPError(err error) error {
	return echo.NewHTTPError(http.StatusServiceUnavailable, err.Error())
}

var _ = toHTTPError
