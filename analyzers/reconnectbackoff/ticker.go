package reconnectbackoff

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// checkTicker reports a ticker with a fixed period whose receiving loop
// dials only when the connection is down: a reconnect every tick.
func (c *checker) checkTicker(cur inspector.Cursor, call *ast.CallExpr) {
	period := call.Args[0]
	if !c.callFree(period) {
		return
	}
	encl, ok := astutil.EnclosingFunc(cur)
	if !ok {
		return
	}
	tickerVar := c.assignedVar(cur)
	for loop := range encl.Preorder((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
		if !c.receivesFrom(loop, call, tickerVar) || c.resets(loop, tickerVar) {
			continue
		}
		loopFn, _ := astutil.EnclosingFunc(loop)
		conn, ok := c.tickerReconnect(loop, loopFn)
		if !ok {
			continue
		}
		d := "interval"
		if v, ok := c.folder.Duration(period); ok {
			d = v.String()
		}
		related := []analysis.RelatedInformation{{Pos: conn.cur.Node().Pos(), End: conn.cur.Node().End(), Message: relConnect}}
		c.report(call, related, msgTicker, d)
		return
	}
}

// callFree reports whether e calls nothing but conversions: a period fixed
// when the ticker is created.
func (c *checker) callFree(e ast.Expr) bool {
	ok := true
	ast.Inspect(e, func(n ast.Node) bool {
		if call, isCall := n.(*ast.CallExpr); isCall {
			if tv, found := c.pass.TypesInfo.Types[call.Fun]; !found || !tv.IsType() {
				ok = false
			}
		}
		return ok
	})
	return ok
}

// assignedVar returns the variable the call's result is assigned to
// (t := time.NewTicker(d), var t = …, s.t = …), or nil.
func (c *checker) assignedVar(cur inspector.Cursor) *types.Var {
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		for i, rhs := range p.Rhs {
			if rhs == cur.Node() && i < len(p.Lhs) {
				return c.varOf(p.Lhs[i])
			}
		}
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == cur.Node() && i < len(p.Names) {
				return c.varOf(p.Names[i])
			}
		}
	}
	return nil
}

// receivesFrom reports whether loop ranges over, or receives in its own
// body, the ticker created by call (held in v, if not nil).
func (c *checker) receivesFrom(loop inspector.Cursor, call *ast.CallExpr, v *types.Var) bool {
	isTicker := func(e ast.Expr) bool {
		e = ast.Unparen(e)
		if e == call {
			return true
		}
		if sel, ok := e.(*ast.SelectorExpr); ok && sel.Sel.Name == "C" {
			e = sel.X // t.C of a *time.Ticker
		}
		return v != nil && c.varOf(e) == v
	}
	if r, ok := loop.Node().(*ast.RangeStmt); ok && isTicker(r.X) {
		return true
	}
	for recv := range loop.Preorder((*ast.UnaryExpr)(nil)) {
		u := recv.Node().(*ast.UnaryExpr)
		if u.Op != token.ARROW || !isTicker(u.X) {
			continue
		}
		if inner, ok := astutil.EnclosingLoop(recv); ok && inner == loop {
			return true
		}
	}
	return false
}

// resets reports whether loop changes the ticker's period.
func (c *checker) resets(loop inspector.Cursor, v *types.Var) bool {
	for cur := range loop.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if !astutil.IsMethod(c.pass.TypesInfo, call, timePkg, "Ticker", "Reset") {
			continue
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (v == nil || c.varOf(sel.X) == v) {
			return true
		}
	}
	return false
}

// tickerReconnect returns a dial that loop (in fn) makes only when the
// connection is down: under a condition (if !connected { dial }), after an
// early continue (if connected { continue }), or on every tick until one
// succeeds and leaves the loop (if err == nil { break }). A dial made on
// every tick whatever its outcome is a probe, not a reconnect.
func (c *checker) tickerReconnect(loop, fn inspector.Cursor) (connectCall, bool) {
	for _, conn := range c.connects {
		if conn.class != dialClass {
			continue
		}
		inner, ok := astutil.EnclosingLoop(conn.cur)
		if !ok || inner != loop {
			continue
		}
		if underIfBranch(conn.cur, loop.Node()) || afterEarlyContinue(conn.cur, loop.Node()) {
			return conn, true
		}
		s := c.loopScope(loop, fn)
		if i := s.topIndex(conn.cur); i >= 0 && unconditional(conn.cur, s.block) &&
			c.successExits(s, c.outcomeTest(s, conn), i, len(s.block.List)) {
			return conn, true
		}
	}
	return connectCall{}, false
}

// underIfBranch reports whether cur lies in the body or else branch of an
// if statement inside stop.
func underIfBranch(cur inspector.Cursor, stop ast.Node) bool {
	for c := cur; c.Node() != stop && c.Node() != nil; c = c.Parent() {
		if ifs, ok := c.Parent().Node().(*ast.IfStmt); ok && (c.Node() == ifs.Body || c.Node() == ifs.Else) {
			return true
		}
	}
	return false
}

// afterEarlyContinue reports whether, in some block between cur and stop,
// a statement before cur's is an if whose body ends with continue.
func afterEarlyContinue(cur inspector.Cursor, stop ast.Node) bool {
	for c := cur; c.Node() != stop && c.Node() != nil; c = c.Parent() {
		for prev, ok := c.PrevSibling(); ok; prev, ok = prev.PrevSibling() {
			ifs, isIf := prev.Node().(*ast.IfStmt)
			if isIf && endsWith(ifs.Body, token.CONTINUE) {
				return true
			}
		}
	}
	return false
}
