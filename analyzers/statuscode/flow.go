package statuscode

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// This file walks a function's statements in order, carrying what has
// happened to each response on the way: whether a status was sent,
// which one, whether the body was written, whether Retry-After was set.
// Branches are walked separately and joined; a branch that returns does
// not reach the join. The facts that stop a report ("a status may have
// been sent", "Retry-After may have been set") are joined with OR, the
// fact that causes one ("the body was written") with AND, so a join never
// produces a finding that one of its paths does not justify.

// response is what is known about one response at a point of the walk.
type response struct {
	statusMaybe bool      // a status line may have been sent on some path
	code        int       // the status sent on every path, 0 when unknown or mixed
	wroteMaybe  bool      // the body may have been written on some path
	wroteSure   bool      // the body was written on every path
	firstWrite  token.Pos // the first write, when wroteSure
	retryMaybe  bool      // Retry-After may have been set on some path
}

// state maps each response (by the variable it is rooted at) to what is
// known about it. A missing entry is the zero response: nothing sent.
type state map[types.Object]response

func join(a, b state) state {
	out := make(state, len(a))
	for obj := range a {
		out[obj] = joinResponse(a[obj], b[obj])
	}
	for obj := range b {
		if _, done := out[obj]; !done {
			out[obj] = joinResponse(a[obj], b[obj])
		}
	}
	return out
}

func joinResponse(a, b response) response {
	out := response{
		statusMaybe: a.statusMaybe || b.statusMaybe,
		wroteMaybe:  a.wroteMaybe || b.wroteMaybe,
		wroteSure:   a.wroteSure && b.wroteSure,
		retryMaybe:  a.retryMaybe || b.retryMaybe,
	}
	if a.code == b.code && a.statusMaybe == b.statusMaybe {
		out.code = a.code
	}
	if out.wroteSure {
		out.firstWrite = min(a.firstWrite, b.firstWrite)
	}
	return out
}

// context is what the walk knows about the branch it is in.
type context struct {
	errBranch   bool // inside `if err != nil { ... return }` (or an equivalent)
	failedWrite bool // inside the error branch of a failed write to the response
	quiet       bool // a first walk of a loop body, which only computes its effect
}

// add records a finding, unless the walk only computes a loop's effect.
func (u *unit) add(ctx context, f finding) {
	if !ctx.quiet {
		u.findings = append(u.findings, f)
	}
}

// check walks one function and records its findings.
func (c *checker) check(u *unit) {
	c.walkStmts(u, u.body.List, state{}, context{}, true)
	c.finish(u)
}

// walkStmts walks a statement list from st. tail reports whether the end
// of the list is the end of the function. It returns the state at the end
// of the list, and whether no path reaches that end.
func (c *checker) walkStmts(u *unit, stmts []ast.Stmt, st state, ctx context, tail bool) (state, bool) {
	for i, s := range stmts {
		var terminated bool
		st, terminated = c.walkStmt(u, s, st, ctx, tail && i == len(stmts)-1)
		if terminated {
			return st, true
		}
	}
	return st, false
}

func (c *checker) walkStmt(u *unit, s ast.Stmt, st state, ctx context, tail bool) (state, bool) {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		c.calls(u, s, st, ctx)
		return st, true
	case *ast.ExprStmt:
		c.calls(u, s, st, ctx)
		return st, c.isExit(s.X)
	case *ast.BlockStmt:
		return c.walkStmts(u, s.List, st, ctx, tail)
	case *ast.LabeledStmt:
		return c.walkStmt(u, s.Stmt, st, ctx, tail)
	case *ast.IfStmt:
		return c.walkIf(u, s, st, ctx, tail)
	case *ast.SwitchStmt:
		c.calls(u, s.Init, st, ctx)
		c.calls(u, s.Tag, st, ctx)
		return c.walkClauses(u, s.Body, st, ctx, tail, func(cc ast.Stmt) bool {
			return s.Tag == nil && c.clauseChecksError(u, cc.(*ast.CaseClause))
		})
	case *ast.TypeSwitchStmt:
		c.calls(u, s.Init, st, ctx)
		onError := c.switchesOnError(s)
		return c.walkClauses(u, s.Body, st, ctx, tail, func(cc ast.Stmt) bool {
			return onError && !isNilCase(c.pass.TypesInfo, cc.(*ast.CaseClause))
		})
	case *ast.SelectStmt:
		return c.walkClauses(u, s.Body, st, ctx, tail, func(ast.Stmt) bool { return false })
	case *ast.ForStmt:
		c.calls(u, s.Init, st, ctx)
		c.calls(u, s.Cond, st, ctx)
		return c.walkLoop(u, s.Body, st, ctx), false
	case *ast.RangeStmt:
		c.calls(u, s.X, st, ctx)
		return c.walkLoop(u, s.Body, st, ctx), false
	case *ast.DeferStmt, *ast.GoStmt:
		// Deferred and concurrent writes do not happen at this point of
		// the path; they are not followed.
		return st, false
	default: // assignments, declarations, sends, inc/dec, branch statements
		c.calls(u, s, st, ctx)
		return st, false
	}
}

