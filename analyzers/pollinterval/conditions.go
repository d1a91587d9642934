package pollinterval

import (
	"go/ast"
	"go/token"
	"go/types"
	"math"
	"time"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// endsWhenDone reports whether the loop can be left other than on an error
// or a stop signal: a retry that returns once the request succeeds, a
// wait-until-ready loop, a loop that runs once. Those end; they are not
// standing polls (retries are reconnectbackoff's concern).
func (c *checker) endsWhenDone(loop inspector.Cursor) bool {
	fn, _ := astutil.EnclosingFunc(loop)
	for exit := range loop.Preorder((*ast.ReturnStmt)(nil), (*ast.BranchStmt)(nil)) {
		if enclosing, _ := astutil.EnclosingFunc(exit); enclosing != fn {
			continue // a return of a function literal
		}
		if br, ok := exit.Node().(*ast.BranchStmt); ok && !c.leavesLoop(exit, br, loop) {
			continue
		}
		if !c.isStopExit(exit, loop) {
			return true
		}
	}
	return false
}

// leavesLoop reports whether the branch statement br at cur leaves loop.
func (c *checker) leavesLoop(cur inspector.Cursor, br *ast.BranchStmt, loop inspector.Cursor) bool {
	if br.Tok != token.BREAK {
		return false
	}
	if br.Label != nil {
		// break L leaves the loop unless L labels a statement inside it.
		label := c.info.Uses[br.Label]
		return label == nil || label.Pos() < loop.Node().Pos() || label.Pos() >= loop.Node().End()
	}
	for p := cur.Parent(); p.Node() != nil; p = p.Parent() {
		switch p.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.SwitchStmt, *ast.TypeSwitchStmt, *ast.SelectStmt:
			return p == loop
		}
	}
	return false
}

// isStopExit reports whether the exit at cur leaves the loop because of an
// error (if err != nil, errors.Is, ctx.Err() != nil) or a stop signal (a
// select case receiving from ctx.Done(), a quit channel): the loop keeps
// polling while things work.
func (c *checker) isStopExit(cur, loop inspector.Cursor) bool {
	child := cur
	for parent := cur.Parent(); parent.Node() != nil && parent != loop; child, parent = parent, parent.Parent() {
		switch n := parent.Node().(type) {
		case *ast.IfStmt:
			if c.onErrorBranch(n, child) {
				return true
			}
		case *ast.CommClause:
			if k, _ := child.ParentEdge(); k == edge.CommClause_Body && n.Comm != nil {
				ch := receivedChan(n.Comm)
				if ch == nil || c.channelPeriod(ch, 0).state == notPeriodic {
					return true
				}
			}
		}
	}
	return false
}

// onErrorPath reports whether cur runs only on an error path of scope.
func (c *checker) onErrorPath(cur, scope inspector.Cursor) bool {
	child := cur
	for parent := cur.Parent(); parent.Node() != nil && parent != scope; child, parent = parent, parent.Parent() {
		if n, ok := parent.Node().(*ast.IfStmt); ok && c.onErrorBranch(n, child) {
			return true
		}
	}
	return false
}

// onErrorBranch reports whether child, a branch of n, is taken on an
// error: the body of "if err != nil" or "if errors.Is(...)", the else of
// "if err == nil".
func (c *checker) onErrorBranch(n *ast.IfStmt, child inspector.Cursor) bool {
	switch k, _ := child.ParentEdge(); k {
	case edge.IfStmt_Body:
		return c.mentionsErrorTest(n.Cond, token.NEQ)
	case edge.IfStmt_Else:
		return c.mentionsErrorTest(n.Cond, token.EQL)
	}
	return false
}

