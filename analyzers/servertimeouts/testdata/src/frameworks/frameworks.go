// Package frameworks starts gin and echo servers.
package frameworks

import (
	"log"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
)

func ping(c *gin.Context) { c.String(http.StatusOK, "pong") }

func ginRun() {
	r := gin.Default()
	api := r.Group("/api")
	api.GET("/ping", ping)
	log.Fatal(r.Run(":8080")) // want `^gin's Engine.Run serves with http.ListenAndServe, which cannot set timeouts: a slowloris client holds a connection open for ever and idle keep-alive connections are never closed; serve the engine with an http.Server\{Handler: engine\} with ReadHeaderTimeout and IdleTimeout$`
}

func ginRunTLS(r *gin.Engine) error {
	return r.RunTLS(":8443", "cert.pem", "key.pem") // want `gin's Engine.RunTLS serves with http.ListenAndServeTLS, which cannot set timeouts`
}

// The fix for gin: the engine is the handler of a configured server.
func ginBehindServer() error {
	r := gin.New()
	r.GET("/ping", ping)
	srv := &http.Server{
		Addr:              ":8080",
		Handler:           r,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       90 * time.Second,
	}
	return srv.ListenAndServe()
}

func health(c echo.Context) error { return c.String(http.StatusOK, "ok") }

func echoStart() {
	e := echo.New()
	e.GET("/health", health)
	log.Fatal(e.Start(":1323")) // want `^echo's Start serves e.Server without ReadHeaderTimeout or IdleTimeout: a slowloris client holds a connection open for ever and idle keep-alive connections are never closed; set e.Server.ReadHeaderTimeout \(e.g. 10s\) and e.Server.IdleTimeout \(longer than the load balancer's idle timeout\) before Start$`
}

func echoStartServer(e *echo.Echo) error {
	return e.StartServer(&http.Server{Addr: ":1324"}) // want `http.Server without ReadHeaderTimeout or IdleTimeout`
}

func echoStartServerConfigured(e *echo.Echo) error {
	return e.StartServer(&http.Server{Addr: ":1325", ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute})
}
