package bodydrain

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/lint"
)

// paramEffects is the fact exported for every function that takes a
// *http.Response or a reader/closer: what it does to each such parameter's
// body. A caller that passes a response to a function with this fact stays
// responsible for whatever the function does not do; a function without
// the fact (an interface method, a function value, a package that was not
// analysed) is assumed to take ownership.
type paramEffects struct {
	Names   []string // parameter names, for String
	Tracked []bool   // whether the parameter is a response, reader or closer
	Effects []effect
}

func (*paramEffects) AFact() {}

func (f *paramEffects) String() string {
	var parts []string
	for i, name := range f.Names {
		if f.Tracked[i] {
			parts = append(parts, name+": "+f.Effects[i].String())
		}
	}
	return "bodydrain(" + strings.Join(parts, ", ") + ")"
}

func (e effect) String() string {
	var words []string
	for _, w := range []struct {
		bit  effect
		name string
	}{{closes, "closes"}, {drains, "drains"}, {reads, "reads"}, {escapes, "keeps"}} {
		if e&w.bit != 0 {
			words = append(words, w.name)
		}
	}
	if len(words) == 0 {
		return "borrows"
	}
	return strings.Join(words, "+")
}

// at returns the effect on the parameter that receives argument idx.
func (f *paramEffects) at(idx int) effect {
	if n := len(f.Effects); idx >= n && n > 0 {
		idx = n - 1 // variadic
	}
	if idx < 0 || idx >= len(f.Effects) {
		return escapes
	}
	return f.Effects[idx]
}

// exportFacts computes and exports the effects of every function of the
// package that takes a tracked parameter, in source order.
func (c *checker) exportFacts() {
	var order []*types.Func
	for file := range c.root.Children() {
		if lint.IsTestFile(c.pass.Fset, file.Node().Pos()) {
			continue
		}
		for decl := range file.Children() {
			fd, ok := decl.Node().(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if ok {
				c.decls[fn] = decl
				c.declList = append(c.declList, fn)
			}
			if ok && c.hasTrackedParam(fn.Signature()) {
				c.funcs[fn] = decl
				order = append(order, fn)
			}
		}
	}
	for _, fn := range order {
		if f, ok := c.effectsOf(fn); ok {
			c.pass.ExportObjectFact(fn, f)
		}
	}
	if c.respType == nil {
		return
	}
	for _, fn := range c.declList {
		if c.isWrapper(fn) {
			c.pass.ExportObjectFact(fn, new(returnsResponse))
		}
	}
}

// anyTrackedParam reports whether a function the package declares, in
// its non-test files, has a parameter that can carry a body: the only
// functions exportFacts exports effects for. It reads the declarations'
// signatures, without the inspector.
func (c *checker) anyTrackedParam() bool {
	for _, file := range c.pass.Files {
		if lint.IsTestFile(c.pass.Fset, file.Pos()) {
			continue
		}
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			if fn, ok := c.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok && c.hasTrackedParam(fn.Signature()) {
				return true
			}
		}
	}
	return false
}

// tracked reports whether a parameter of type t can carry a body.
func (c *checker) tracked(t types.Type) bool {
	if c.isResponsePtr(t) {
		return true
	}
	return types.IsInterface(t) && (types.Implements(t, readerIface) || types.Implements(t, closerIface))
}

func (c *checker) hasTrackedParam(sig *types.Signature) bool {
	for v := range sig.Params().Variables() {
		if c.tracked(v.Type()) {
			return true
		}
	}
	return false
}

// effectsOf returns the effects of fn: computed for the package's own
// functions (on demand, so that helpers may call helpers in any order),
// imported as a fact for the others.
func (c *checker) effectsOf(fn *types.Func) (*paramEffects, bool) {
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg {
		f := new(paramEffects)
		return f, c.pass.ImportObjectFact(fn, f)
	}
	decl, ok := c.funcs[fn]
	if !ok {
		return nil, false
	}
	if f, done := c.effects[fn]; done {
		return f, f != nil // nil: recursion, treated as unknown
	}
	c.effects[fn] = nil
	f := c.computeEffects(fn, decl)
	c.effects[fn] = f
	return f, true
}

// computeEffects classifies every use of fn's tracked parameters.
func (c *checker) computeEffects(fn *types.Func, decl inspector.Cursor) *paramEffects {
	params := fn.Signature().Params()
	f := &paramEffects{
		Names:   make([]string, params.Len()),
		Tracked: make([]bool, params.Len()),
		Effects: make([]effect, params.Len()),
	}
	index := make(map[*types.Var]int)
	for i := range params.Len() {
		p := params.At(i)
		f.Names[i] = p.Name()
		if c.tracked(p.Type()) {
			f.Tracked[i] = true
			index[p] = i
		}
	}
	body, _ := decl.FindNode(decl.Node().(*ast.FuncDecl).Body)
	for id := range body.Preorder((*ast.Ident)(nil)) {
		v, ok := c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)].(*types.Var)
		if i, isParam := index[v]; ok && isParam {
			f.Effects[i] |= c.effectOf(id, c.isResponsePtr(v.Type()))
		}
	}
	return f
}