// mentionsErrorTest reports whether cond compares an error with nil using
// op, or (for NEQ, the "is an error" sense) calls errors.Is or errors.As.
func (c *checker) mentionsErrorTest(cond ast.Expr, op token.Token) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if n.Op == op && (c.isError(n.X) && c.isNil(n.Y) || c.isNil(n.X) && c.isError(n.Y)) {
				found = true
			}
		case *ast.CallExpr:
			fn := astutil.Callee(c.info, n)
			if op == token.NEQ && (astutil.FuncIs(fn, "errors", "Is") || astutil.FuncIs(fn, "errors", "As")) {
				found = true
			}
		}
		return !found
	})
	return found
}

var errorType = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

func (c *checker) isError(e ast.Expr) bool {
	t := c.info.TypeOf(e)
	return t != nil && types.IsInterface(t) && types.Implements(t, errorType)
}

func (c *checker) isNil(e ast.Expr) bool {
	tv, ok := c.info.Types[e]
	return ok && tv.IsNil()
}

// effectivePeriod returns how often the request at cur runs in scope (a
// loop, or a self-rescheduling function) that runs every period: a
// request guarded by "if n%K == 0", or skipped by "if n%K != 0 { continue }",
// with n counting the iterations, runs every K periods; one guarded by
// "time.Since(last) >= D" runs at most every D.
func (c *checker) effectivePeriod(scope, cur inspector.Cursor, period time.Duration) time.Duration {
	type step struct{ child, parent inspector.Cursor }
	var chain []step
	innermost := -1 // the highest step whose continue targets an inner loop or function
	for child, parent := cur, cur.Parent(); parent.Node() != nil && parent != scope; child, parent = parent, parent.Parent() {
		switch parent.Node().(type) {
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			innermost = len(chain)
		}
		chain = append(chain, step{child, parent})
	}
	for i, s := range chain {
		if n, ok := s.parent.Node().(*ast.IfStmt); ok {
			if k, _ := s.child.ParentEdge(); k == edge.IfStmt_Body {
				period = c.guarded(n.Cond, scope, period, true)
			}
		}
		if i > innermost && isLoop(scope.Node()) {
			for _, skip := range skipsBefore(s.child, s.parent) {
				period = c.guarded(skip.Cond, scope, period, false)
			}
		}
	}
	return period
}

// skipsBefore returns the "if cond { continue }" statements that precede
// child in the statement list of parent.
func skipsBefore(child, parent inspector.Cursor) []*ast.IfStmt {
	var list []ast.Stmt
	k, i := child.ParentEdge()
	switch n := parent.Node().(type) {
	case *ast.BlockStmt:
		list = n.List
	case *ast.CommClause:
		list = n.Body
	case *ast.CaseClause:
		list = n.Body
	}
	if k != edge.BlockStmt_List && k != edge.CommClause_Body && k != edge.CaseClause_Body || i > len(list) {
		return nil
	}
	var skips []*ast.IfStmt
	for _, stmt := range list[:i] {
		n, ok := stmt.(*ast.IfStmt)
		if !ok || n.Else != nil || len(n.Body.List) != 1 {
			continue
		}
		if br, ok := n.Body.List[0].(*ast.BranchStmt); ok && br.Tok == token.CONTINUE && br.Label == nil {
			skips = append(skips, n)
		}
	}
	return skips
}

// guarded applies a condition to the period: when taken is true the
// request runs when cond holds (its && terms each restrict it), otherwise
// the request is skipped when cond holds (its || terms each restrict it).
func (c *checker) guarded(cond ast.Expr, scope inspector.Cursor, period time.Duration, taken bool) time.Duration {
	cond = ast.Unparen(cond)
	join := token.LAND
	if !taken {
		join = token.LOR
	}
	if bin, ok := cond.(*ast.BinaryExpr); ok && bin.Op == join {
		period = c.guarded(bin.X, scope, period, taken)
		return c.guarded(bin.Y, scope, period, taken)
	}
	bin, ok := cond.(*ast.BinaryExpr)
	if !ok {
		return period
	}
	if k, ok := c.everyKth(bin, scope, taken); ok {
		if period > time.Duration(math.MaxInt64/k) {
			return time.Duration(math.MaxInt64)
		}
		return period * time.Duration(k)
	}
	if d, ok := c.sinceAtLeast(bin, taken); ok && d > period {
		return d
	}
	return period
}

