package gateway

import (
	"encoding/json"
	"io"
	"log"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/labstack/echo/v4"
)

type Device struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Routes registers handlers that call the device registry upstream.
func Routes(r *gin.Engine, registry *http.Client, base string) {
	r.GET("/devices/:id", func(c *gin.Context) {
		resp, err := registry.Get(base + "/devices/" + c.Param("id")) // want `response body of registry.Get is not closed on every path`
		if err != nil {
			c.AbortWithStatus(http.StatusBadGateway)
			return
		}
		var d Device
		if err := json.NewDecoder(resp.Body).Decode(&d); err != nil {
			c.AbortWithStatus(http.StatusBadGateway)
			return
		}
		c.JSON(http.StatusOK, d)
	})

	// Correct: closed by a defer right after the error check.
	r.GET("/devices/:id/name", func(c *gin.Context) {
		resp, err := registry.Get(base + "/devices/" + c.Param("id"))
		if err != nil {
			c.AbortWithStatus(http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		var d Device
		if err := json.NewDecoder(resp.Body).Decode(&d); err != nil {
			c.AbortWithStatus(http.StatusBadGateway)
			return
		}
		c.String(http.StatusOK, d.Name)
	})
}

// EchoRoutes proxies the upstream health check.
func EchoRoutes(e *echo.Echo, base string) {
	e.GET("/health/upstream", func(c echo.Context) error {
		resp, err := http.Get(base + "/healthz") // want `response body of http.Get is not closed on every path`
		if err != nil {
			return c.NoContent(http.StatusBadGateway)
		}
		return c.JSON(http.StatusOK, resp.StatusCode)
	})

	// Correct: the body is copied to the client and closed.
	e.GET("/firmware/latest", func(c echo.Context) error {
		resp, err := http.Get(base + "/firmware/latest")
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		_, err = io.Copy(c.Response().Writer, resp.Body)
		return err
	})
}

func logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Println(r.Method, r.URL.Path)
		next.ServeHTTP(w, r)
	})
}

// ChiRoutes: a middleware-wrapped handler that forwards to the registry
// and closes every body, even on the error-status path.
func ChiRoutes(registry *http.Client, base string) http.Handler {
	r := chi.NewRouter()
	r.Use(logRequests)
	r.Get("/registry/{id}", func(w http.ResponseWriter, req *http.Request) {
		resp, err := registry.Get(base + "/devices/" + chi.URLParam(req, "id"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		if resp.StatusCode != http.StatusOK {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			http.Error(w, resp.Status, http.StatusBadGateway)
			return
		}
		_, _ = io.Copy(w, resp.Body)
		resp.Body.Close()
	})
	return r
}
