package bodylimit

import (
	"cmp"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/routes"
)

// class says what is known about the body limits on the paths that lead
// to a handler; a set of paths is the union of their classes.
type class uint8

const (
	limited   class = 1 << iota // a limit is applied on this path
	unlimited                   // served with no limit anywhere on this path
	unknown                     // the path leaves what the package shows; a limit may be applied there
	invisible                   // an exported handler (or factory) with no use in the package
)

// verdict is the class of a handler's paths, with the position of the
// first registration that serves it without a limit.
type verdict struct {
	class class
	at    token.Pos
}

func (v *verdict) add(w verdict) {
	if w.class&unlimited != 0 && !v.at.IsValid() {
		v.at = w.at
	}
	v.class |= w.class
}

func is(c class, at token.Pos) verdict { return verdict{c, at} }

// resolver answers, after the walk, which handlers read an unlimited body.
type resolver struct {
	*collector
	summaries map[*types.Func]*summary
	handlers  map[any]*verdict      // *types.Func or *ast.FuncLit -> verdict; nil: in progress
	routers   map[*types.Var]*class // nil: in progress
	limiting  map[*types.Func]int8  // 1 limits, -1 does not, 0 in progress
}

func newResolver(c *collector) *resolver {
	// The walk appends limits file by file, but files are not numbered in
	// that order when they are parsed in parallel (go/packages does):
	// limitWithin searches the positions, so they are sorted here.
	slices.Sort(c.limitPos)
	return &resolver{
		collector: c,
		summaries: make(map[*types.Func]*summary),
		handlers:  make(map[any]*verdict),
		routers:   make(map[*types.Var]*class),
		limiting:  make(map[*types.Func]int8),
	}
}

// limitWithin reports whether a limit is applied between pos and end,
// directly or through a call of a package function that applies one.
func (r *resolver) limitWithin(pos, end token.Pos) bool {
	i, _ := slices.BinarySearch(r.limitPos, pos)
	if i < len(r.limitPos) && r.limitPos[i] < end {
		return true
	}
	for _, call := range r.pkgCalls {
		if call.pos >= pos && call.pos < end && r.funcLimits(call.callee) {
			return true
		}
	}
	return false
}

// funcLimits reports whether fn applies a body limit somewhere in its
// body (the package's functions) or carries the limitsBody fact.
func (r *resolver) funcLimits(fn *types.Func) bool {
	if fn.Pkg() != r.pass.Pkg {
		return r.pass.ImportObjectFact(fn, new(limitsBody))
	}
	switch r.limiting[fn] {
	case 1:
		return true
	case -1:
		return false
	}
	o := r.decls[fn]
	if o == nil {
		return false
	}
	r.limiting[fn] = -1 // recursion: no limit found on this path
	if r.limitWithin(o.node.Pos(), o.node.End()) {
		r.limiting[fn] = 1
		return true
	}
	return false
}

// exportFacts exports limitsBody for the functions that return a handler,
// a middleware or a router, or are gin middleware themselves (a gin
// handler that calls c.Next), and apply a limit: wrapping a handler in
// them, or installing them with Use, limits its body.
func (r *resolver) exportFacts() {
	// In declaration order: funcLimits memoizes, and inside a recursive
	// cycle the first function asked decides what the others see, so a
	// map's random order would make the facts differ between runs.
	fns := make([]*types.Func, 0, len(r.decls))
	for fn := range r.decls {
		fns = append(fns, fn)
	}
	slices.SortFunc(fns, func(a, b *types.Func) int { return cmp.Compare(a.Pos(), b.Pos()) })
	for _, fn := range fns {
		o := r.decls[fn]
		if (routes.ReturnsWrapper(fn.Signature()) || o.kind == httpmodel.GinHandler || r.isRegistrar(fn)) && r.funcLimits(fn) {
			r.pass.ExportObjectFact(fn, new(limitsBody))
		}
	}
}

