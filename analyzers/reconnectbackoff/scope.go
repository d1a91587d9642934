package reconnectbackoff

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// A scope is the region of code that a retry repeats: a loop, the
// statements from a label to the goto that jumps back to it, or the body
// of a function that calls itself again (a recursive reconnect).
type scope struct {
	cur      inspector.Cursor // the loop, the labelled block or the function
	block    *ast.BlockStmt   // the repeated statements
	first    int              // index in block.List of the first repeated statement
	from, to token.Pos        // the repeated region, loop condition and post statement included
	fn       ast.Node         // the innermost function holding the region
	fnFrom   token.Pos        // that function's extent: where the wait's variables are followed
	fnTo     token.Pos
	loop     ast.Node // *ast.ForStmt or *ast.RangeStmt; nil for goto and recursion
}

func (s *scope) contains(pos token.Pos) bool { return s.from <= pos && pos < s.to }

func (s *scope) inFunc(pos token.Pos) bool { return s.fnFrom <= pos && pos < s.fnTo }

// scopeOf returns the region that repeats the wait at cur, or nil when the
// wait runs once.
func (c *checker) scopeOf(cur inspector.Cursor, call *ast.CallExpr) *scope {
	fn, ok := astutil.EnclosingFunc(cur)
	if !ok {
		return nil
	}
	if loop, ok := astutil.EnclosingLoop(cur); ok {
		return c.loopScope(loop, fn)
	}
	if s := c.gotoScope(fn, call); s != nil {
		return s
	}
	return c.recursionScope(fn)
}

// loopScope returns the scope of a for or range loop inside fn.
func (c *checker) loopScope(loop, fn inspector.Cursor) *scope {
	return c.memo(loop, func() *scope {
		s := &scope{cur: loop, from: loop.Node().Pos(), to: loop.Node().End(), loop: loop.Node()}
		switch l := loop.Node().(type) {
		case *ast.ForStmt:
			s.block = l.Body
		case *ast.RangeStmt:
			s.block = l.Body
		}
		return s
	}, fn)
}

func (c *checker) memo(cur inspector.Cursor, build func() *scope, fn inspector.Cursor) *scope {
	if s, ok := c.scopes[cur.Node()]; ok {
		return s
	}
	s := build()
	if s != nil {
		s.fn = fn.Node()
		s.fnFrom, s.fnTo = fn.Node().Pos(), fn.Node().End()
	}
	c.scopes[cur.Node()] = s
	return s
}

// gotoScope returns the statements from a label before the wait to a
// goto after it that jumps back to the label (paho's own RETRYCONN).
func (c *checker) gotoScope(fn inspector.Cursor, call *ast.CallExpr) *scope {
	info := c.pass.TypesInfo
	for _, g := range c.gotos {
		br := g.Node().(*ast.BranchStmt)
		if br.Pos() < call.End() || !fn.Contains(g) {
			continue
		}
		if encl, _ := astutil.EnclosingFunc(g); encl != fn {
			continue
		}
		label := info.Uses[br.Label]
		for ls := range fn.Preorder((*ast.LabeledStmt)(nil)) {
			stmt := ls.Node().(*ast.LabeledStmt)
			if info.Defs[stmt.Label] != label || stmt.Pos() > call.Pos() {
				continue
			}
			block, ok := ls.Parent().Node().(*ast.BlockStmt)
			if !ok {
				continue
			}
			return c.memo(ls, func() *scope {
				s := &scope{cur: ls.Parent(), block: block, from: stmt.Pos(), to: br.End()}
				for i, st := range block.List {
					if st == stmt {
						s.first = i
					}
				}
				return s
			}, fn)
		}
	}
	return nil
}

// recursionScope returns the body of a function declaration that refers
// to itself: c.reconnect() or go c.reconnect() after a failed dial, or
// time.AfterFunc(d, c.reconnect).
func (c *checker) recursionScope(fn inspector.Cursor) *scope {
	decl, ok := fn.Node().(*ast.FuncDecl)
	if !ok || decl.Body == nil {
		return nil
	}
	self := c.pass.TypesInfo.Defs[decl.Name]
	return c.memo(fn, func() *scope {
		for id := range fn.Preorder((*ast.Ident)(nil)) {
			if c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)] == self {
				return &scope{cur: fn, block: decl.Body, from: decl.Body.Pos(), to: decl.Body.End()}
			}
		}
		return nil
	}, fn)
}

// retriedConnect returns the connect call of s whose failure leads to the
// wait at cur.
func (c *checker) retriedConnect(s *scope, wait inspector.Cursor) (connectCall, bool) {
	for _, conn := range c.connects {
		if conn.fn == s.fn && s.contains(conn.cur.Node().Pos()) && c.retries(s, conn, wait) {
			return conn, true
		}
	}
	return connectCall{}, false
}

