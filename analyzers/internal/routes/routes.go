// Package routes is the analysis pass that finds where a package
// registers HTTP handlers and installs middleware, for the analyzers
// that judge a handler by the way it is served (bodylimit, statuscode,
// servertimeouts). It plays the part x/tools' ctrlflow plays for
// lostcancel: one walk, a Result the rules query, and facts that carry
// what a function does with its parameters to the packages that call it.
//
// A registration is a handler value handed to something that routes
// requests to it:
//
//   - http.Handle, http.HandleFunc, and any method of a router type
//     (net/http ServeMux incl. Go 1.22 "POST /x" patterns, gorilla/mux,
//     chi, gin, echo, fiber, bmizerany/pat, negroni) other than Use and
//     the serving methods: HandleFunc, Post, POST, Add, Mount, Handler,
//     Methods(..).Path(..).Handler(h), …;
//   - a call of a function of another package that takes a pattern
//     string and a handler (a router this pass does not know by name);
//   - a call of a function that registers one of its parameters (a
//     wrapper around e.POST in this package, or in another one, known
//     by the Registrar fact);
//   - the request decoder of a go-kit transport server
//     (kithttp.NewServer(endpoint, decode, encode)), which reads the
//     request as a handler does.
package routes

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
	"github.com/connlint/connlint/analyzers/internal/lint"
)

// Analyzer finds route registrations and middleware installations.
var Analyzer = &analysis.Analyzer{
	Name:       "routes",
	Doc:        "find HTTP route registrations and router middleware (shared pass of connlint's server-side rules)",
	Requires:   []*analysis.Analyzer{lazyinspect.Analyzer},
	Run:        run,
	ResultType: reflect.TypeOf((*Routes)(nil)),
	FactTypes:  []analysis.Fact{new(Registrar)},
}

// Registrar is the fact exported for a function that registers one or
// more of its parameters as handlers, directly or through another
// registrar: a caller that passes a handler there has registered it.
type Registrar struct {
	Params []int // indices of the registered parameters
}

// AFact marks Registrar as an analysis fact.
func (*Registrar) AFact() {}

func (f *Registrar) String() string { return fmt.Sprintf("Registrar%v", f.Params) }

// A Registration is one handler value handed to a router.
type Registration struct {
	Call    *ast.CallExpr
	Handler ast.Expr // the argument that is the handler (or decoder)
	// Router is the expression of the router the handler is registered
	// on: the receiver of the call (r, s.router, r.With(mw), e.Group(..)),
	// nil for http.Handle/HandleFunc, pattern functions and registrars.
	Router ast.Expr
	Kind   Kind // the router family; NotRouter when Router is nil
	// Middleware given with the route itself: echo's trailing m..., the
	// handlers before the last one in gin.
	Middleware []ast.Expr
	Pattern    string      // the constant pattern, if any ("POST /x", "/x")
	Via        *types.Func // the registrar called, for registrations through one
	Decoder    bool        // a go-kit request decoder, not a handler
}

// Routes is the Analyzer's result for one package.
type Routes struct {
	// Registrations in source order.
	Registrations []*Registration
	// Use maps a router variable (local, parameter, field, package
	// variable) to the Use calls that install middleware on it.
	Use map[types.Object][]*ast.CallExpr

	info  *types.Info
	byArg map[ast.Expr]*Registration
	funcs map[*types.Func][]*Registration // handlers registered by name
	regs  map[*types.Func]map[int]bool    // registrars of this package
}

// At returns the registration whose handler argument is arg, or nil.
func (rs *Routes) At(arg ast.Expr) *Registration {
	if rs == nil {
		return nil
	}
	return rs.byArg[ast.Unparen(arg)]
}

// Of returns the registrations of the function or method fn, named as a
// value (h.publish, publish) in a registration of this package.
func (rs *Routes) Of(fn *types.Func) []*Registration {
	if rs == nil {
		return nil
	}
	return rs.funcs[fn]
}

// Registers reports whether fn, a function of this package or one with
// the Registrar fact, registers its parameter i as a handler.
func (rs *Routes) Registers(pass *analysis.Pass, fn *types.Func, i int) bool {
	fn = fn.Origin()
	if fn.Pkg() == pass.Pkg {
		return rs != nil && rs.regs[fn][i]
	}
	var f Registrar
	return fn.Pkg() != nil && pass.ImportObjectFact(fn, &f) && slices.Contains(f.Params, i)
}

// Dynamic returns the registrations whose handler is not a function named
// in place: a field or element of a route table (rt.Handler), a range
// variable, a parameter. A handler stored in a table is served by them.
func (rs *Routes) Dynamic() []*Registration {
	if rs == nil {
		return nil
	}
	var out []*Registration
	for _, reg := range rs.Registrations {
		switch h := ast.Unparen(reg.Handler).(type) {
		case *ast.SelectorExpr, *ast.IndexExpr:
			out = append(out, reg)
		case *ast.Ident:
			if _, ok := rs.info.Uses[h].(*types.Var); ok {
				out = append(out, reg)
			}
		}
	}
	return out
}

// Frameworks are the import paths of the packages whose handlers the
// pass knows; a package importing none of them registers no handler.
var Frameworks = []string{httpmodel.NetHTTP, httpmodel.Gin, httpmodel.Echo, FiberPath, GoKitHTTP}

func run(pass *analysis.Pass) (any, error) {
	// A package that imports no framework registers no handler: its
	// result is the nil *Routes, whose methods all answer "none".
	if lint.InStandardLibrary(pass) || !lint.Imports(pass.Pkg, Frameworks...) {
		return (*Routes)(nil), nil
	}
	rs := &Routes{
		info:  pass.TypesInfo,
		Use:   make(map[types.Object][]*ast.CallExpr),
		byArg: make(map[ast.Expr]*Registration),
		funcs: make(map[*types.Func][]*Registration),
		regs:  make(map[*types.Func]map[int]bool),
	}
	f := &finder{pass: pass, info: pass.TypesInfo, rs: rs}
	root := lazyinspect.Of(pass).Root()
	for cur := range root.Preorder((*ast.CallExpr)(nil)) {
		f.call(cur)
	}
	f.resolvePending()
	f.exportFacts()
	return rs, nil
}