// isRegistrar reports whether fn registers one of its parameters as a
// handler: a registrar that limits passes the limit to its callers.
func (r *resolver) isRegistrar(fn *types.Func) bool {
	for i := range fn.Signature().Params().Len() {
		if r.routes.Registers(r.pass, fn, i) {
			return true
		}
	}
	return false
}

// mwLimits reports whether e, a middleware value (passed to Use, With,
// Group, or before a gin handler), limits the body.
func (r *resolver) mwLimits(e ast.Expr, depth int) bool {
	if depth > maxDepth {
		return false
	}
	switch e := unparen(e).(type) {
	case *ast.FuncLit:
		return r.limitWithin(e.Pos(), e.End())
	case *ast.Ident, *ast.SelectorExpr:
		id, ok := e.(*ast.Ident)
		if !ok {
			id = e.(*ast.SelectorExpr).Sel
		}
		switch obj := r.info.Uses[id].(type) {
		case *types.Func:
			return r.funcLimits(obj.Origin())
		case *types.Var:
			for _, def := range r.defs[obj] {
				if r.mwLimits(def, depth+1) {
					return true
				}
			}
		}
	case *ast.CallExpr:
		if tv := r.info.Types[e.Fun]; tv.IsType() && len(e.Args) == 1 {
			return r.mwLimits(e.Args[0], depth+1) // mux.MiddlewareFunc(limit)
		}
		fn := astutil.Callee(r.info, e)
		return fn != nil && (isLimiterConstructor(fn) || r.funcLimits(fn.Origin()))
	}
	return false
}

// anyLimits reports whether any of es is a limiting middleware.
func (r *resolver) anyLimits(es []ast.Expr) bool {
	for _, e := range es {
		if r.mwLimits(e, 0) {
			return true
		}
	}
	return false
}

// handlerVerdict returns the class of the paths to the handler o.
func (r *resolver) handlerVerdict(o *owner) verdict {
	var key any = o.obj
	if o.obj == nil {
		key = o.node
	}
	if v, done := r.handlers[key]; done {
		if v == nil {
			return verdict{} // recursion: this path adds nothing
		}
		return *v
	}
	r.handlers[key] = nil
	var v verdict
	if o.obj == nil {
		v = r.valueVerdict(o.cur, 0)
	} else {
		for _, use := range r.uses[o.obj] {
			v.add(r.valueVerdict(use, 0))
		}
		if o.obj.Name() == "ServeHTTP" {
			for _, lit := range r.lits[o.obj] {
				v.add(r.valueVerdict(lit, 0))
			}
			for _, tv := range r.typeVars[o.obj] {
				v.add(is(r.routerClass(tv), token.NoPos))
			}
		}
		if v.class == 0 {
			// gosec G120 reports such handlers too: a handler with no
			// visible registration is served from elsewhere (an
			// exported method) or by code this package does not show.
			v.class = invisible
		}
	}
	r.handlers[key] = &v
	return v
}