// everyKth recognises n%K == c (taken) or n%K != c (skipped), where n is a
// counter incremented in scope and K a constant above 1.
func (c *checker) everyKth(bin *ast.BinaryExpr, scope inspector.Cursor, taken bool) (int64, bool) {
	want := token.EQL
	if !taken {
		want = token.NEQ
	}
	if bin.Op != want {
		return 0, false
	}
	rem, other := ast.Unparen(bin.X), bin.Y
	if _, ok := c.fold.Int(other); !ok {
		rem, other = ast.Unparen(bin.Y), bin.X
	}
	mod, ok := rem.(*ast.BinaryExpr)
	if !ok || mod.Op != token.REM {
		return 0, false
	}
	if _, ok := c.fold.Int(other); !ok {
		return 0, false
	}
	k, ok := c.fold.Int(mod.Y)
	if !ok || k < 2 || !c.isCounter(mod.X, scope) {
		return 0, false
	}
	return k, true
}

// isCounter reports whether e is a variable declared outside the body of
// scope and incremented inside scope: it counts iterations.
func (c *checker) isCounter(e ast.Expr, scope inspector.Cursor) bool {
	v := c.varOf(e)
	if v == nil {
		return false
	}
	if body := scopeBody(scope.Node()); body == nil || v.Pos() >= body.Pos() && v.Pos() < body.End() {
		return false // declared anew in every iteration
	}
	for n := range scope.Preorder((*ast.IncDecStmt)(nil), (*ast.AssignStmt)(nil)) {
		switch s := n.Node().(type) {
		case *ast.IncDecStmt:
			if s.Tok == token.INC && c.varOf(s.X) == v {
				return true
			}
		case *ast.AssignStmt:
			if s.Tok == token.ADD_ASSIGN && len(s.Lhs) == 1 && c.varOf(s.Lhs[0]) == v {
				return true
			}
		}
	}
	return false
}

func scopeBody(n ast.Node) *ast.BlockStmt {
	switch n := n.(type) {
	case *ast.ForStmt:
		return n.Body
	case *ast.RangeStmt:
		return n.Body
	case *ast.FuncLit:
		return n.Body
	case *ast.FuncDecl:
		return n.Body
	}
	return nil
}

// sinceAtLeast recognises time.Since(t) >= D (taken) or time.Since(t) < D
// (skipped), also written now.Sub(t) or with the operands swapped, and
// returns D.
func (c *checker) sinceAtLeast(bin *ast.BinaryExpr, taken bool) (time.Duration, bool) {
	op, elapsed, limit := bin.Op, bin.X, bin.Y
	if !c.isElapsed(elapsed) {
		op, elapsed, limit = mirror(op), bin.Y, bin.X
	}
	if !c.isElapsed(elapsed) {
		return 0, false
	}
	atLeast := op == token.GEQ || op == token.GTR
	if !taken {
		atLeast = op == token.LSS || op == token.LEQ
	}
	if !atLeast {
		return 0, false
	}
	return c.fold.Duration(limit)
}

// isElapsed reports whether e is time.Since(t) or a (time.Time).Sub call.
func (c *checker) isElapsed(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := astutil.Callee(c.info, call)
	return astutil.FuncIs(fn, "time", "Since") || astutil.MethodIs(fn, "time", "Time", "Sub")
}

// mirror returns the operator that compares the swapped operands.
func mirror(op token.Token) token.Token {
	switch op {
	case token.LSS:
		return token.GTR
	case token.GTR:
		return token.LSS
	case token.LEQ:
		return token.GEQ
	case token.GEQ:
		return token.LEQ
	}
	return op
}
