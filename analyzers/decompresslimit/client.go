package decompresslimit

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// The client-side check (-decompresslimit.client).
//
// net/http's Transport asks for gzip by itself and un-gzips the response
// body transparently, but only when it added the Accept-Encoding header:
// DisableCompression is false, the request sets neither Accept-Encoding
// nor Range, and the method is not HEAD (Go src/net/http/transport.go,
// persistConn.roundTrip, requestedGzip; readLoop wraps the body in a
// gzipReader when the response says Content-Encoding: gzip). Reading such
// a body whole reads a decompressed stream of the server's choosing.

// clientCalls return a *http.Response whose body the Transport may have
// un-gzipped.
var clientCalls = []struct{ recv, name string }{
	{"", "Get"}, {"", "Post"}, {"", "PostForm"},
	{"Client", "Do"}, {"Client", "Get"}, {"Client", "Post"}, {"Client", "PostForm"},
}

// clientIndex says where the Transport's transparent gzip is off.
type clientIndex struct {
	// disabled: the package sets DisableCompression on a Transport; its
	// clients cannot be told apart, so the check stays silent.
	disabled bool
	// ownEncoding: functions that set Accept-Encoding or Range on a
	// request, which switches the transparent gzip off for it.
	ownEncoding map[ast.Node]bool
}

func (c *checker) clientIdx() *clientIndex {
	if c.client != nil {
		return c.client
	}
	idx := &clientIndex{ownEncoding: make(map[ast.Node]bool)}
	info := c.pass.TypesInfo
	for cur := range c.root.Preorder((*ast.KeyValueExpr)(nil), (*ast.SelectorExpr)(nil), (*ast.CallExpr)(nil), (*ast.IndexExpr)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.KeyValueExpr:
			if key, ok := n.Key.(*ast.Ident); ok && isDisableCompression(info.ObjectOf(key)) {
				idx.disabled = idx.disabled || !isFalse(info, n.Value)
			}
		case *ast.SelectorExpr:
			if astutil.IsField(info, n, "net/http", "Transport", "DisableCompression") {
				idx.disabled = true // t.DisableCompression = …: assume it may be true
			}
		case *ast.CallExpr:
			if (astutil.IsMethod(info, n, "net/http", "Header", "Set") || astutil.IsMethod(info, n, "net/http", "Header", "Add")) &&
				len(n.Args) == 2 && disablesTransparentGzip(info, n.Args[0]) {
				markFunc(cur, idx.ownEncoding)
			}
		case *ast.IndexExpr:
			if astutil.IsNamed(info.TypeOf(n.X), "net/http", "Header") && disablesTransparentGzip(info, n.Index) {
				markFunc(cur, idx.ownEncoding)
			}
		}
	}
	c.client = idx
	return idx
}

func isDisableCompression(obj types.Object) bool {
	v, ok := obj.(*types.Var)
	return ok && v.IsField() && v.Name() == "DisableCompression" && v.Pkg() != nil && astutil.PathIs(v.Pkg().Path(), "net/http")
}

func isFalse(info *types.Info, e ast.Expr) bool {
	v, ok := astutil.BoolConst(info, e)
	return ok && !v
}

// disablesTransparentGzip reports whether key names a header that makes
// the Transport leave the body alone.
func disablesTransparentGzip(info *types.Info, key ast.Expr) bool {
	s, ok := astutil.StringConst(info, key)
	return ok && (strings.EqualFold(s, "Accept-Encoding") || strings.EqualFold(s, "Range"))
}

func markFunc(cur inspector.Cursor, set map[ast.Node]bool) {
	if decl, ok := astutil.EnclosingFuncDecl(cur); ok {
		set[decl.Node()] = true
	}
}

// checkClientRead reports io.ReadAll(resp.Body) of a client response with
// no limit, when the Transport un-gzips it.
func (c *checker) checkClientRead(cur inspector.Cursor, call *ast.CallExpr) {
	info := c.pass.TypesInfo
	fn := astutil.Callee(info, call)
	if !astutil.FuncIs(fn, "io", "ReadAll") && !astutil.FuncIs(fn, "io/ioutil", "ReadAll") || len(call.Args) != 1 {
		return
	}
	sel, ok := ast.Unparen(call.Args[0]).(*ast.SelectorExpr)
	if !ok || !astutil.IsField(info, sel, "net/http", "Response", "Body") {
		return
	}
	resp, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return
	}
	v, ok := info.Uses[resp].(*types.Var)
	if !ok {
		return
	}
	request := c.clientRequest(v, call.Pos())
	if request == nil {
		return
	}
	idx := c.clientIdx()
	if idx.disabled {
		return
	}
	if decl, ok := astutil.EnclosingFuncDecl(cur); ok && idx.ownEncoding[decl.Node()] {
		return
	}
	c.pass.Report(analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s reads the whole body of %s, which the Transport un-gzips transparently, with no size limit: "+
			"a small gzip response can expand to gigabytes; read io.LimitReader(%s.Body, max) instead",
			types.ExprString(call.Fun), v.Name(), v.Name()),
		Related: []analysis.RelatedInformation{{Pos: request.Pos(), Message: "the response comes from this request"}},
	})
}

// clientRequest returns the client call that last defined v before pos.
func (c *checker) clientRequest(v *types.Var, pos token.Pos) *ast.CallExpr {
	defs := c.assigns[v]
	for i := len(defs) - 1; i >= 0; i-- {
		a := defs[i]
		if a.pos >= pos || a.rhs == nil || a.index > 0 {
			continue
		}
		call, ok := ast.Unparen(a.rhs).(*ast.CallExpr)
		if !ok {
			return nil
		}
		fn := astutil.Callee(c.pass.TypesInfo, call)
		for _, cc := range clientCalls {
			if cc.recv == "" && astutil.FuncIs(fn, "net/http", cc.name) || cc.recv != "" && astutil.MethodIs(fn, "net/http", cc.recv, cc.name) {
				return call
			}
		}
		return nil
	}
	return nil
}