// exported reports whether code outside the package can reach fn by name.
func exported(fn *types.Func) bool {
	if !fn.Exported() {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return true
	}
	t := recv.Type()
	if ptr, ok := types.Unalias(t).(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Exported()
}

// valueVerdict follows a handler (or router) value from cur up to where
// it ends: registered, served, wrapped in a limit, or lost from sight.
func (r *resolver) valueVerdict(cur inspector.Cursor, depth int) verdict {
	if depth > maxDepth {
		return is(unknown, token.NoPos)
	}
	for {
		parent := cur.Parent()
		switch p := parent.Node().(type) {
		case *ast.ParenExpr:
			cur = parent
			continue
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				cur = parent
				continue
			}
		case *ast.CallExpr:
			if cur.ParentEdgeKind() == edge.CallExpr_Fun {
				return r.directCallVerdict(parent, depth)
			}
			v, up := r.argVerdict(parent, p, cur.Node().(ast.Expr))
			if !up {
				return v
			}
			cur = parent
			continue
		case *ast.SelectorExpr:
			// h.ServeHTTP(w, r), mux.ServeHTTP(w, r): served by the caller.
			if sel, ok := r.info.Selections[p]; ok && sel.Obj().Name() == "ServeHTTP" &&
				parent.ParentEdgeKind() == edge.CallExpr_Fun {
				return r.directCallVerdict(parent.Parent(), depth)
			}
		case *ast.ReturnStmt:
			// An exported factory of a handler with no caller here is
			// registered elsewhere; a router returned to another package
			// may be wrapped in a limit there.
			isRouter := routes.KindOf(r.info.TypeOf(cur.Node().(ast.Expr))) != routes.NotRouter
			return r.returnVerdict(parent, isRouter, depth)
		case *ast.KeyValueExpr:
			if key, ok := p.Key.(*ast.Ident); ok && key.Name == "Handler" &&
				astutil.IsNamed(r.info.TypeOf(parent.Parent().Node().(ast.Expr)), httpmodel.NetHTTP, "Server") {
				return is(unlimited, p.Pos())
			}
			if cur.ParentEdgeKind() == edge.KeyValueExpr_Value {
				if _, ok := parent.Parent().Node().(*ast.CompositeLit); ok {
					return r.tableVerdict(depth)
				}
			}
		case *ast.CompositeLit:
			return r.tableVerdict(depth)
		case *ast.AssignStmt:
			return r.assignVerdict(p, cur.Node(), depth)
		case *ast.ValueSpec:
			for i, val := range p.Values {
				if val == cur.Node() && i < len(p.Names) {
					if v, ok := r.info.Defs[p.Names[i]].(*types.Var); ok {
						return r.varVerdict(v, depth)
					}
				}
			}
		}
		return is(unknown, token.NoPos)
	}
}

// tableVerdict classifies a handler stored in a route table (a struct,
// map or slice literal: {"POST", "/x", h.publish}): it is served by the
// registrations of the package that take their handler from a table
// entry or variable (for _, rt := range routes { r.Handle(rt.Path, rt.H) }).
// With none here, the table goes to another package, which serves it
// with no limit visible.
func (r *resolver) tableVerdict(depth int) verdict {
	dyn := r.routes.Dynamic()
	if len(dyn) == 0 {
		return is(unlimited, token.NoPos)
	}
	var out verdict
	for _, reg := range dyn {
		out.add(r.registrationVerdict(reg, depth+1))
	}
	return out
}

// assignVerdict follows a value assigned to a variable or to
// http.Server.Handler.
func (r *resolver) assignVerdict(a *ast.AssignStmt, value ast.Node, depth int) verdict {
	for i, rhs := range a.Rhs {
		if rhs != value || i >= len(a.Lhs) {
			continue
		}
		switch lhs := unparen(a.Lhs[i]).(type) {
		case *ast.SelectorExpr:
			if astutil.IsField(r.info, lhs, httpmodel.NetHTTP, "Server", "Handler") {
				return is(unlimited, a.Pos())
			}
			if v, ok := r.info.Uses[lhs.Sel].(*types.Var); ok && r.isTracked(v) {
				return r.varVerdict(v, depth)
			}
		case *ast.Ident:
			if v, ok := r.info.ObjectOf(lhs).(*types.Var); ok && r.isTracked(v) {
				return r.varVerdict(v, depth)
			}
		}
	}
	return is(unknown, token.NoPos)
}

// varVerdict follows a handler or router held in a variable to each of
// the variable's uses.
func (r *resolver) varVerdict(v *types.Var, depth int) verdict {
	if routes.KindOf(v.Type()) != routes.NotRouter || r.serveHTTP(v.Type()) != nil {
		return is(r.routerClass(v), token.NoPos)
	}
	var out verdict
	for _, use := range r.uses[v] {
		if r.isReassignedFrom(use) {
			continue // h = logging(h): the new value is followed instead
		}
		out.add(r.valueVerdict(use, depth+1))
	}
	if out.class == 0 {
		out.class = unknown
	}
	return out
}

