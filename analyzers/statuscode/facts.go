package statuscode

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
)

// setsRetryAfter is the fact exported for a function that sets
// Retry-After on the response it receives as a parameter (a
// ResponseWriter, gin or echo context, or http.Header), directly or
// through another such function. A caller that passes its response to
// the function has set Retry-After from then on:
//
//	func retryLater(w http.ResponseWriter, d time.Duration) {
//		w.Header().Set("Retry-After", strconv.Itoa(int(d.Seconds())))
//	}
//
// The fact says "may set": a helper that sets the header on one of its
// paths is enough, as the analyzer prefers silence to a false report.
type setsRetryAfter struct {
	Params []int // indices of the parameters whose response gets Retry-After
}

func (*setsRetryAfter) AFact() {}

func (f *setsRetryAfter) String() string {
	return fmt.Sprintf("setsRetryAfter%v", f.Params)
}

// exportFacts computes and exports the fact of every function of the
// package that has a response parameter and is not itself a handler
// (handlers are registered, not called with a response to prepare).
func (c *checker) exportFacts() {
	fns := make([]*types.Func, 0, len(c.decls))
	for fn := range c.decls {
		if httpmodel.HandlerKind(fn.Signature()) == httpmodel.NotHandler {
			fns = append(fns, fn)
		}
	}
	slices.SortFunc(fns, func(a, b *types.Func) int { return int(a.Pos() - b.Pos()) })
	for _, fn := range fns {
		if f := c.retryFact(fn); f != nil {
			c.pass.ExportObjectFact(fn, f)
		}
	}
}

// retryFact returns fn's fact, or nil when it sets Retry-After on no
// parameter: computed for the package's own functions (on demand, so that
// helpers may call helpers in any order), imported for the others.
func (c *checker) retryFact(fn *types.Func) *setsRetryAfter {
	if fn == nil {
		return nil
	}
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg {
		f := new(setsRetryAfter)
		if fn.Pkg() != nil && c.pass.ImportObjectFact(fn, f) {
			return f
		}
		return nil
	}
	decl, ok := c.decls[fn]
	if !ok {
		return nil
	}
	if f, done := c.retryFacts[fn]; done {
		return f // nil: in progress (recursion) or none
	}
	c.retryFacts[fn] = nil
	f := c.computeRetryFact(fn, decl)
	c.retryFacts[fn] = f
	return f
}

// computeRetryFact looks, anywhere in fn's body, for a Retry-After set on
// a response rooted at one of its parameters.
func (c *checker) computeRetryFact(fn *types.Func, decl *ast.FuncDecl) *setsRetryAfter {
	params := fn.Signature().Params()
	index := make(map[types.Object]int)
	for i := range params.Len() {
		p := params.At(i)
		if isResponseType(p.Type()) || astutil.IsNamed(p.Type(), httpmodel.NetHTTP, "Header") {
			index[p] = i
		}
	}
	u := &unit{body: decl.Body, aliases: make(map[types.Object]types.Object),
		errorVars: make(map[types.Object]bool), writeErrs: make(map[types.Object]bool)}
	c.index(u)
	set := make(map[int]bool)
	ast.Inspect(decl.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			st := state{}
			c.headerIndexAssign(u, n, st)
			for root := range st {
				if i, ok := index[root]; ok {
					set[i] = true
				}
			}
		case *ast.CallExpr:
			callee := astutil.Callee(c.pass.TypesInfo, n)
			if callee == nil {
				return true
			}
			var recv ast.Expr
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && callee.Signature().Recv() != nil {
				recv = sel.X
			}
			if root := c.retryAfterTarget(u, n, callee, recv); root != nil {
				if i, ok := index[root]; ok {
					set[i] = true
				}
			}
		}
		return true
	})
	if len(set) == 0 {
		return nil
	}
	f := new(setsRetryAfter)
	for i := range params.Len() {
		if set[i] {
			f.Params = append(f.Params, i)
		}
	}
	return f
}