// walkLoop walks a loop body twice: first quietly, for the state at the
// end of an iteration, then from the join of that state and the state
// before the loop, which is what a later iteration starts from. So an
// error event written in a streaming loop after the first event is not
// mistaken for the first write of the response. The loop may run zero
// times, so the state after it joins the state before it.
func (c *checker) walkLoop(u *unit, body *ast.BlockStmt, st state, ctx context) state {
	quiet := ctx
	quiet.quiet = true
	first, _ := c.walkStmts(u, body.List, clone(st), quiet, false)
	again := join(st, first)
	out, _ := c.walkStmts(u, body.List, clone(again), ctx, false)
	return join(again, out)
}

// walkIf walks both branches of an if statement and joins them.
func (c *checker) walkIf(u *unit, s *ast.IfStmt, st state, ctx context, tail bool) (state, bool) {
	c.calls(u, s.Init, st, ctx)
	c.calls(u, s.Cond, st, ctx)
	notNil, isNil, failedWrite := c.errorCheck(u, s.Cond)

	thenCtx := ctx
	if notNil && (endsInReturn(s.Body) || tail) {
		thenCtx.errBranch = true
	}
	// A failed write is handled the same whether the branch returns or
	// falls through to a return after the if.
	if notNil {
		thenCtx.failedWrite = ctx.failedWrite || failedWrite
	}
	thenOut, thenDone := c.walkStmts(u, s.Body.List, clone(st), thenCtx, tail)

	elseOut, elseDone := st, false
	if s.Else != nil {
		elseCtx := ctx
		if isNil && (endsInReturn(s.Else) || tail) {
			elseCtx.errBranch = true
		}
		if isNil {
			elseCtx.failedWrite = ctx.failedWrite || failedWrite
		}
		elseOut, elseDone = c.walkStmt(u, s.Else, clone(st), elseCtx, tail)
	}
	switch {
	case thenDone && elseDone:
		return st, true
	case thenDone:
		return elseOut, false
	case elseDone:
		return thenOut, false
	}
	return join(thenOut, elseOut), false
}

// walkClauses walks the clauses of a switch, type switch or select. Each
// clause starts from st; isErr reports whether a clause is an error
// branch.
func (c *checker) walkClauses(u *unit, body *ast.BlockStmt, st state, ctx context, tail bool, isErr func(ast.Stmt) bool) (state, bool) {
	var out state
	hasDefault, allDone := false, true
	for _, cc := range body.List {
		var list []ast.Stmt
		switch cc := cc.(type) {
		case *ast.CaseClause:
			hasDefault = hasDefault || cc.List == nil
			list = cc.Body
		case *ast.CommClause:
			hasDefault = true // a select waits for one of its clauses
			c.calls(u, cc.Comm, st, ctx)
			list = cc.Body
		}
		clauseCtx := ctx
		if isErr(cc) && (endsInReturn(&ast.BlockStmt{List: list}) || tail) {
			clauseCtx.errBranch = true
		}
		res, done := c.walkStmts(u, list, clone(st), clauseCtx, tail)
		if done {
			continue
		}
		allDone = false
		if out == nil {
			out = res
		} else {
			out = join(out, res)
		}
	}
	if out == nil { // no clause reaches the end of the statement
		return st, allDone && hasDefault
	}
	if !hasDefault { // no clause taken: st reaches the end unchanged
		out = join(st, out)
	}
	return out, false
}

