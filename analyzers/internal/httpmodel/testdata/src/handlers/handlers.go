package handlers

import (
	"crypto/tls"
	"net"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
)

func plain(w http.ResponseWriter, r *http.Request) {} // want `net/http handler`

type api struct{}

func (api) ServeHTTP(w http.ResponseWriter, r *http.Request) {} // want `net/http handler`

func ginList(c *gin.Context) {} // want `gin handler`

func echoList(c echo.Context) error { return nil } // want `echo handler`

// Look-alikes that are not handlers.

func noRequest(w http.ResponseWriter) {}

func requestValue(w http.ResponseWriter, r http.Request) {}

func returnsError(w http.ResponseWriter, r *http.Request) error { return nil }

func ginValue(c gin.Context) {}

func echoNoError(c echo.Context) {}

type ResponseWriter interface{ http.ResponseWriter }

func ownWriter(w ResponseWriter, r *http.Request) {}

func routes() {
	r := chi.NewRouter()
	r.Get("/a", func(w http.ResponseWriter, r *http.Request) {}) // want `net/http handler`
	m := mux.NewRouter()
	m.HandleFunc("/b", func(w http.ResponseWriter, r *http.Request) {}) // want `net/http handler`
	e := echo.New()
	e.GET("/c", func(c echo.Context) error { return nil }) // want `echo handler`
	g := gin.New()
	g.GET("/d", func(c *gin.Context) {}) // want `gin handler`
	_ = func(n int) {}
}

func calls(t *http.Transport, c net.Conn, tc *tls.Conn) {
	_ = t.Clone()                    // want `Transport.Clone call`
	_, _ = tls.Dial("tcp", "x", nil) // want `tls.Dial call`
	_ = c.Close()                    // want `net.Conn.Close call`
	_ = tc.Close()                   // a different type's Close
	_, _ = tls.DialWithDialer(nil, "tcp", "x", nil)
}
