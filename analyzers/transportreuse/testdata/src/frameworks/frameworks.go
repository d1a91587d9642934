// Package frameworks models handlers of gin, echo, chi and gorilla/mux.
package frameworks

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
)

const registry = "https://registry.example.com"

var pooled = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}, Timeout: 10 * time.Second}

// Positives.

func ginRoutes(r *gin.Engine) {
	r.GET("/devices/:id", func(c *gin.Context) {
		client := &http.Client{Transport: &http.Transport{IdleConnTimeout: 90 * time.Second}} // want `http.Transport created inside an HTTP handler`
		resp, err := client.Get(registry + "/devices/" + c.Param("id"))
		if err != nil {
			c.AbortWithStatus(http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		c.Status(resp.StatusCode)
	})
}

func echoLookup(c echo.Context) error {
	tr := new(http.Transport) // want `http.Transport created inside an HTTP handler`
	resp, err := (&http.Client{Transport: tr}).Get(registry + "/lookup")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return c.NoContent(resp.StatusCode)
}

func chiRoutes(r chi.Router) {
	r.Get("/config", func(w http.ResponseWriter, req *http.Request) {
		tr := pooled.Transport.(*http.Transport).Clone() // want `http.Transport cloned inside an HTTP handler`
		tr.ResponseHeaderTimeout = time.Second
		if resp, err := (&http.Client{Transport: tr}).Get(registry + "/config"); err == nil {
			resp.Body.Close()
		}
	})
}

func muxRoutes(r *mux.Router) {
	r.HandleFunc("/health", func(w http.ResponseWriter, req *http.Request) {
		c := http.Client{Transport: &http.Transport{}, Timeout: time.Second} // want `http.Transport created inside an HTTP handler`
		if resp, err := c.Get(registry + "/health"); err == nil {
			resp.Body.Close()
		}
	}).Methods(http.MethodGet)
}

// Negatives.

// ginProxy builds the Transport once, when the route is registered; the
// handler it returns reuses it.
func ginProxy(target string) gin.HandlerFunc {
	tr := &http.Transport{MaxIdleConnsPerHost: 4}
	return func(c *gin.Context) {
		resp, err := tr.RoundTrip(c.Request)
		if err == nil {
			resp.Body.Close()
		}
	}
}

func echoShared(c echo.Context) error {
	resp, err := pooled.Get(registry)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

type echoAPI struct{ client *http.Client }

func newEchoAPI() *echoAPI { // want newEchoAPI:"creates and returns"
	return &echoAPI{client: &http.Client{Transport: &http.Transport{}}}
}

func (a *echoAPI) list(c echo.Context) error {
	resp, err := a.client.Get(registry)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func Setup() {
	g := gin.New()
	ginRoutes(g)
	g.GET("/proxy", ginProxy(registry))
	e := echo.New()
	api := newEchoAPI()
	e.GET("/lookup", echoLookup)
	e.GET("/list", api.list)
	e.GET("/shared", echoShared)
}
