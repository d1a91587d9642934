package decompresslimit

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// A summary says what one of the package's functions does with readers:
// what its results may hold (a decompressed stream it creates, or one of
// its parameters passed through), and which parameters it reads whole.
type summary struct {
	results [][]origin
	reads   map[int]innerRead // by parameter index
}

// An innerRead is a whole-stream read inside a helper.
type innerRead struct {
	pos  token.Pos
	name string // io.ReadAll, dec.Decode
}

// indexFuncs records the package's function declarations (test files
// excluded) and their parameters.
func (c *checker) indexFuncs() {
	for cur := range c.root.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		var ftype *ast.FuncType
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			ftype = n.Type
			if fn, ok := c.pass.TypesInfo.Defs[n.Name].(*types.Func); ok && n.Body != nil {
				c.funcs[fn] = cur
			}
		case *ast.FuncLit:
			ftype = n.Type
		}
		for _, field := range ftype.Params.List {
			for _, name := range field.Names {
				if v, ok := c.pass.TypesInfo.Defs[name].(*types.Var); ok {
					c.params[v] = true
				}
			}
		}
	}
}

// summary returns the summary of fn, a function of this package, or nil
// when fn has no body here or is being summarised (recursion).
func (c *checker) summary(fn *types.Func) *summary {
	fn = fn.Origin()
	if s, done := c.summaries[fn]; done {
		return s
	}
	decl, ok := c.funcs[fn]
	if !ok {
		return nil
	}
	c.summaries[fn] = nil
	s := c.summarize(fn, decl)
	c.summaries[fn] = s
	return s
}

func (c *checker) summarize(fn *types.Func, decl inspector.Cursor) *summary {
	sig := fn.Signature()
	s := &summary{results: make([][]origin, sig.Results().Len()), reads: make(map[int]innerRead)}
	for cur := range decl.Preorder((*ast.CallExpr)(nil), (*ast.ReturnStmt)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			c.summarizeReads(fn, cur, n, s)
		case *ast.ReturnStmt:
			if encl, _ := astutil.EnclosingFunc(cur); encl == decl {
				c.summarizeReturn(fn, n, s)
			}
		}
	}
	return s
}

// summarizeReads records the parameters of fn that call reads whole.
func (c *checker) summarizeReads(fn *types.Func, cur inspector.Cursor, call *ast.CallExpr, s *summary) {
	for _, site := range c.readSites(cur, call) {
		for _, o := range c.eval(site.reader, call.Pos(), 0) {
			i := astutil.ParamIndex(fn.Origin().Signature(), o.param)
			if _, seen := s.reads[i]; i < 0 || seen {
				continue
			}
			if site.inner != nil {
				s.reads[i] = *site.inner
			} else {
				s.reads[i] = innerRead{pos: call.Pos(), name: site.name}
			}
		}
	}
}

// summarizeReturn adds what ret returns to fn's result origins.
func (c *checker) summarizeReturn(fn *types.Func, ret *ast.ReturnStmt, s *summary) {
	n := len(s.results)
	switch {
	case len(ret.Results) == 0 && n > 0: // bare return of named results
		results := fn.Signature().Results()
		for i := range n {
			s.results[i] = append(s.results[i], c.evalVar(results.At(i), ret.Pos(), 0)...)
		}
	case len(ret.Results) == n:
		for i, e := range ret.Results {
			s.results[i] = append(s.results[i], c.eval(e, ret.Pos(), 0)...)
		}
	case len(ret.Results) == 1:
		if call, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr); ok {
			for i := range n {
				s.results[i] = append(s.results[i], c.evalCall(call, i, ret.Pos(), 0)...)
			}
		}
	}
}

// instantiate returns the origins of result index of call, a call of the
// summarised fn: the decompressed streams fn creates, and the origins of
// the arguments it passes through.
func (c *checker) instantiate(s *summary, fn *types.Func, call *ast.CallExpr, index int, at token.Pos, depth int) []origin {
	if index >= len(s.results) {
		return nil
	}
	var out []origin
	for _, o := range s.results[index] {
		if o.param == nil {
			if o.via == "" {
				o.via = fn.Name()
			}
			out = append(out, o)
			continue
		}
		if i := astutil.ParamIndex(fn.Origin().Signature(), o.param); i >= 0 && i < len(call.Args) {
			out = append(out, c.eval(call.Args[i], at, depth)...)
		}
	}
	return out
}
