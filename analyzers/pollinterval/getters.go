package pollinterval

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// A getter is a function that sends an HTTP GET on every call. It is
// exported as a fact, so that a loop calling an API client's method from
// another package is reported like a loop calling a helper of its own.
type getter struct {
	URL         string // what is known of the URL ("https://…", "https://…/v1/…"), or ""
	URLParam    int    // the parameter the URL comes from, or -1
	MethodParam int    // the parameter the request method comes from, or -1: always GET
	Depth       int    // 1: it sends the GET; 2: through a getter
}

func (*getter) AFact() {}

func (g *getter) String() string {
	return fmt.Sprintf("sends a GET on every call (depth %d)", g.Depth)
}

// maxHelperDepth is how many calls deep a GET is followed: a helper that
// sends it (1) and a function that calls such a helper (2).
const maxHelperDepth = 2

// importsGetter reports whether a direct import of pass's package exports
// a getter fact: such a package can poll without importing net/http.
func importsGetter(pass *analysis.Pass) bool {
	for _, f := range pass.AllObjectFacts() {
		if _, ok := f.Fact.(*getter); ok && f.Object.Pkg() != nil {
			for _, imp := range pass.Pkg.Imports() {
				if imp == f.Object.Pkg() {
					return true
				}
			}
		}
	}
	return false
}

// mayGet reports whether fn is a function of this package (it may turn
// out to be a getter) or an imported one known to be.
func (c *checker) mayGet(fn *types.Func) bool {
	if fn.Pkg() == c.pass.Pkg {
		return true
	}
	return fn.Pkg() != nil && c.pass.ImportObjectFact(fn, new(getter))
}

// findGetters records the functions that send a GET on every call, up to
// maxHelperDepth levels, and exports them as facts.
func (c *checker) findGetters(sends []send) {
	for _, s := range sends {
		if c.sendsOnEveryCall(s.cur) {
			g := &getter{URL: urlText(c.info, s.url), URLParam: c.paramIndex(s.cur, s.url), MethodParam: s.methodParam, Depth: 1}
			c.addGetter(s.cur, g, s.cur.Node().Pos())
		}
	}
	for depth := 2; depth <= maxHelperDepth; depth++ {
		type found struct {
			cur    inspector.Cursor
			g      *getter
			origin token.Pos
		}
		var promoted []found
		for _, cur := range c.index.calls {
			g, origin := c.getterCalled(cur)
			if g == nil || g.Depth != depth-1 || !c.sendsOnEveryCall(cur) {
				continue
			}
			url, urlParam := g.URL, -1
			if arg := argAt(cur, g.URLParam); arg != nil {
				url, urlParam = urlText(c.info, arg), c.paramIndex(cur, arg)
			}
			promoted = append(promoted, found{cur, &getter{URL: url, URLParam: urlParam, MethodParam: -1, Depth: depth}, origin})
		}
		for _, p := range promoted {
			c.addGetter(p.cur, p.g, p.origin)
		}
	}
	for fn, g := range c.getters {
		c.pass.ExportObjectFact(fn, g)
	}
}

// sendsOnEveryCall reports whether the request (or getter call) at cur is
// made each time its function is called: not in a periodic context of its
// own (then the function is a poller, reported there), not in a select
// case waiting for an event, and not in an endless loop (a long poll or an
// event loop never returns to a caller's loop). Retry loops that end on
// success are fine.
func (c *checker) sendsOnEveryCall(cur inspector.Cursor) bool {
	if c.findSchedule(cur).state != notPeriodic {
		return false
	}
	for loop, ok := c.standingLoop(cur); ok; loop, ok = c.standingLoop(loop) {
		if !c.endsWhenDone(loop) {
			return false
		}
	}
	for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
		switch p.Node().(type) {
		case *ast.CommClause:
			return false
		case *ast.FuncLit, *ast.FuncDecl:
			return true
		}
	}
	return true
}

// addGetter records the function declared around cur, when cur is in its
// body directly (a GET in a function literal runs when the literal runs).
// origin is the GET, when it is in this package.
func (c *checker) addGetter(cur inspector.Cursor, g *getter, origin token.Pos) {
	decl, ok := enclosingFuncDecl(cur)
	if !ok {
		return
	}
	fn, ok := c.info.Defs[decl.Name].(*types.Func)
	if !ok || c.getters[fn] != nil {
		return
	}
	c.getters[fn] = g
	c.origins[fn] = origin
}

// getterCalled returns the getter that the call at cur calls, when the
// call sends a GET (a getter whose method is a parameter must be given
// the constant "GET"), and the position of its GET when it is in this
// package. Recursive calls are ignored.
func (c *checker) getterCalled(cur inspector.Cursor) (*getter, token.Pos) {
	fn := typeutil.StaticCallee(c.info, cur.Node().(*ast.CallExpr))
	if fn == nil {
		return nil, token.NoPos
	}
	g, origin := c.getters[fn], c.origins[fn]
	if g == nil {
		if fn.Pkg() == c.pass.Pkg || !c.pass.ImportObjectFact(fn, new(getter)) {
			return nil, token.NoPos
		}
		g = new(getter)
		c.pass.ImportObjectFact(fn, g)
	}
	if decl, ok := enclosingFuncDecl(cur); ok && c.info.Defs[decl.Name] == fn {
		return nil, token.NoPos
	}
	if g.MethodParam >= 0 {
		m, ok := astutil.StringConst(c.info, argAt(cur, g.MethodParam))
		if !ok || !isGetMethod(m) {
			return nil, token.NoPos
		}
	}
	return g, origin
}

// describeCall names what the call at cur of the getter g polls.
func (c *checker) describeCall(g *getter, cur inspector.Cursor) target {
	url := g.URL
	if arg := argAt(cur, g.URLParam); arg != nil {
		url = urlText(c.info, arg)
	}
	return describe(url, typeutil.StaticCallee(c.info, cur.Node().(*ast.CallExpr)).Name())
}