// isReassignedFrom reports whether use appears in a value assigned back
// to the same variable (h = logging(h)).
func (r *resolver) isReassignedFrom(use inspector.Cursor) bool {
	v := r.info.Uses[identOf(use.Node())]
	for cur := use.Parent(); cur.Node() != nil; cur = cur.Parent() {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			for _, lhs := range n.Lhs {
				if id := identOf(lhs); id != nil && r.info.ObjectOf(id) == v {
					return true
				}
			}
			return false
		case ast.Stmt:
			return false
		}
	}
	return false
}

func identOf(n ast.Node) *ast.Ident {
	switch n := n.(type) {
	case *ast.Ident:
		return n
	case *ast.SelectorExpr:
		return n.Sel
	}
	return nil
}

// returnVerdict follows a handler returned by a function to the callers
// of that function (a factory, a middleware, a routes() builder).
func (r *resolver) returnVerdict(ret inspector.Cursor, isRouter bool, depth int) verdict {
	fnCur, ok := astutil.EnclosingFunc(ret)
	if !ok {
		return is(unknown, token.NoPos)
	}
	decl, ok := fnCur.Node().(*ast.FuncDecl)
	if !ok {
		return is(unknown, token.NoPos) // a middleware literal: its handlers are elsewhere
	}
	fn, _ := r.info.Defs[decl.Name].(*types.Func)
	if fn == nil {
		return is(unknown, token.NoPos)
	}
	var out verdict
	for _, use := range r.uses[fn] {
		if use.ParentEdgeKind() == edge.CallExpr_Fun {
			out.add(r.valueVerdict(use.Parent(), depth+1))
			continue
		}
		out.add(r.useArgVerdict(use))
	}
	if out.class == 0 && !isRouter {
		// A router returned to another package adds nothing here: the
		// router's class then says it is served with no visible limit.
		out.class = unknown
		if exported(fn) {
			out.class = invisible
		}
	}
	return out
}

// useArgVerdict classifies a middleware function passed by name to a
// router's Use: it wraps every handler of that router.
func (r *resolver) useArgVerdict(use inspector.Cursor) verdict {
	call, ok := use.Parent().Node().(*ast.CallExpr)
	if !ok || use.ParentEdgeKind() != edge.CallExpr_Args {
		return is(unknown, token.NoPos)
	}
	sel, ok := unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || !routes.UseMethods[sel.Sel.Name] || routes.KindOf(r.info.TypeOf(sel.X)) == routes.NotRouter {
		return is(unknown, token.NoPos)
	}
	return is(r.routerExprClass(sel.X, 0), call.Pos())
}

// directCallVerdict classifies a handler called by another function:
// the caller's limit, or else the caller's own paths.
func (r *resolver) directCallVerdict(callCur inspector.Cursor, depth int) verdict {
	for _, o := range slices.Backward(r.owners) {
		if o.node.Pos() <= callCur.Node().Pos() && callCur.Node().End() <= o.node.End() {
			if o.kind == httpmodel.NotHandler {
				return is(unknown, token.NoPos)
			}
			if r.selfLimited(o) {
				return is(limited, token.NoPos)
			}
			v := r.handlerVerdict(o)
			if v.class == 0 || v.class == invisible {
				v.class = unknown
			}
			return v
		}
	}
	return is(unknown, token.NoPos)
}

