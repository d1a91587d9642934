package bodydrain

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
)

// noReturn lists the calls after which no path continues, so a body left
// open before them does not matter.
var noReturn = map[string]bool{
	"os.Exit":               true,
	"log.Fatal":             true,
	"log.Fatalf":            true,
	"log.Fatalln":           true,
	"log.Panic":             true,
	"log.Panicf":            true,
	"log.Panicln":           true,
	"(*log.Logger).Fatal":   true,
	"(*log.Logger).Fatalf":  true,
	"(*log.Logger).Fatalln": true,
	"(*log.Logger).Panic":   true,
	"(*log.Logger).Panicf":  true,
	"(*log.Logger).Panicln": true,
	"runtime.Goexit":        true,
}

// A leakExit is where a path leaves the body open.
type leakExit struct {
	pos token.Pos
	why string
}

// leakingPath searches the control-flow graph of src's function for a
// path from the call to a return (or to the next request that overwrites
// the variable) on which the body is not closed. Paths on which the call
// failed (err != nil, resp == nil) carry no body and are not followed.
func (c *checker) leakingPath(src source, uses responseUses) (leakExit, bool) {
	g := c.graph(src)
	start, idx := findNode(g, src.stmt)
	if start == nil {
		return leakExit{}, false
	}
	type item struct {
		block    *cfg.Block
		from     int
		errValid bool // err still holds the call's error
	}
	type visit struct {
		block    *cfg.Block
		errValid bool
	}
	seen := make(map[visit]bool)
	work := []item{{start, idx + 1, src.err != nil}}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		exit, open, errValid := c.walkNodes(src, uses, it.block.Nodes[it.from:], it.errValid)
		if exit.pos.IsValid() {
			return exit, true
		}
		if !open {
			continue
		}
		followTrue, followFalse := true, true
		if cond, ok := branchCondition(it.block); ok {
			followTrue, followFalse = c.branches(cond, src, errValid)
		}
		for i, succ := range it.block.Succs {
			if (i == 0 && !followTrue) || (i == 1 && !followFalse) {
				continue
			}
			v := visit{succ, errValid}
			if !seen[v] {
				seen[v] = true
				work = append(work, item{succ, 0, errValid})
			}
		}
	}
	return leakExit{}, false
}

// walkNodes follows a path through nodes. It returns a leak when the path
// returns or requests again with the body open, open=false when the body
// is closed on the way, and whether err still holds the call's error.
func (c *checker) walkNodes(src source, uses responseUses, nodes []ast.Node, errValid bool) (exit leakExit, open, stillValid bool) {
	for _, n := range nodes {
		switch {
		case uses.closesWithin(n):
			return leakExit{}, false, errValid
		case uses.overwrites[n]:
			return leakExit{n.Pos(), "a new response is assigned here while the previous body is still open"}, true, errValid
		}
		if ret, ok := n.(*ast.ReturnStmt); ok {
			if ret.Pos() == src.body.End()-1 {
				return leakExit{src.body.Rbrace, "the function ends here with the body still open"}, true, errValid
			}
			return leakExit{ret.Pos(), "this return leaves the body open"}, true, errValid
		}
		if errValid && c.replacesErr(n, src.err) {
			errValid = false
		}
	}
	return leakExit{}, true, errValid
}

// branchCondition returns the condition that ends block b, if b branches
// on one: its successors are then [true, false].
func branchCondition(b *cfg.Block) (ast.Expr, bool) {
	if len(b.Succs) != 2 || len(b.Nodes) == 0 {
		return nil, false
	}
	cond, ok := b.Nodes[len(b.Nodes)-1].(ast.Expr)
	return cond, ok
}

// branches reports which outcomes of cond are possible while the response
// has a body to close. && and || combine their operands (go/cfg does not
// split them). A condition that tests err in a way not understood here
// (errors.Is, a helper) stops both branches: precision first.
func (c *checker) branches(cond ast.Expr, src source, errValid bool) (canTrue, canFalse bool) {
	switch e := ast.Unparen(cond).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.NOT {
			t, f := c.branches(e.X, src, errValid)
			return f, t
		}
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LOR:
			tx, fx := c.branches(e.X, src, errValid)
			ty, fy := c.branches(e.Y, src, errValid)
			return tx || (fx && ty), fx && fy
		case token.LAND:
			tx, fx := c.branches(e.X, src, errValid)
			ty, fy := c.branches(e.Y, src, errValid)
			return tx && ty, fx || (tx && fy)
		case token.EQL, token.NEQ:
			if bodyless, ok := c.bodylessWhenEqual(e, src, errValid); ok {
				// bodyless: the operands are equal exactly when there is no
				// body, so only the "not equal" outcome can carry one.
				equalPossible := !bodyless
				if e.Op == token.EQL {
					return equalPossible, !equalPossible
				}
				return !equalPossible, equalPossible
			}
		}
	}
	if errValid && src.err != nil && c.mentions(cond, src.err) {
		return false, false
	}
	return true, true
}

