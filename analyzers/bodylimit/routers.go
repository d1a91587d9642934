package bodylimit

import (
	"go/types"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
)

// Import paths of the routers and middleware packages bodylimit knows.
const (
	chiPath           = "github.com/go-chi/chi/v5"
	chiMiddleware     = "github.com/go-chi/chi/v5/middleware"
	gorillaPath       = "github.com/gorilla/mux"
	echoMiddleware    = "github.com/labstack/echo/v4/middleware"
	encodingJSON      = "encoding/json"
	encodingXML       = "encoding/xml"
	encodingGob       = "encoding/gob"
	bufioPath         = "bufio"
	ioPath, ioutilPkg = "io", "io/ioutil"
)

// router is the family of a value that routes requests to handlers.
type router int

const (
	notRouter     router = iota
	stdMux               // *http.ServeMux
	chiRouter            // chi.Router, *chi.Mux
	gorillaRouter        // *mux.Router, and *mux.Route on the way to Subrouter
	ginRouter            // *gin.Engine, *gin.RouterGroup, gin.IRoutes
	echoRouter           // *echo.Echo, *echo.Group
)

// routerKind returns the router family of t, or notRouter.
func routerKind(t types.Type) router {
	switch {
	case t == nil:
		return notRouter
	case astutil.IsNamed(t, httpmodel.NetHTTP, "ServeMux"):
		return stdMux
	case astutil.IsNamed(t, chiPath, "Router"), astutil.IsNamed(t, chiPath, "Mux"):
		return chiRouter
	case astutil.IsNamed(t, gorillaPath, "Router"), astutil.IsNamed(t, gorillaPath, "Route"):
		return gorillaRouter
	case astutil.IsNamed(t, httpmodel.Gin, "Engine"), astutil.IsNamed(t, httpmodel.Gin, "RouterGroup"),
		astutil.IsNamed(t, httpmodel.Gin, "IRoutes"), astutil.IsNamed(t, httpmodel.Gin, "IRouter"):
		return ginRouter
	case astutil.IsNamed(t, httpmodel.Echo, "Echo"), astutil.IsNamed(t, httpmodel.Echo, "Group"):
		return echoRouter
	}
	return notRouter
}

// Router methods that are not registrations. Everything else called on a
// router with a handler argument registers that handler (HandleFunc, Get,
// POST, Any, Add, Mount, …), so new verbs need no list.
var (
	// useMethods install middleware on every route of the router.
	useMethods = map[string]bool{"Use": true}
	// serveMethods start serving the router as it is (gin Run, echo Start).
	serveMethods = map[string]bool{
		"Run": true, "RunTLS": true, "RunListener": true,
		"Start": true, "StartTLS": true, "StartAutoTLS": true, "StartServer": true,
	}
)

// Known limiting middleware constructors: installing their result limits
// the body of every handler behind it.
//   - chi middleware.RequestSize wraps r.Body in http.MaxBytesReader
//     (go-chi/chi middleware/request_size.go);
//   - echo middleware.BodyLimit / BodyLimitWithConfig reject bodies above
//     the limit by Content-Length and by bytes actually read, so chunked
//     bodies are bounded too (echo.labstack.com/middleware/body-limit).
var limiterConstructors = []struct{ pkg, name string }{
	{chiMiddleware, "RequestSize"},
	{echoMiddleware, "BodyLimit"},
	{echoMiddleware, "BodyLimitWithConfig"},
}

func isLimiterConstructor(fn *types.Func) bool {
	for _, l := range limiterConstructors {
		if astutil.FuncIs(fn, l.pkg, l.name) {
			return true
		}
	}
	return false
}