// argVerdict classifies a handler passed as an argument of call. up
// reports that the call returns the handler wrapped without a limit, so
// the caller should keep following the call's value.
func (r *resolver) argVerdict(callCur inspector.Cursor, call *ast.CallExpr, arg ast.Expr) (v verdict, up bool) {
	if tv := r.info.Types[call.Fun]; tv.IsType() {
		return verdict{}, true // http.HandlerFunc(f)
	}
	if inner, ok := unparen(call.Fun).(*ast.CallExpr); ok && r.mwLimits(inner, 0) {
		return is(limited, token.NoPos), false // middleware.RequestSize(n)(h)
	}
	fn := astutil.Callee(r.info, call)
	if fn == nil {
		// ensureAuth(h), with ensureAuth := authMiddleware(cfg): a
		// middleware value wraps the handler, limiting it or not.
		if routes.IsMiddlewareType(r.info.TypeOf(call.Fun)) {
			if r.mwLimits(call.Fun, 0) {
				return is(limited, token.NoPos), false
			}
			return verdict{}, true
		}
		return is(unknown, token.NoPos), false
	}
	switch {
	case astutil.FuncIs(fn, httpmodel.NetHTTP, "MaxBytesHandler"):
		return is(limited, token.NoPos), false
	case astutil.FuncIs(fn, httpmodel.NetHTTP, "ListenAndServe"), astutil.FuncIs(fn, httpmodel.NetHTTP, "ListenAndServeTLS"),
		astutil.FuncIs(fn, httpmodel.NetHTTP, "Serve"), astutil.FuncIs(fn, httpmodel.NetHTTP, "ServeTLS"):
		return is(unlimited, call.Pos()), false
	}
	if reg := r.routes.At(arg); reg != nil {
		if reg.Decoder {
			return verdict{}, true // kithttp.NewServer(e, decode, encode): follow the server
		}
		return r.registrationVerdict(reg, 0), false
	}
	if sel, ok := unparen(call.Fun).(*ast.SelectorExpr); ok && fn.Signature().Recv() != nil {
		if kind := routes.KindOf(r.info.TypeOf(sel.X)); kind != routes.NotRouter && !routes.UseMethods[fn.Name()] {
			return is(r.routerExprClass(sel.X, 0), call.Pos()), false
		}
		// alice.New(limit, logging).Then(h): the chain's middleware are
		// the arguments of the call that built the receiver.
		if inner, ok := unparen(sel.X).(*ast.CallExpr); ok && routes.ReturnsWrapper(fn.Signature()) && r.anyLimits(inner.Args) {
			return is(limited, token.NoPos), false
		}
	}
	if r.funcLimits(fn.Origin()) {
		return is(limited, token.NoPos), false
	}
	if !routes.ReturnsWrapper(fn.Signature()) {
		return is(unknown, token.NoPos), false
	}
	// A wrapper that does not limit, such as logging(h) or
	// http.StripPrefix: unless a limiting middleware is passed beside the
	// handler (chain(h, limit, logging)), follow its result.
	for _, other := range call.Args {
		if other != arg && r.mwLimits(other, 0) {
			return is(limited, token.NoPos), false
		}
	}
	return verdict{}, true
}

// registrationVerdict classifies a handler registered by reg: middleware
// given with the route, then the router's own path. A registration
// through a registrar of this package takes the registrations inside
// it; one through a function of another package is served as it is.
func (r *resolver) registrationVerdict(reg *routes.Registration, depth int) verdict {
	if r.anyLimits(reg.Middleware) {
		return is(limited, token.NoPos)
	}
	switch {
	case reg.Router != nil:
		return is(r.routerExprClass(reg.Router, 0), reg.Call.Pos())
	case reg.Via != nil && reg.Via.Pkg() != r.pass.Pkg && r.funcLimits(reg.Via):
		return is(limited, token.NoPos) // a registrar of another package that limits
	case reg.Via != nil && reg.Via.Pkg() == r.pass.Pkg:
		return r.registrarVerdict(reg, depth)
	case reg.Kind == routes.StdMux: // http.Handle, http.HandleFunc
		return is(r.defaultMuxClass(), reg.Call.Pos())
	}
	return is(unlimited, reg.Call.Pos())
}