// bodylessWhenEqual recognises the comparisons that tell whether there is a
// body to close, and reports whether equality means "no body":
//
//	err == nil, resp != nil, resp.Body != nil     equality: a body (false)
//	err != nil, resp == nil                       equality: no body (true)
//	resp.StatusCode == 204 or 304                 equality: no body (true)
//	resp.ContentLength == 0                       equality: no body (true)
//
// A client response always has a non-nil Body (net/http client.go), and a
// response without content has http.NoBody, its connection already back
// in the pool (transport.go, hasBody).
func (c *checker) bodylessWhenEqual(bin *ast.BinaryExpr, src source, errValid bool) (bodyless, ok bool) {
	x, y := ast.Unparen(bin.X), ast.Unparen(bin.Y)
	if tv := c.pass.TypesInfo.Types[x]; tv.IsNil() || tv.Value != nil {
		x, y = y, x // the constant or nil on the right
	}
	yv := c.pass.TypesInfo.Types[y]
	switch x := x.(type) {
	case *ast.Ident:
		v := c.pass.TypesInfo.Uses[x]
		switch {
		case !yv.IsNil():
		case v == src.err && errValid && v != nil:
			return false, true // err == nil: the call succeeded
		case v == src.resp:
			return true, true // resp == nil: the call failed
		}
	case *ast.SelectorExpr:
		id, isIdent := x.X.(*ast.Ident)
		sel := c.pass.TypesInfo.Selections[x]
		if !isIdent || sel == nil || c.pass.TypesInfo.Uses[id] != src.resp {
			return false, false
		}
		switch field := sel.Obj(); {
		case field == c.bodyField && yv.IsNil():
			return true, true
		case field == c.statusField:
			code, isInt := intConst(yv)
			return true, isInt && (code == 204 || code == 304)
		case field == c.lengthField:
			n, isInt := intConst(yv)
			return true, isInt && n == 0
		}
	}
	return false, false
}

// intConst returns the value of an integer constant.
func intConst(tv types.TypeAndValue) (int64, bool) {
	if tv.Value == nil {
		return 0, false
	}
	v := constant.ToInt(tv.Value)
	if v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(v)
}

func (c *checker) mentions(e ast.Expr, v *types.Var) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && c.pass.TypesInfo.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// replacesErr reports whether statement n gives err a new, unrelated
// error (data, err := io.ReadAll(…)), after which err no longer tells
// whether the request failed. An assignment that derives err from itself
// (err = fmt.Errorf("…: %w", err)) keeps its meaning.
func (c *checker) replacesErr(n ast.Node, err *types.Var) bool {
	assign, ok := n.(*ast.AssignStmt)
	if !ok {
		return false
	}
	for _, l := range assign.Lhs {
		if id, ok := l.(*ast.Ident); ok && c.pass.TypesInfo.ObjectOf(id) == err {
			for _, r := range assign.Rhs {
				if c.mentions(r, err) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// graph returns the control-flow graph of src's function, built once.
func (c *checker) graph(src source) *cfg.CFG {
	fn := src.fn.Node()
	if g, ok := c.cfgs[fn]; ok {
		return g
	}
	g := cfg.New(src.body, c.mayReturn)
	c.cfgs[fn] = g
	return g
}

func (c *checker) mayReturn(call *ast.CallExpr) bool {
	switch fn := typeutil.Callee(c.pass.TypesInfo, call).(type) {
	case *types.Builtin:
		return fn.Name() != "panic"
	case *types.Func:
		return !noReturn[fn.FullName()]
	}
	return true
}

// findNode returns the live block holding n and n's index in it.
func findNode(g *cfg.CFG, n ast.Node) (*cfg.Block, int) {
	for _, b := range g.Blocks {
		if !b.Live {
			continue
		}
		for i, m := range b.Nodes {
			if m == n {
				return b, i
			}
		}
	}
	return nil, 0
}
