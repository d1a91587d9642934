package routes

import (
	"go/types"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
)

// Import paths of the routers, middleware chains and transports the pass
// knows. Routers of other libraries are still seen when they take a
// pattern and a handler (see isGenericRegistration).
const (
	ChiPath     = "github.com/go-chi/chi/v5"
	GorillaPath = "github.com/gorilla/mux"
	FiberPath   = httpmodel.Fiber
	PatPath     = "github.com/bmizerany/pat"
	NegroniPath = "github.com/urfave/negroni"
	AlicePath   = "github.com/justinas/alice"
	GoKitHTTP   = "github.com/go-kit/kit/transport/http"
)

// Kind is the family of a value that routes requests to handlers.
type Kind int

// Router families.
const (
	NotRouter Kind = iota
	StdMux         // *http.ServeMux
	Chi            // chi.Router, *chi.Mux
	Gorilla        // *mux.Router, and *mux.Route on the way to a handler or Subrouter
	Gin            // *gin.Engine, *gin.RouterGroup, gin.IRoutes, gin.IRouter
	Echo           // *echo.Echo, *echo.Group
	Fiber          // *fiber.App, fiber.Router
	Pat            // *pat.PatternServeMux
	Negroni        // *negroni.Negroni: a middleware stack around one handler
)

// KindOf returns the router family of t, or NotRouter.
func KindOf(t types.Type) Kind {
	switch {
	case t == nil:
		return NotRouter
	case astutil.IsNamed(t, httpmodel.NetHTTP, "ServeMux"):
		return StdMux
	case astutil.IsNamed(t, ChiPath, "Router"), astutil.IsNamed(t, ChiPath, "Mux"):
		return Chi
	case astutil.IsNamed(t, GorillaPath, "Router"), astutil.IsNamed(t, GorillaPath, "Route"):
		return Gorilla
	case astutil.IsNamed(t, httpmodel.Gin, "Engine"), astutil.IsNamed(t, httpmodel.Gin, "RouterGroup"),
		astutil.IsNamed(t, httpmodel.Gin, "IRoutes"), astutil.IsNamed(t, httpmodel.Gin, "IRouter"):
		return Gin
	case astutil.IsNamed(t, httpmodel.Echo, "Echo"), astutil.IsNamed(t, httpmodel.Echo, "Group"):
		return Echo
	case astutil.IsNamed(t, FiberPath, "App"), astutil.IsNamed(t, FiberPath, "Router"), astutil.IsNamed(t, FiberPath, "Group"):
		return Fiber
	case astutil.IsNamed(t, PatPath, "PatternServeMux"):
		return Pat
	case astutil.IsNamed(t, NegroniPath, "Negroni"):
		return Negroni
	}
	return NotRouter
}

// Router methods that are not registrations. Everything else called on a
// router with a handler argument registers that handler (HandleFunc, Get,
// POST, Any, Add, Mount, Handler, …), so new verbs need no list.
var (
	// UseMethods install middleware on every route of the router.
	UseMethods = map[string]bool{"Use": true, "UseFunc": true}
	// ServeMethods start serving the router as it is (gin Run, echo Start,
	// fiber Listen).
	ServeMethods = map[string]bool{
		"Run": true, "RunTLS": true, "RunListener": true,
		"Start": true, "StartTLS": true, "StartAutoTLS": true, "StartServer": true,
		"Listen": true, "ListenTLS": true, "Listener": true,
	}
)

// IsHandlerType reports whether t is a value that serves requests: a
// handler function of any framework, http.Handler, http.HandlerFunc, or
// any type with a ServeHTTP method (a router, a go-kit server, a
// handler struct).
func IsHandlerType(t types.Type) bool {
	if t == nil {
		return false
	}
	if astutil.IsNamed(t, httpmodel.NetHTTP, "Handler") || astutil.IsNamed(t, httpmodel.NetHTTP, "HandlerFunc") {
		return true
	}
	if sig, ok := t.Underlying().(*types.Signature); ok {
		return httpmodel.HandlerKind(sig) != httpmodel.NotHandler
	}
	return ServeHTTP(t) != nil
}

// ServeHTTP returns the ServeHTTP(http.ResponseWriter, *http.Request)
// method of t or *t, or nil.
func ServeHTTP(t types.Type) *types.Func {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, "ServeHTTP")
	m, ok := obj.(*types.Func)
	if !ok || httpmodel.HandlerKind(m.Signature()) != httpmodel.NetHTTPHandler {
		return nil
	}
	return m
}

// IsMiddlewareType reports whether t is a function that wraps a handler:
// func(http.Handler) http.Handler, echo.MiddlewareFunc, mux.MiddlewareFunc.
func IsMiddlewareType(t types.Type) bool {
	if t == nil {
		return false
	}
	sig, ok := t.Underlying().(*types.Signature)
	return ok && sig.Params().Len() == 1 && sig.Results().Len() == 1 &&
		IsHandlerType(sig.Params().At(0).Type()) && IsHandlerType(sig.Results().At(0).Type())
}

// ReturnsWrapper reports whether sig returns a handler, a middleware or a
// router: the functions whose result may carry what wraps a handler.
func ReturnsWrapper(sig *types.Signature) bool {
	if sig.Results().Len() == 0 {
		return false
	}
	t := sig.Results().At(0).Type()
	return IsHandlerType(t) || IsMiddlewareType(t) || KindOf(t) != NotRouter
}
