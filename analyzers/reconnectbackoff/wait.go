package reconnectbackoff

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// fixed reports whether the wait is the same on every attempt: it folds to
// a constant, or every variable and field in it is left unchanged by the
// repeated region. It returns the interval for the message.
func (c *checker) fixed(s *scope, wait ast.Expr) (string, bool) {
	if d, ok := c.folder.Duration(wait); ok {
		if d <= 0 {
			return "", false // time.Sleep(0): a yield, not a wait
		}
		return d.String(), true
	}
	if c.invariant(s, wait) {
		return "interval", true
	}
	return "", false
}

// invariant reports whether e has the same value in every repetition of
// s: it calls nothing but conversions, and no variable or field it reads
// is declared or written in s, nor written by a same-package function that
// s calls.
func (c *checker) invariant(s *scope, e ast.Expr) bool {
	info := c.pass.TypesInfo
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if tv, found := info.Types[n.Fun]; !found || !tv.IsType() {
				ok = false
			}
		case *ast.Ident:
			if v, isVar := info.Uses[n].(*types.Var); isVar && c.changesIn(s, v) {
				ok = false
			}
		case *ast.FuncLit, *ast.IndexExpr, *ast.TypeAssertExpr:
			ok = false
		}
		return ok
	})
	return ok
}

// changesIn reports whether v may differ between repetitions of s.
func (c *checker) changesIn(s *scope, v *types.Var) bool {
	if s.contains(v.Pos()) {
		return true // declared in the repeated region: a new value each time
	}
	for _, w := range c.writes[v] {
		if s.contains(w.pos) {
			return true
		}
	}
	if v.IsField() {
		for _, cur := range c.sameCalls {
			if !s.contains(cur.Node().Pos()) {
				continue
			}
			callee := astutil.Callee(c.pass.TypesInfo, cur.Node().(*ast.CallExpr))
			for decl := range c.fieldWriters[v] {
				if fd := decl.(*ast.FuncDecl); c.pass.TypesInfo.Defs[fd.Name] == callee {
					return true
				}
			}
		}
	}
	return false
}

// growthInfo describes a wait that is not fixed.
type growthInfo struct {
	grows   bool // a variable it depends on is multiplied, shifted or incremented in the loop
	jitter  bool // math/rand or math/rand/v2 contributes to it
	capped  bool // min(), a clamping if, or a bounded loop limits it
	unknown bool // it depends on a call the analyzer cannot see through
}

// growth follows the wait through the variables it reads (their
// definitions and writes in the enclosing function) and records how it
// evolves from one attempt to the next.
func (c *checker) growth(s *scope, wait ast.Expr) growthInfo {
	var g growthInfo
	info := c.pass.TypesInfo
	vars := make(map[*types.Var]bool)
	exprs := []ast.Expr{wait}
	for i := 0; i < len(exprs) && i < 64; i++ {
		ast.Inspect(exprs[i], func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncLit:
				g.unknown = true
				return false
			case *ast.CallExpr:
				c.classifyCall(n, &g)
			case *ast.Ident:
				v, ok := info.Uses[n].(*types.Var)
				if !ok || vars[v] {
					return true
				}
				vars[v] = true
				for _, w := range c.writes[v] {
					if w.rhs != nil && s.inFunc(w.pos) {
						exprs = append(exprs, w.rhs)
					}
				}
			}
			return true
		})
	}
	for v := range vars {
		if c.accumulates(s, v) {
			g.grows = true
		}
	}
	if !g.capped {
		g.capped = c.bounded(s) || c.clamped(s, vars)
	}
	return g
}

// classifyCall notes what a call inside the wait's computation tells:
// rand is jitter, min caps, conversions and math are transparent, and
// anything else (a helper, a backoff library) is opaque.
func (c *checker) classifyCall(call *ast.CallExpr, g *growthInfo) {
	info := c.pass.TypesInfo
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		return
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			if b.Name() == "min" {
				g.capped = true
			} else if b.Name() != "max" {
				g.unknown = true
			}
			return
		}
	}
	fn := astutil.Callee(info, call)
	switch {
	case fn == nil || fn.Pkg() == nil:
		g.unknown = true
	case fn.Pkg().Path() == mathRandPkg || fn.Pkg().Path() == randV2Pkg:
		g.jitter = true
	case astutil.FuncIs(fn, mathPkg, "Min"):
		g.capped = true
	case astutil.FuncIs(fn, mathPkg, "Pow"), astutil.FuncIs(fn, mathPkg, "Max"), astutil.FuncIs(fn, mathPkg, "Exp2"):
	case fn.Pkg().Path() == timePkg && fn.Signature().Recv() != nil: // d.Seconds(), d.Milliseconds()
	default:
		g.unknown = true
	}
}

// accumulates reports whether s updates v from its own value or counts it
// up: v++, v += x, v *= 2, v <<= 1, v = v * 2, v = min(v*2, max).
func (c *checker) accumulates(s *scope, v *types.Var) bool {
	for _, w := range c.writes[v] {
		if !s.contains(w.pos) {
			continue
		}
		switch w.op {
		case token.INC, token.ADD_ASSIGN, token.MUL_ASSIGN, token.SHL_ASSIGN:
			return true
		case token.ASSIGN:
			if c.mentions(w.rhs, v) && hasGrowthOp(w.rhs) {
				return true
			}
		}
	}
	return false
}

func hasGrowthOp(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if b, ok := n.(*ast.BinaryExpr); ok && (b.Op == token.MUL || b.Op == token.SHL || b.Op == token.ADD) {
			found = true
		}
		return !found
	})
	return found
}

// clamped reports whether s holds an if that compares one of the wait's
// variables and then writes it or leaves the loop: if d > max { d = max },
// if d < max { d *= 2 }, if attempt >= maxAttempts { return err }.
func (c *checker) clamped(s *scope, vars map[*types.Var]bool) bool {
	found := false
	for cur := range s.cur.Preorder((*ast.IfStmt)(nil)) {
		ifs := cur.Node().(*ast.IfStmt)
		if !s.contains(ifs.Pos()) || !isComparison(ifs.Cond) {
			continue
		}
		for v := range vars {
			if !c.mentions(ifs.Cond, v) {
				continue
			}
			if terminates(ifs.Body) || c.writesIn(v, ifs.Body) {
				found = true
			}
		}
		if found {
			break
		}
	}
	return found
}

func (c *checker) writesIn(v *types.Var, n ast.Node) bool {
	for _, w := range c.writes[v] {
		if n.Pos() <= w.pos && w.pos < n.End() {
			return true
		}
	}
	return false
}

func isComparison(e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if b, ok := n.(*ast.BinaryExpr); ok {
			switch b.Op {
			case token.LSS, token.LEQ, token.GTR, token.GEQ:
				found = true
			}
		}
		return !found
	})
	return found
}

// mentions reports whether e reads v.
func (c *checker) mentions(e ast.Node, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}
