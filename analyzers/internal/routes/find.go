package routes

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/lint"
)

// finder makes the pass's one walk over the package's calls.
type finder struct {
	pass    *analysis.Pass
	info    *types.Info
	rs      *Routes
	pending []pendingCall // calls of the package's own functions with a handler argument
}

// A pendingCall waits until every registrar of the package is known.
type pendingCall struct {
	cur  inspector.Cursor
	call *ast.CallExpr
	fn   *types.Func
	done map[int]bool
}

func (f *finder) call(cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	if lint.IsTestFile(f.pass.Fset, call.Pos()) {
		return
	}
	fn := astutil.Callee(f.info, call)
	if fn == nil {
		return
	}
	args := call.Args
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	switch {
	case (astutil.FuncIs(fn, httpmodel.NetHTTP, "Handle") || astutil.FuncIs(fn, httpmodel.NetHTTP, "HandleFunc")) && len(args) == 2:
		f.add(cur, &Registration{Call: call, Handler: args[1], Pattern: f.pattern(args[0]), Kind: StdMux})
		return
	case astutil.FuncIs(fn, GoKitHTTP, "NewServer") && len(args) >= 2:
		f.add(cur, &Registration{Call: call, Handler: args[1], Decoder: true})
		return
	}
	if sel != nil && fn.Signature().Recv() != nil {
		if kind := KindOf(f.info.TypeOf(sel.X)); kind != NotRouter {
			f.routerCall(cur, call, fn, sel.X, kind)
			return
		}
	}
	handlers := f.handlerArgs(args)
	if len(handlers) == 0 {
		return
	}
	switch {
	case fn.Pkg() == f.pass.Pkg:
		f.pending = append(f.pending, pendingCall{cur: cur, call: call, fn: fn.Origin(), done: map[int]bool{}})
	case fn.Pkg() == nil:
	default:
		var fact Registrar
		if f.pass.ImportObjectFact(fn.Origin(), &fact) {
			for _, i := range handlers {
				if slices.Contains(fact.Params, paramIndex(fn.Signature(), i)) {
					f.add(cur, &Registration{Call: call, Handler: args[i], Via: fn.Origin()})
				}
			}
			return
		}
		if f.isPatternRouter(fn) {
			for _, i := range handlers {
				f.add(cur, &Registration{Call: call, Handler: args[i], Pattern: f.pattern(args[0])})
			}
		}
	}
}

// routerCall handles a method called on a router: Use installs
// middleware, the serving methods serve, everything else with a handler
// argument registers it.
func (f *finder) routerCall(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func, recv ast.Expr, kind Kind) {
	name := fn.Name()
	switch {
	case UseMethods[name]:
		if obj := RouterObject(f.info, recv); obj != nil {
			f.rs.Use[obj] = append(f.rs.Use[obj], call)
		}
		return
	case ServeMethods[name]:
		return
	}
	handlers := f.handlerArgs(call.Args)
	var pattern string
	if len(call.Args) > 0 {
		pattern = f.pattern(call.Args[0])
	}
	for n, i := range handlers {
		reg := &Registration{Call: call, Handler: call.Args[i], Router: recv, Kind: kind, Pattern: pattern}
		switch kind {
		case Echo: // e.POST(path, h, m...): the handler comes first
			if n > 0 {
				continue
			}
			reg.Middleware = call.Args[i+1:]
		case Gin, Fiber: // g.POST(path, m..., h): the handlers before it run first
			for _, j := range handlers[:n] {
				reg.Middleware = append(reg.Middleware, call.Args[j])
			}
		}
		f.add(cur, reg)
	}
}

// handlerArgs returns the indices of the arguments that are handlers.
func (f *finder) handlerArgs(args []ast.Expr) []int {
	var out []int
	for i, a := range args {
		if tv, ok := f.info.Types[a]; ok && !tv.IsNil() && !tv.IsType() && IsHandlerType(tv.Type) {
			out = append(out, i)
		}
	}
	return out
}