// registrarVerdict classifies a handler passed to a registrar of the
// package (s.addRoute("POST", "/x", s.publish)) by the registrations of
// the parameter inside it.
func (r *resolver) registrarVerdict(reg *routes.Registration, depth int) verdict {
	o := r.decls[reg.Via]
	if o == nil || depth > maxDepth || r.routes == nil {
		return is(unknown, token.NoPos)
	}
	i := slices.Index(reg.Call.Args, reg.Handler)
	if n := reg.Via.Signature().Params().Len(); reg.Via.Signature().Variadic() && i >= n-1 {
		i = n - 1
	}
	var out verdict
	for _, inner := range r.routes.Registrations {
		if inner.Call.Pos() < o.node.Pos() || inner.Call.End() > o.node.End() {
			continue
		}
		id, ok := inner.Handler.(*ast.Ident)
		if !ok {
			continue
		}
		if v, ok := r.info.Uses[id].(*types.Var); ok && astutil.ParamIndex(reg.Via.Signature(), v) == i {
			w := r.registrationVerdict(inner, depth+1)
			if w.class&unlimited != 0 {
				w.at = reg.Call.Pos()
			}
			out.add(w)
		}
	}
	if out.class == 0 {
		out.class = unknown
	}
	return out
}

// routerExprClass classifies the router an expression denotes: a derived
// router (With, Group, Route, PathPrefix(...).Subrouter()) inherits the
// middleware of its parent and adds its own.
func (r *resolver) routerExprClass(e ast.Expr, depth int) class {
	if depth > maxDepth {
		return unknown
	}
	switch e := unparen(e).(type) {
	case *ast.CallExpr:
		sel, ok := unparen(e.Fun).(*ast.SelectorExpr)
		if !ok || routes.KindOf(r.info.TypeOf(sel.X)) == routes.NotRouter {
			return unknown // newRouter(), s.Router(): built elsewhere
		}
		if r.anyLimits(r.middlewareArgs(e.Args)) {
			return limited
		}
		return r.routerExprClass(sel.X, depth+1)
	case *ast.Ident, *ast.SelectorExpr:
		if v, ok := r.info.Uses[identOf(e)].(*types.Var); ok {
			return r.routerClass(v)
		}
	}
	return unknown
}

// routerClass classifies every handler registered on the router v: a
// limiting Use, a limiting parent, or a limit where the router is served.
func (r *resolver) routerClass(v *types.Var) class {
	if c, done := r.routers[v]; done {
		if c == nil {
			return 0 // recursion
		}
		return *c
	}
	r.routers[v] = nil
	var out class
	for _, def := range r.defs[v] {
		out |= r.routerDefClass(def)
	}
	if v.Kind() == types.ParamVar {
		out |= r.paramRouterClass(v)
	}
	for _, use := range r.uses[v] {
		out |= r.routerUseClass(use)
	}
	switch {
	case out&limited != 0:
		out = limited
	case out == 0 && v == r.defMux:
		out = unlimited
	case out == 0:
		// A router with routes exists to be served; where the package
		// does not show it served (a field served by another package, a
		// router returned or passed in), no limit is visible either.
		out = unlimited
	}
	r.routers[v] = &out
	return out
}

// defaultMuxClass classifies http.DefaultServeMux, served by
// ListenAndServe(addr, nil), usually in another package's main: unlimited
// unless this package wraps it.
func (r *resolver) defaultMuxClass() class {
	if r.defMux == nil {
		return unknown
	}
	return r.routerClass(r.defMux.(*types.Var))
}

// routerDefClass classifies a value assigned to a router variable: a
// derived router inherits its parent's middleware; a router built by a
// function that installs a limit (newRouter() with r.Use(limit)) is
// limited; a constructor or literal adds nothing.
func (r *resolver) routerDefClass(def ast.Expr) class {
	call, ok := unparen(def).(*ast.CallExpr)
	if !ok {
		return 0
	}
	if sel, ok := unparen(call.Fun).(*ast.SelectorExpr); ok && routes.KindOf(r.info.TypeOf(sel.X)) != routes.NotRouter {
		return r.routerExprClass(call, 0)
	}
	if fn := astutil.Callee(r.info, call); fn != nil && r.funcLimits(fn.Origin()) {
		return limited
	}
	return 0
}

