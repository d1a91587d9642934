// Package httpmodel is connlint's shared knowledge of HTTP servers and
// clients in Go: which functions are HTTP handlers in net/http, gin, echo,
// chi and gorilla/mux, and which call is a given function or method of a
// given package. Everything is decided from type information, never from
// the spelling of identifiers, so renamed imports, aliases and wrapper
// types are handled alike.
package httpmodel

import (
	"go/ast"
	"go/types"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// Import paths of the packages whose APIs connlint knows.
const (
	NetHTTP = "net/http"
	TLS     = "crypto/tls"
	Net     = "net"
	Gin     = "github.com/gin-gonic/gin"
	Echo    = "github.com/labstack/echo/v4"
	Fiber   = "github.com/gofiber/fiber/v2"
)

// Framework names the API family a handler belongs to.
type Framework int

// Handler families. chi and gorilla/mux route plain net/http handlers, so
// their handlers are NetHTTPHandler.
const (
	NotHandler     Framework = iota
	NetHTTPHandler           // func(http.ResponseWriter, *http.Request), incl. ServeHTTP
	GinHandler               // func(*gin.Context)
	EchoHandler              // func(echo.Context) error
	FiberHandler             // func(*fiber.Ctx) error
)

// String returns the framework's name as users know it.
func (f Framework) String() string {
	switch f {
	case NetHTTPHandler:
		return "net/http"
	case GinHandler:
		return "gin"
	case EchoHandler:
		return "echo"
	case FiberHandler:
		return "fiber"
	}
	return "none"
}

// HandlerKind reports which kind of HTTP handler a function with signature
// sig is, or NotHandler. A method's receiver is not part of sig, so a
// ServeHTTP method implementing http.Handler is a NetHTTPHandler too.
func HandlerKind(sig *types.Signature) Framework {
	if sig == nil {
		return NotHandler
	}
	params, results := sig.Params(), sig.Results()
	switch {
	case params.Len() == 2 && results.Len() == 0 &&
		astutil.IsNamed(params.At(0).Type(), NetHTTP, "ResponseWriter") &&
		astutil.IsPointerTo(params.At(1).Type(), NetHTTP, "Request"):
		return NetHTTPHandler
	case params.Len() == 1 && results.Len() == 0 &&
		astutil.IsPointerTo(params.At(0).Type(), Gin, "Context"):
		return GinHandler
	case params.Len() == 1 && results.Len() == 1 &&
		astutil.IsNamed(params.At(0).Type(), Echo, "Context") &&
		astutil.IsError(results.At(0).Type()):
		return EchoHandler
	case params.Len() == 1 && results.Len() == 1 &&
		astutil.IsPointerTo(params.At(0).Type(), Fiber, "Ctx") &&
		astutil.IsError(results.At(0).Type()):
		return FiberHandler
	}
	return NotHandler
}

// IsHandlerFunc reports whether fn, a *ast.FuncDecl or *ast.FuncLit, is an
// HTTP handler of any framework.
func IsHandlerFunc(info *types.Info, fn ast.Node) bool {
	return HandlerKind(FuncSignature(info, fn)) != NotHandler
}

// FuncSignature returns the signature of a *ast.FuncDecl or *ast.FuncLit,
// or nil for any other node or when type information is missing.
func FuncSignature(info *types.Info, fn ast.Node) *types.Signature {
	var t types.Type
	switch fn := fn.(type) {
	case *ast.FuncDecl:
		if obj := info.Defs[fn.Name]; obj != nil {
			t = obj.Type()
		}
	case *ast.FuncLit:
		t = info.TypeOf(fn)
	}
	sig, _ := t.(*types.Signature)
	return sig
}
