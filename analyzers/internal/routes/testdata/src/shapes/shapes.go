// Package shapes registers handlers in the ways the routes pass knows,
// next to calls that look alike and register nothing.
package shapes

import (
	"context"
	"net/http"
	"strings"

	"github.com/bmizerany/pat"
	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	kithttp "github.com/go-kit/kit/transport/http"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

type H struct{}

func (h *H) publish(w http.ResponseWriter, r *http.Request) {}
func (h *H) status(w http.ResponseWriter, r *http.Request)  {}
func (h *H) ginPost(c *gin.Context)                         {}
func (h *H) echoPost(c echo.Context) error                  { return nil }
func auth(c *gin.Context)                                   {}

func decode(_ context.Context, r *http.Request) (any, error) { return nil, nil }

func std(mux *http.ServeMux, h *H) {
	mux.HandleFunc("POST /v1/publish", h.publish)      // want `handler h.publish at "POST /v1/publish" on mux`
	http.Handle("/status", http.HandlerFunc(h.status)) // want `handler http.HandlerFunc\(h.status\) at "/status"`
	// Wrappers take a handler and return one: they register nothing.
	_ = http.StripPrefix("/x", http.HandlerFunc(h.status))
	_ = http.TimeoutHandler(http.HandlerFunc(h.status), 0, "slow")
	// A string and a func that is not a handler.
	_ = strings.Map(func(r rune) rune { return r }, "x")
}

func gorilla(h *H) *mux.Router {
	r := mux.NewRouter()
	r.Use(mux.MiddlewareFunc(func(next http.Handler) http.Handler { return next })) // want `middleware on r`
	r.Methods("POST").Path("/events").Handler(http.HandlerFunc(h.publish))          // want `handler http.HandlerFunc\(h.publish\) on r.Methods\("POST"\).Path\("/events"\)`
	sub := r.PathPrefix("/v2").Subrouter()
	sub.HandleFunc("/status", h.status) // want `handler h.status at "/status" on sub`
	return r
}

func chiRoutes(r chi.Router, h *H) {
	r.Route("/devices", func(r chi.Router) {
		r.Post("/", h.publish) // want `handler h.publish at "/" on r`
	})
	r.With(func(next http.Handler) http.Handler { return next }).Get("/status", h.status) // want `handler h.status at "/status" on r.With\(.*\)`
}

func ginRoutes(g *gin.Engine, h *H) {
	g.POST("/publish", auth, h.ginPost) // want `handler auth at "/publish" on g` `handler h.ginPost at "/publish" on g with 1 middleware`
}

func echoRoutes(e *echo.Echo, h *H) {
	e.POST("/publish", h.echoPost, middleware.BodyLimit("1M")) // want `handler h.echoPost at "/publish" on e with 1 middleware`
}

func patRoutes(h *H) http.Handler {
	m := pat.New()
	m.Post("/publish", http.HandlerFunc(h.publish)) // want `handler http.HandlerFunc\(h.publish\) at "/publish" on m`
	return m
}

func gokit() http.Handler {
	return kithttp.NewServer(nil, decode, kithttp.EncodeJSONResponse) // want `decoder decode`
}

// A wrapper method around e.POST is a registrar: the fact says so.
type Server struct{ e *echo.Echo }

func (s *Server) add(path string, h echo.HandlerFunc) {
	s.e.POST(path, h) // want `handler h on s.e`
}

func (s *Server) routes(h *H) {
	s.add("/publish", h.echoPost) // want `handler h.echoPost via add`
}

// Not a registrar: it calls the handler, it does not register it.
func (s *Server) call(c echo.Context, h echo.HandlerFunc) error { return h(c) }

func (s *Server) notRoutes(c echo.Context, h *H) error { return s.call(c, h.echoPost) }