func clone(st state) state { return maps.Clone(st) }

// endsInReturn reports whether the last statement of a branch is a return.
func endsInReturn(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.BlockStmt:
		return len(s.List) > 0 && endsInReturn(s.List[len(s.List)-1])
	case *ast.ReturnStmt:
		return true
	case *ast.IfStmt: // else if
		return endsInReturn(s.Body) && s.Else != nil && endsInReturn(s.Else)
	}
	return false
}

// isExit reports whether an expression statement ends the function: a
// call of panic, os.Exit or log.Fatal*.
func (c *checker) isExit(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := c.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
			return true
		}
	}
	fn := astutil.Callee(c.pass.TypesInfo, call)
	return astutil.FuncIs(fn, "os", "Exit") || astutil.FuncIs(fn, "log", "Fatal") ||
		astutil.FuncIs(fn, "log", "Fatalf") || astutil.FuncIs(fn, "log", "Fatalln")
}

// errorCheck classifies an if condition: notNil when the then-branch runs
// with a non-nil error (err != nil, errors.Is, errors.As, possibly &&-ed
// with more), isNil when the else-branch does (err == nil). failedWrite
// reports that the error checked is the result of a write to a response.
func (c *checker) errorCheck(u *unit, cond ast.Expr) (notNil, isNil, failedWrite bool) {
	info := c.pass.TypesInfo
	switch e := ast.Unparen(cond).(type) {
	case *ast.BinaryExpr:
		switch e.Op {
		case token.LAND:
			n1, _, f1 := c.errorCheck(u, e.X)
			n2, _, f2 := c.errorCheck(u, e.Y)
			return n1 || n2, false, f1 || f2
		case token.NEQ, token.EQL:
			errSide := e.X
			if info.Types[e.X].IsNil() {
				errSide = e.Y
			} else if !info.Types[e.Y].IsNil() {
				return false, false, false
			}
			if !astutil.IsError(info.TypeOf(errSide)) {
				return false, false, false
			}
			failed := c.isWriteResult(u, errSide)
			return e.Op == token.NEQ, e.Op == token.EQL, failed
		}
	case *ast.CallExpr:
		if astutil.IsFunc(info, e, "errors", "Is") || astutil.IsFunc(info, e, "errors", "As") {
			return true, false, len(e.Args) > 0 && c.isWriteResult(u, e.Args[0])
		}
	}
	return false, false, false
}

// isWriteResult reports whether e is the error of a write to a response:
// err after `_, err := w.Write(b)`, or the call itself.
func (c *checker) isWriteResult(u *unit, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return u.writeErrs[c.pass.TypesInfo.ObjectOf(e)]
	case *ast.CallExpr:
		return c.isWriteCall(u, e)
	}
	return false
}

// clauseChecksError reports whether a case of a tagless switch is taken
// for a non-nil error (case errors.Is(err, ErrOffline):).
func (c *checker) clauseChecksError(u *unit, cc *ast.CaseClause) bool {
	for _, e := range cc.List {
		if notNil, _, _ := c.errorCheck(u, e); notNil {
			return true
		}
	}
	return false
}

// switchesOnError reports whether a type switch is on an error value.
func (c *checker) switchesOnError(s *ast.TypeSwitchStmt) bool {
	var x ast.Expr
	switch a := s.Assign.(type) {
	case *ast.ExprStmt:
		x = a.X
	case *ast.AssignStmt:
		if len(a.Rhs) == 1 {
			x = a.Rhs[0]
		}
	}
	ta, ok := x.(*ast.TypeAssertExpr)
	return ok && astutil.IsError(c.pass.TypesInfo.TypeOf(ta.X))
}

func isNilCase(info *types.Info, cc *ast.CaseClause) bool {
	if cc.List == nil {
		return false
	}
	for _, e := range cc.List {
		if !info.Types[e].IsNil() {
			return false
		}
	}
	return true
}