// isPatternRouter reports whether fn, a function of another package,
// looks like a registration: it takes a pattern string first and a
// handler, and does not return a handler (which would make it a wrapper,
// such as http.StripPrefix or http.TimeoutHandler).
func (f *finder) isPatternRouter(fn *types.Func) bool {
	sig := fn.Signature()
	if sig.Params().Len() < 2 || astutil.PathIs(fn.Pkg().Path(), httpmodel.NetHTTP) ||
		astutil.PathIs(fn.Pkg().Path(), "net/http/httptest") || ReturnsWrapper(sig) {
		return false
	}
	b, ok := sig.Params().At(0).Type().Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}

func (f *finder) pattern(e ast.Expr) string {
	s, _ := astutil.StringConst(f.info, e)
	return s
}

// add records reg; a handler that is a parameter of the enclosing
// function makes that function a registrar.
func (f *finder) add(cur inspector.Cursor, reg *Registration) {
	rs := f.rs
	reg.Handler = ast.Unparen(reg.Handler)
	rs.Registrations = append(rs.Registrations, reg)
	rs.byArg[reg.Handler] = reg
	if fn := f.funcOf(reg.Handler); fn != nil {
		rs.funcs[fn] = append(rs.funcs[fn], reg)
	}
	id, ok := reg.Handler.(*ast.Ident)
	if !ok {
		return
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok || v.Kind() != types.ParamVar {
		return
	}
	declCur, ok := astutil.EnclosingFuncDecl(cur)
	if !ok {
		return
	}
	decl := declCur.Node().(*ast.FuncDecl)
	fn, _ := f.info.Defs[decl.Name].(*types.Func)
	if fn == nil {
		return
	}
	if i := astutil.ParamIndex(fn.Signature(), v); i >= 0 {
		if rs.regs[fn] == nil {
			rs.regs[fn] = make(map[int]bool)
		}
		rs.regs[fn][i] = true
	}
}

// funcOf returns the function a handler expression names: publish,
// h.publish, pkg.Publish, http.HandlerFunc(publish).
func (f *finder) funcOf(e ast.Expr) *types.Func {
	for range 4 {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			fn, _ := f.info.Uses[x].(*types.Func)
			return originOf(fn)
		case *ast.SelectorExpr:
			fn, _ := f.info.Uses[x.Sel].(*types.Func)
			return originOf(fn)
		case *ast.CallExpr:
			if tv := f.info.Types[x.Fun]; tv.IsType() && len(x.Args) == 1 {
				e = x.Args[0]
				continue
			}
			return nil
		default:
			return nil
		}
	}
	return nil
}

func originOf(fn *types.Func) *types.Func {
	if fn == nil {
		return nil
	}
	return fn.Origin()
}

// resolvePending registers the handlers passed to the package's own
// registrars, until no call adds a registrar.
func (f *finder) resolvePending() {
	for changed := true; changed; {
		changed = false
		for _, p := range f.pending {
			for _, i := range f.handlerArgs(p.call.Args) {
				if p.done[i] || !f.rs.regs[p.fn][paramIndex(p.fn.Signature(), i)] {
					continue
				}
				p.done[i] = true
				f.add(p.cur, &Registration{Call: p.call, Handler: p.call.Args[i], Via: p.fn})
				changed = true
			}
		}
	}
}

// paramIndex maps an argument index to its parameter (variadic arguments
// to the last parameter).
func paramIndex(sig *types.Signature, arg int) int {
	if n := sig.Params().Len(); sig.Variadic() && arg >= n-1 {
		return n - 1
	}
	return arg
}

// exportFacts exports Registrar for the package's registrars.
func (f *finder) exportFacts() {
	for fn, params := range f.rs.regs {
		fact := &Registrar{}
		for i := range params {
			fact.Params = append(fact.Params, i)
		}
		slices.Sort(fact.Params)
		f.pass.ExportObjectFact(fn, fact)
	}
}

// RouterObject returns the variable a router expression is held in: a
// local, parameter or package variable (r), or a field (s.router); nil
// for a router built in place.
func RouterObject(info *types.Info, e ast.Expr) types.Object {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := info.Uses[e].(*types.Var)
		if v != nil {
			return v
		}
	case *ast.SelectorExpr:
		v, _ := info.Uses[e.Sel].(*types.Var)
		if v != nil {
			return v
		}
	}
	return nil
}
