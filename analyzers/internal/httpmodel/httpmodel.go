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
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// Import paths of the packages whose APIs connlint knows.
const (
	NetHTTP = "net/http"
	TLS     = "crypto/tls"
	Net     = "net"
	Gin     = "github.com/gin-gonic/gin"
	Echo    = "github.com/labstack/echo/v4"
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
		IsNamed(params.At(0).Type(), NetHTTP, "ResponseWriter") &&
		IsPointerTo(params.At(1).Type(), NetHTTP, "Request"):
		return NetHTTPHandler
	case params.Len() == 1 && results.Len() == 0 &&
		IsPointerTo(params.At(0).Type(), Gin, "Context"):
		return GinHandler
	case params.Len() == 1 && results.Len() == 1 &&
		IsNamed(params.At(0).Type(), Echo, "Context") &&
		isErrorType(results.At(0).Type()):
		return EchoHandler
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

// Callee returns the function or method statically called by call, or nil
// for calls of function values, interface methods, builtins and
// conversions.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// IsFunc reports whether fn is the package-level function pkgPath.name.
func IsFunc(fn *types.Func, pkgPath, name string) bool {
	return fn != nil && fn.Name() == name && fn.Pkg() != nil &&
		PathIs(fn.Pkg().Path(), pkgPath) && fn.Signature().Recv() == nil
}

// IsMethod reports whether fn is the method name of the named type
// pkgPath.typeName (with a value or pointer receiver, or declared in an
// interface of that name).
func IsMethod(fn *types.Func, pkgPath, typeName, name string) bool {
	if fn == nil || fn.Name() != name {
		return false
	}
	recv := fn.Signature().Recv()
	return recv != nil && IsNamed(derefType(recv.Type()), pkgPath, typeName)
}

// IsCallTo reports whether call statically calls the package-level
// function pkgPath.name.
func IsCallTo(info *types.Info, call *ast.CallExpr, pkgPath, name string) bool {
	return IsFunc(Callee(info, call), pkgPath, name)
}

// IsMethodCall reports whether call calls method name of pkgPath.typeName.
// Interface methods count: typeutil.Callee resolves them to the abstract
// method, whose receiver is the interface type.
func IsMethodCall(info *types.Info, call *ast.CallExpr, pkgPath, typeName, name string) bool {
	return IsMethod(Callee(info, call), pkgPath, typeName, name)
}

// IsNamed reports whether t (after alias resolution) is the named type
// pkgPath.name.
func IsNamed(t types.Type, pkgPath, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && PathIs(obj.Pkg().Path(), pkgPath)
}

// IsPointerTo reports whether t is *pkgPath.name.
func IsPointerTo(t types.Type, pkgPath, name string) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && IsNamed(p.Elem(), pkgPath, name)
}

// PathIs reports whether the import path got denotes want, also when the
// package is vendored (".../vendor/want").
func PathIs(got, want string) bool {
	return got == want || strings.HasSuffix(got, "/vendor/"+want)
}

func derefType(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func isErrorType(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}
