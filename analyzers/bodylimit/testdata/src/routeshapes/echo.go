package routeshapes

import (
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// Server adds its routes through small wrapper methods around e.POST.
type Server struct {
	e   *echo.Echo
	api *echo.Group
}

func NewServer() *Server {
	s := &Server{e: echo.New()}
	s.api = s.e.Group("/api", middleware.BodyLimit("1M"))
	s.add("/readings", s.postReadings)
	s.addLimited("/config", s.postConfig)
	return s
}

func (s *Server) add(path string, h echo.HandlerFunc)        { s.e.POST(path, h) }
func (s *Server) addLimited(path string, h echo.HandlerFunc) { s.api.POST(path, h) }

func (s *Server) postReadings(c echo.Context) error {
	var v map[string]any
	return c.Bind(&v) // want `c.Bind reads the request body with no size limit`
}

func (s *Server) postConfig(c echo.Context) error {
	var v map[string]any
	return c.Bind(&v)
}

func (s *Server) Start() error { return s.e.Start(":8080") }