// retries reports whether the wait follows a failure of conn:
//
//   - it is in the failure branch of an if that tests conn's result
//     (if err != nil { wait }, else of if err == nil, if !tok.WaitTimeout…);
//   - or conn is a statement of its own in the repeated block, the wait
//     comes after it and the failure path reaches it (no failure branch
//     returns, breaks or continues first), or, in a loop, the wait comes
//     before it and a failure goes round the loop to it.
//
// A failed HTTP request must also be the only way to reach the wait: a
// loop that waits after every request, successful or not, polls (that is
// the pollinterval rule), it does not retry.
func (c *checker) retries(s *scope, conn connectCall, wait inspector.Cursor) bool {
	test := c.outcomeTest(s, conn)
	// The wait in a failure or success branch.
	for cur := wait; cur.Node() != s.block && cur.Node() != nil; cur = cur.Parent() {
		ifs, ok := cur.Parent().Node().(*ast.IfStmt)
		if !ok || (cur.Node() != ifs.Body && cur.Node() != ifs.Else) {
			continue
		}
		if inBody, ok := test(ifs); ok {
			return inBody == (cur.Node() == ifs.Body)
		}
	}
	i, j := s.topIndex(conn.cur), s.topIndex(wait)
	if i < 0 || j < 0 || i == j || !unconditional(conn.cur, s.block) {
		return false
	}
	if j > i {
		if !c.failureReaches(s, test, i, j, 0) {
			return false
		}
		return conn.class == dialClass || c.successExits(s, test, i, j)
	}
	if s.loop == nil {
		return false // before the attempt in a goto or recursive retry: the first try waits too
	}
	n := len(s.block.List)
	if !c.failureReaches(s, test, i, n, token.CONTINUE) {
		return false
	}
	return conn.class == dialClass || c.successExits(s, test, i, n)
}

// An outcomeTest reports whether an if statement tests the outcome of one
// connect call and, if so, whether its body runs on failure.
type outcomeTest func(*ast.IfStmt) (failureInBody, ok bool)

func (c *checker) outcomeTest(s *scope, conn connectCall) outcomeTest {
	tracked := c.tracked(s, conn)
	return func(ifs *ast.IfStmt) (failureInBody, ok bool) {
		if ifs.End() <= conn.cur.Node().Pos() {
			return false, false // an if before the attempt cannot test it
		}
		return c.failurePolarity(ifs.Cond, conn, tracked)
	}
}

// topIndex returns the index in s.block.List of the statement that
// contains cur, or -1.
func (s *scope) topIndex(cur inspector.Cursor) int {
	for c := cur; c.Node() != nil; c = c.Parent() {
		if c.Parent().Node() != s.block {
			continue
		}
		for i := s.first; i < len(s.block.List); i++ {
			if s.block.List[i] == c.Node() {
				return i
			}
		}
		return -1
	}
	return -1
}

// unconditional reports whether the call at cur runs whenever the
// statement of block holding it runs: no nested block or function lies
// between them.
func unconditional(cur inspector.Cursor, block *ast.BlockStmt) bool {
	for c := cur.Parent(); c.Node() != nil && c.Node() != block; c = c.Parent() {
		switch c.Node().(type) {
		case *ast.BlockStmt, *ast.FuncLit, *ast.CaseClause, *ast.CommClause:
			return false
		}
	}
	return true
}

// failureReaches reports whether a failure of the attempt at statement i
// falls through statements i..j-1: none of them is a return or branch, or
// an if whose failure branch ends in one (except allowed, a continue that
// goes round the loop to a wait written before the attempt).
func (c *checker) failureReaches(s *scope, test outcomeTest, i, j int, allowed token.Token) bool {
	for k := i; k < j; k++ {
		switch st := s.block.List[k].(type) {
		case *ast.ReturnStmt:
			return false
		case *ast.BranchStmt:
			if st.Tok != allowed || st.Label != nil {
				return false
			}
		case *ast.IfStmt:
			inBody, ok := test(st)
			if !ok {
				continue
			}
			branch := failureBranch(st, inBody)
			if terminates(branch) && !endsWithPlain(branch, allowed) {
				return false
			}
		}
	}
	return true
}

// successExits reports whether one of statements i..j-1 leaves the loop
// (return or break) when the attempt succeeded.
func (c *checker) successExits(s *scope, test outcomeTest, i, j int) bool {
	for k := i; k < j; k++ {
		st, ok := s.block.List[k].(*ast.IfStmt)
		if !ok {
			continue
		}
		inBody, ok := test(st)
		if !ok {
			continue
		}
		if success := failureBranch(st, !inBody); success != nil && len(success.List) > 0 {
			switch last := success.List[len(success.List)-1].(type) {
			case *ast.ReturnStmt:
				return true
			case *ast.BranchStmt:
				if last.Tok == token.BREAK || last.Tok == token.GOTO {
					return true
				}
			}
		}
	}
	return false
}

// failureBranch returns the body (inBody) or the else block of ifs.
func failureBranch(ifs *ast.IfStmt, inBody bool) *ast.BlockStmt {
	if inBody {
		return ifs.Body
	}
	b, _ := ifs.Else.(*ast.BlockStmt)
	return b
}

