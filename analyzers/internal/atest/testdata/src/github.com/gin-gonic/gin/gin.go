// Package gin is a minimal stand-in for github.com/gin-gonic/gin, for tests.
package gin

import "net/http"

type H map[string]any

type ResponseWriter interface{ http.ResponseWriter }

type Context struct {
	Request *http.Request
	Writer  ResponseWriter
}

type HandlerFunc func(*Context)

func (c *Context) JSON(code int, obj any)                        {}
func (c *Context) String(code int, format string, values ...any) {}
func (c *Context) Status(code int)                               {}
func (c *Context) Header(key, value string)                      {}
func (c *Context) AbortWithStatus(code int)                      {}
func (c *Context) AbortWithStatusJSON(code int, obj any)         {}
func (c *Context) Next()                                         {}
func (c *Context) Param(key string) string                       { return "" }
func (c *Context) Query(key string) string                       { return "" }
func (c *Context) GetRawData() ([]byte, error)                   { return nil, nil }
func (c *Context) Bind(obj any) error                            { return nil }
func (c *Context) BindJSON(obj any) error                        { return nil }
func (c *Context) ShouldBind(obj any) error                      { return nil }
func (c *Context) ShouldBindJSON(obj any) error                  { return nil }

type IRoutes interface {
	Use(...HandlerFunc) IRoutes
	GET(string, ...HandlerFunc) IRoutes
	POST(string, ...HandlerFunc) IRoutes
}

type RouterGroup struct{}

func (g *RouterGroup) Use(h ...HandlerFunc) IRoutes                     { return g }
func (g *RouterGroup) Group(path string, h ...HandlerFunc) *RouterGroup { return g }
func (g *RouterGroup) GET(path string, h ...HandlerFunc) IRoutes        { return g }
func (g *RouterGroup) POST(path string, h ...HandlerFunc) IRoutes       { return g }
func (g *RouterGroup) PUT(path string, h ...HandlerFunc) IRoutes        { return g }
func (g *RouterGroup) DELETE(path string, h ...HandlerFunc) IRoutes     { return g }
func (g *RouterGroup) Any(path string, h ...HandlerFunc) IRoutes        { return g }
func (g *RouterGroup) Handle(method, path string, h ...HandlerFunc) IRoutes {
	return g
}

type Engine struct{ RouterGroup }

func New() *Engine                                                 { return &Engine{} }
func Default() *Engine                                             { return &Engine{} }
func (e *Engine) Run(addr ...string) error                         { return nil }
func (e *Engine) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

// RunTLS serves with http.ListenAndServeTLS (gin.go).
func (e *Engine) RunTLS(addr, certFile, keyFile string) error { return nil }

// Added for bodylimit: binders that do not read the body, and a getter.
func (c *Context) ShouldBindQuery(obj any) error { return nil }
func (c *Context) ShouldBindUri(obj any) error   { return nil }