// middlewareArgs drops, from the arguments of a call deriving a router,
// the functions that receive the new router (chi's r.Route("/x",
// func(r chi.Router) {...}), r.Group(fn)): they add routes, and a limit
// inside them is a limit of their own routes only.
func (r *resolver) middlewareArgs(args []ast.Expr) []ast.Expr {
	var out []ast.Expr
	for _, a := range args {
		if sig, ok := r.info.TypeOf(a).(*types.Signature); ok && sig.Params().Len() == 1 &&
			routes.KindOf(sig.Params().At(0).Type()) != routes.NotRouter {
			continue
		}
		out = append(out, a)
	}
	return out
}

// paramRouterClass classifies a router parameter: the sub-router of a
// chi Route or Group literal inherits from its parent; a router passed to
// a function is served by its caller, which this package may not show.
func (r *resolver) paramRouterClass(v *types.Var) class {
	lit, ok := r.litOfParam(v)
	if !ok {
		return r.declParamRouterClass(v)
	}
	if lit.ParentEdgeKind() != edge.CallExpr_Args {
		return unknown
	}
	call := lit.Parent().Node().(*ast.CallExpr)
	sel, ok := unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || routes.KindOf(r.info.TypeOf(sel.X)) == routes.NotRouter {
		return unknown
	}
	return r.routerExprClass(call, 0)
}

// declParamRouterClass classifies a router parameter of a function
// declaration (func Routes(mux *http.ServeMux)) by the routers its
// callers in this package pass; with no caller here, it adds nothing,
// and the router counts as served with no visible limit.
func (r *resolver) declParamRouterClass(v *types.Var) class {
	for fn, o := range r.decls {
		i := astutil.ParamIndex(o.sig, v)
		if i < 0 {
			continue
		}
		var out class
		for _, call := range r.callsOf[fn] {
			if i < len(call.Args) {
				out |= r.routerExprClass(call.Args[i], 0)
			}
		}
		return out
	}
	return 0
}

// litOfParam finds the function literal that declares the parameter v,
// and false when a FuncDecl declares it.
func (r *resolver) litOfParam(v *types.Var) (inspector.Cursor, bool) {
	id, ok := r.root.FindByPos(v.Pos(), v.Pos()+1)
	if !ok {
		return inspector.Cursor{}, false
	}
	for cur := range id.Enclosing((*ast.FuncLit)(nil)) {
		lit := cur.Node().(*ast.FuncLit)
		if lit.Type.Params != nil && lit.Type.Params.Pos() <= v.Pos() && v.Pos() < lit.Type.Params.End() {
			return cur, true
		}
		break
	}
	return inspector.Cursor{}, false
}

// routerUseClass classifies one use of a router variable.
func (r *resolver) routerUseClass(use inspector.Cursor) class {
	if use.ParentEdgeKind() == edge.SelectorExpr_X {
		sel := use.Parent().Node().(*ast.SelectorExpr)
		call, isCall := use.Parent().Parent().Node().(*ast.CallExpr)
		if !isCall || use.Parent().ParentEdgeKind() != edge.CallExpr_Fun {
			return 0 // a field or method value: no path
		}
		switch name := sel.Sel.Name; {
		case routes.UseMethods[name]:
			if r.anyLimits(call.Args) {
				return limited
			}
			return 0
		case routes.ServeMethods[name]:
			return unlimited
		case name == "ServeHTTP":
			return r.directCallVerdict(use.Parent().Parent(), 0).class
		}
		return 0 // registrations, Group, With…: not a path of this router
	}
	return r.valueVerdict(use, 0).class
}