func endsWithPlain(b *ast.BlockStmt, tok token.Token) bool {
	if tok == 0 || !endsWith(b, tok) {
		return false
	}
	return b.List[len(b.List)-1].(*ast.BranchStmt).Label == nil
}

// tracked returns the variables that carry conn's outcome: those its
// results are assigned to, and those assigned later in s from them
// (err = tok.Error(), lastErr = err).
func (c *checker) tracked(s *scope, conn connectCall) map[*types.Var]bool {
	vars := make(map[*types.Var]bool)
	call := conn.cur.Node()
	switch p := conn.cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		for k, rhs := range p.Rhs {
			if rhs != call {
				continue
			}
			for l, lhs := range p.Lhs {
				if len(p.Rhs) == 1 || l == k {
					if v := c.varOf(lhs); v != nil {
						vars[v] = true
					}
				}
			}
		}
	case *ast.ValueSpec:
		for _, name := range p.Names {
			if v := c.varOf(name); v != nil {
				vars[v] = true
			}
		}
	}
	for cur := range s.cur.Preorder((*ast.AssignStmt)(nil)) {
		as := cur.Node().(*ast.AssignStmt)
		if as.Pos() <= call.Pos() || !s.contains(as.Pos()) {
			continue
		}
		for k, rhs := range as.Rhs {
			if !c.mentionsAny(rhs, vars) {
				continue
			}
			for l, lhs := range as.Lhs {
				if len(as.Rhs) == 1 || l == k {
					if v := c.varOf(lhs); v != nil {
						vars[v] = true
					}
				}
			}
		}
	}
	return vars
}

func (c *checker) mentionsAny(e ast.Node, vars map[*types.Var]bool) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && vars[v] {
				found = true
			}
		}
		return !found
	})
	return found
}

// failurePolarity reports whether cond tests conn's outcome and, if so,
// whether its body runs on failure: err != nil, conn == nil,
// tok.Error() != nil and !tok.WaitTimeout(d) are failures in the body;
// err == nil and conn != nil put the failure in the else branch.
func (c *checker) failurePolarity(cond ast.Expr, conn connectCall, tracked map[*types.Var]bool) (failureInBody, ok bool) {
	info := c.pass.TypesInfo
	call := conn.cur.Node()
	about := func(e ast.Expr) bool {
		return c.mentionsAny(e, tracked) || (e.Pos() <= call.Pos() && call.End() <= e.End())
	}
	ast.Inspect(cond, func(n ast.Node) bool {
		if ok {
			return false
		}
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if n.Op != token.EQL && n.Op != token.NEQ {
				return true
			}
			x := n.X
			if info.Types[x].IsNil() {
				x = n.Y
			} else if !info.Types[n.Y].IsNil() {
				return true
			}
			if !about(x) {
				return true
			}
			isErr := types.Implements(info.TypeOf(x), c.errType)
			failureInBody, ok = isErr == (n.Op == token.NEQ), true
			return false
		case *ast.UnaryExpr:
			if n.Op == token.NOT && about(n.X) {
				if _, isCall := ast.Unparen(n.X).(*ast.CallExpr); isCall {
					failureInBody, ok = true, true
					return false
				}
			}
		}
		return true
	})
	return failureInBody, ok
}

// bounded reports whether the loop of s runs a bounded number of times —
// for attempt := 0; attempt < n; attempt++, or a range over an integer,
// slice, array or map — so that a growing wait cannot grow forever.
func (c *checker) bounded(s *scope) bool {
	switch l := s.loop.(type) {
	case *ast.ForStmt:
		if l.Cond == nil || !isComparison(l.Cond) {
			return false
		}
		bounded := false
		ast.Inspect(l.Cond, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && c.accumulates(s, v) {
					bounded = true
				}
			}
			return !bounded
		})
		return bounded
	case *ast.RangeStmt:
		t := c.pass.TypesInfo.TypeOf(l.X)
		if t == nil {
			return false
		}
		switch u := t.Underlying().(type) {
		case *types.Basic:
			return u.Info()&types.IsInteger != 0
		case *types.Slice, *types.Array, *types.Map:
			return true
		case *types.Pointer:
			_, isArray := u.Elem().Underlying().(*types.Array)
			return isArray
		}
	}
	return false
}

func endsWith(b *ast.BlockStmt, tok token.Token) bool {
	if b == nil || len(b.List) == 0 {
		return false
	}
	br, ok := b.List[len(b.List)-1].(*ast.BranchStmt)
	return ok && br.Tok == tok
}

// terminates reports whether b ends by leaving the repeated region's
// current attempt: return, break, continue, goto, panic, or a log.Fatal /
// os.Exit style call is not followed.
func terminates(b *ast.BlockStmt) bool {
	if b == nil || len(b.List) == 0 {
		return false
	}
	switch last := b.List[len(b.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	case *ast.ExprStmt:
		if call, ok := last.X.(*ast.CallExpr); ok {
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "panic" {
				return true
			}
		}
	}
	return false
}
