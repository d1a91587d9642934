package bodydrain

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// returnsResponse is the fact exported for a function that hands its
// caller a fresh *http.Response from a request it made, with the body
// still open: the package's own `func (c *Client) get(url string)
// (*http.Response, error) { return c.hc.Get(url) }`. Its callers must
// close the body, exactly as callers of http.Get.
type returnsResponse struct{}

func (*returnsResponse) AFact() {}

func (*returnsResponse) String() string { return "bodydrain(returns a response)" }

// isSource reports whether call returns a response the caller must close:
// a net/http request, a wrapper known to return one, or a method of an
// interface with http.Client's Do signature (an HTTPDoer a client is
// injected as).
func (c *checker) isSource(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if !ok {
		return false
	}
	return c.sources[fn] || c.isDoer(fn) || c.isWrapper(fn)
}

// isDoer reports whether fn is an interface method with the signature of
// (*http.Client).Do: func(*http.Request) (*http.Response, error).
func (c *checker) isDoer(fn *types.Func) bool {
	sig := fn.Signature()
	recv := sig.Recv()
	if recv == nil || !types.IsInterface(recv.Type()) || sig.Params().Len() != 1 || sig.Results().Len() != 2 {
		return false
	}
	req, ok := types.Unalias(sig.Params().At(0).Type()).(*types.Pointer)
	return ok && c.reqType != nil && types.Identical(req.Elem(), c.reqType) &&
		c.isResponsePtr(sig.Results().At(0).Type()) && types.Identical(sig.Results().At(1).Type(), errorType)
}

// isWrapper reports whether fn returns a fresh response: computed for the
// package's own functions, imported as a fact for the others.
func (c *checker) isWrapper(fn *types.Func) bool {
	fn = fn.Origin()
	if fn.Pkg() == nil || fn.Pkg().Path() == "net/http" || c.responseResult(fn.Signature()) < 0 {
		return false // net/http's own functions are judged by sourceFuncs (Head is not a source)
	}
	if fn.Pkg() != c.pass.Pkg {
		return c.pass.ImportObjectFact(fn, new(returnsResponse))
	}
	if v, done := c.wrappers[fn]; done {
		return v // false while in progress: recursion decides nothing
	}
	c.wrappers[fn] = false
	decl, ok := c.decls[fn]
	v := ok && c.returnsFreshResponse(fn, decl)
	c.wrappers[fn] = v
	return v
}

// responseResult returns the index of the only *http.Response result of
// sig, or -1.
func (c *checker) responseResult(sig *types.Signature) int {
	idx := -1
	for i := range sig.Results().Len() {
		if c.isResponsePtr(sig.Results().At(i).Type()) {
			if idx >= 0 {
				return -1
			}
			idx = i
		}
	}
	return idx
}

// returnsFreshResponse reports whether every return of fn's declaration
// hands back nil or a response that a request in fn produced and fn did
// not close, and at least one returns such a response. A response read
// from a field, a parameter or a map is somebody else's.
func (c *checker) returnsFreshResponse(fn *types.Func, decl inspector.Cursor) bool {
	fd := decl.Node().(*ast.FuncDecl)
	ri := c.responseResult(fn.Signature())
	results := fn.Signature().Results()
	fresh := false
	for ret := range decl.Preorder((*ast.ReturnStmt)(nil), (*ast.FuncLit)(nil)) {
		if _, isLit := ret.Node().(*ast.FuncLit); isLit {
			continue // returns of a function literal are not fn's
		}
		rs := ret.Node().(*ast.ReturnStmt)
		var e ast.Expr
		switch len(rs.Results) {
		case 0: // bare return of a named result
			e = nil
			if v := results.At(ri); v.Name() != "" && v.Name() != "_" {
				if !c.freshVar(fd, v) {
					return false
				}
				fresh = true
			}
			continue
		case 1:
			if results.Len() != 1 {
				call, ok := ast.Unparen(rs.Results[0]).(*ast.CallExpr)
				if !ok || !c.isSource(call) {
					return false
				}
				fresh = true
				continue
			}
			e = rs.Results[0]
		default:
			if len(rs.Results) != results.Len() {
				return false
			}
			e = rs.Results[ri]
		}
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			if c.pass.TypesInfo.Types[e].IsNil() {
				continue
			}
			v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
			if !ok || !c.freshVar(fd, v) {
				return false
			}
			fresh = true
		case *ast.CallExpr:
			if !c.isSource(e) {
				return false
			}
			fresh = true
		default:
			return false
		}
	}
	return fresh
}

// freshVar reports whether v, a local variable or named result of fd,
// is assigned the response of a request in fd and its body is never
// closed there.
func (c *checker) freshVar(fd *ast.FuncDecl, v *types.Var) bool {
	if v.Pos() < fd.Pos() || v.Pos() >= fd.End() {
		return false // a field, a global: not made here
	}
	assigned := false
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 && len(n.Lhs) > 0 {
				call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
				if id, isIdent := n.Lhs[0].(*ast.Ident); isIdent && ok && c.pass.TypesInfo.ObjectOf(id) == v && c.isSource(call) {
					assigned = true
				}
			}
		case *ast.ValueSpec:
			if len(n.Values) == 1 && len(n.Names) > 0 && c.pass.TypesInfo.Defs[n.Names[0]] == v {
				if call, ok := ast.Unparen(n.Values[0]).(*ast.CallExpr); ok && c.isSource(call) {
					assigned = true
				}
			}
		}
		return true
	})
	if !assigned {
		return false
	}
	body, ok := c.root.FindNode(fd.Body)
	if !ok {
		return false
	}
	for id := range body.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)] == v && c.effectOf(id, true)&closes != 0 {
			return false // the wrapper closes what it returns: nothing left for the caller
		}
	}
	return true
}
