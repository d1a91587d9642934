package pollinterval

import (
	"go/ast"
	"go/token"
	"go/types"
	"time"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// periodState says what the analyzer knows about how often something runs.
type periodState int

const (
	notPeriodic   periodState = iota // runs once, or when an event arrives
	unknownPeriod                    // periodic, but the period cannot be folded: stay silent
	knownPeriod
)

// A schedule is how often a request is sent.
type schedule struct {
	every  time.Duration
	source ast.Node // the call that sets the period (ticker, Sleep, AfterFunc, Reset)
	state  periodState
}

var noSchedule = schedule{}

// scheduleOf returns the effective period of the request sent at cur, and
// false when it is not sent periodically or the period is unknown.
func (c *checker) scheduleOf(cur inspector.Cursor) (schedule, bool) {
	s := c.findSchedule(cur)
	return s, s.state == knownPeriod
}

// findSchedule finds the innermost periodic context of cur in its
// function: the case of a select on a ticker inside a loop, a range over
// a ticker channel, an endless loop that waits at its top level, or a
// function that reschedules itself with time.AfterFunc. Iterations over
// collections in between are looked through (a poll of every device);
// an event channel (range or select case) makes the request
// event-driven, not a poll.
func (c *checker) findSchedule(cur inspector.Cursor) schedule {
	child := cur
	for parent := cur.Parent(); parent.Node() != nil; child, parent = parent, parent.Parent() {
		switch n := parent.Node().(type) {
		case *ast.CommClause:
			if k, _ := child.ParentEdge(); k != edge.CommClause_Body || n.Comm == nil {
				continue // the default case runs when nothing else is ready
			}
			ch := receivedChan(n.Comm)
			if ch == nil {
				return noSchedule
			}
			p := c.channelPeriod(ch, 0)
			if p.state == notPeriodic {
				return noSchedule // triggered by an event
			}
			loop, ok := c.standingLoop(parent)
			if !ok {
				return noSchedule // a single wait, not a loop
			}
			return c.finish(loop, cur, p)
		case *ast.RangeStmt:
			if k, _ := child.ParentEdge(); k != edge.RangeStmt_Body || !isChan(c.info, n.X) {
				continue
			}
			if call, ok := ast.Unparen(n.X).(*ast.CallExpr); ok && astutil.IsFunc(c.info, call, "time", "After") {
				return noSchedule // a single value: the loop body runs once
			}
			p := c.channelPeriod(n.X, 0)
			if p.state == notPeriodic {
				return noSchedule
			}
			return c.finish(parent, cur, p)
		case *ast.ForStmt:
			if k, _ := child.ParentEdge(); k != edge.ForStmt_Body || !unbounded(n) {
				continue
			}
			if p := c.waitsOf(n); p.state != notPeriodic {
				return c.finish(parent, cur, p)
			}
		case *ast.FuncLit:
			if runsInPlace(parent) {
				continue
			}
			if p, ok := c.runnerLiteral(parent); ok {
				return c.finish(parent, cur, p)
			}
			return c.rescheduling(parent, cur)
		case *ast.FuncDecl:
			if p, ok := c.runnerDecl(n); ok {
				return c.finish(parent, cur, p)
			}
			return c.rescheduling(parent, cur)
		}
	}
	return noSchedule
}

// finish turns the period of the loop (or self-rescheduling function)
// scope into the effective period of the request at cur.
func (c *checker) finish(scope, cur inspector.Cursor, p schedule) schedule {
	if p.state != knownPeriod {
		return p
	}
	if isLoop(scope.Node()) && c.endsWhenDone(scope) {
		return noSchedule
	}
	p.every = c.effectivePeriod(scope, cur, p.every)
	return p
}

// unbounded reports whether a for statement can run for the life of the
// program: "for {}", "for cond {}" or "for i := 0; ; i++ {}". A counted
// loop ("for i := 0; i < 3; i++") is a bounded retry, not a poll.
func unbounded(n *ast.ForStmt) bool {
	return n.Cond == nil || n.Init == nil && n.Post == nil
}

func isLoop(n ast.Node) bool {
	switch n.(type) {
	case *ast.ForStmt, *ast.RangeStmt:
		return true
	}
	return false
}

// standingLoop returns the innermost loop around cur that can run for the
// life of the program: an unbounded for, or a range over a channel.
func (c *checker) standingLoop(cur inspector.Cursor) (inspector.Cursor, bool) {
	for loop, ok := astutil.EnclosingLoop(cur); ok; loop, ok = astutil.EnclosingLoop(loop) {
		switch n := loop.Node().(type) {
		case *ast.ForStmt:
			if unbounded(n) {
				return loop, true
			}
		case *ast.RangeStmt:
			if isChan(c.info, n.X) {
				return loop, true
			}
		}
	}
	return inspector.Cursor{}, false
}

// runsInPlace reports whether the function literal at lit is called where
// it is written: func(){...}(), go func(){...}(), defer func(){...}().
func runsInPlace(lit inspector.Cursor) bool {
	k, _ := lit.ParentEdge()
	return k == edge.CallExpr_Fun
}

// receivedChan returns the channel a select case receives from, or nil
// for a send case.
func receivedChan(comm ast.Stmt) ast.Expr {
	var x ast.Expr
	switch s := comm.(type) {
	case *ast.ExprStmt:
		x = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			x = s.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(x).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

func isChan(info *types.Info, e ast.Expr) bool {
	t := info.TypeOf(e)
	if t == nil {
		return false
	}
	_, ok := t.Underlying().(*types.Chan)
	return ok
}

// maxChanDepth bounds how many variables a channel is followed through
// (tick := ticker.C; c := tick).
const maxChanDepth = 3

// channelPeriod returns how often the channel ch delivers a value:
// time.Tick(d), time.After(d) (received once per iteration), the C of a
// time.NewTicker(d) (and its Reset calls), the C of a timer that is Reset
// to d. Any other channel carries events: notPeriodic.
func (c *checker) channelPeriod(ch ast.Expr, depth int) schedule {
	switch e := ast.Unparen(ch).(type) {
	case *ast.CallExpr:
		fn := astutil.Callee(c.info, e)
		if (astutil.FuncIs(fn, "time", "Tick") || astutil.FuncIs(fn, "time", "After")) && len(e.Args) == 1 {
			return c.period(e.Args[0], e)
		}
		if d, src, ok := c.madeBy(e, "Tick"); ok {
			return c.period(d, src)
		}
	case *ast.SelectorExpr:
		switch {
		case astutil.IsField(c.info, e, "time", "Ticker", "C"):
			return c.tickerPeriod(e.X)
		case astutil.IsField(c.info, e, "time", "Timer", "C"):
			return c.timerPeriod(e.X)
		}
		if f := c.fieldOf(e); f != nil && len(c.index.fieldAssigns[f]) > 0 && depth < maxChanDepth {
			return c.fromValues(c.index.fieldAssigns[f], depth, c.channelPeriod)
		}
	case *ast.Ident:
		v := c.varOf(e)
		if v == nil || depth >= maxChanDepth {
			return noSchedule
		}
		as := c.index.assigns[v]
		if len(as) == 0 {
			if args := c.paramArgs(v); len(args) > 0 {
				return c.fromValues(args, depth, c.channelPeriod)
			}
		}
		if len(as) != 1 || as[0].expr == nil || as[0].index != 0 {
			return noSchedule
		}
		return c.channelPeriod(as[0].expr, depth+1)
	}
	return noSchedule
}

// period folds the duration d set by the call src.
func (c *checker) period(d ast.Expr, src ast.Node) schedule {
	every, ok := c.fold.Duration(d)
	if !ok {
		return schedule{source: src, state: unknownPeriod}
	}
	return schedule{every: every, source: src, state: knownPeriod}
}

// tickerPeriod returns the period of the ticker x: the shortest of its
// time.NewTicker and Reset durations. The ticker may be made by a helper
// of this package (return time.NewTicker(d)), held in a struct field set
// elsewhere (a goroutine started in a constructor ranges over p.ticker.C),
// or passed as a parameter (go poll(ticker)): then every value the
// package gives it counts. Otherwise the period is unknown.
func (c *checker) tickerPeriod(x ast.Expr) schedule {
	return c.tickerPeriodAt(x, 0)
}

func (c *checker) tickerPeriodAt(x ast.Expr, depth int) schedule {
	x = astutil.Unparen(x)
	if depth > maxChanDepth {
		return schedule{state: unknownPeriod}
	}
	if call, ok := x.(*ast.CallExpr); ok {
		if d, src, ok := c.madeBy(call, "NewTicker"); ok {
			return c.period(d, src)
		}
		return schedule{state: unknownPeriod}
	}
	v := c.varOf(x)
	if v == nil {
		if f := c.fieldOf(x); f != nil && len(c.index.fieldAssigns[f]) > 0 {
			return c.fromValues(c.index.fieldAssigns[f], depth, c.tickerPeriodAt)
		}
		return schedule{state: unknownPeriod}
	}
	if len(c.index.assigns[v]) == 0 {
		if args := c.paramArgs(v); len(args) > 0 {
			return c.fromValues(args, depth, c.tickerPeriodAt)
		}
		return schedule{state: unknownPeriod}
	}
	best := noSchedule
	for _, a := range c.index.assigns[v] {
		call, ok := ast.Unparen(a.expr).(*ast.CallExpr)
		if !ok || a.index != 0 {
			return schedule{state: unknownPeriod}
		}
		d, src, ok := c.madeBy(call, "NewTicker")
		if !ok {
			return schedule{state: unknownPeriod}
		}
		p := c.period(d, src)
		if p.state != knownPeriod {
			return p
		}
		best = sooner(best, p)
	}
	if len(c.index.resets[v]) > 0 {
		r := c.shortest(c.index.resets[v])
		if r.state != knownPeriod {
			return r
		}
		best = sooner(best, r)
	}
	return best
}

// fromValues returns the shortest of the periods of the values a field
// or parameter receives; unknown if any is unknown.
func (c *checker) fromValues(values []ast.Expr, depth int, of func(ast.Expr, int) schedule) schedule {
	best, events := noSchedule, 0
	for _, e := range values {
		p := of(e, depth+1)
		switch p.state {
		case notPeriodic:
			events++
		case unknownPeriod:
			return p
		default:
			best = sooner(best, p)
		}
	}
	if events > 0 && best.state != notPeriodic {
		return schedule{state: unknownPeriod} // a ticker here, an event channel there
	}
	return best
}

// madeBy returns the period argument of a time.NewTicker or time.Tick
// call (name), or of a call of a function of this package whose body is
// just "return time.NewTicker(d)" (or Tick): d, taken from the call's
// argument when d is the helper's parameter.
func (c *checker) madeBy(call *ast.CallExpr, name string) (ast.Expr, *ast.CallExpr, bool) {
	if astutil.IsFunc(c.info, call, "time", name) && len(call.Args) == 1 {
		return call.Args[0], call, true
	}
	fn := astutil.Callee(c.info, call)
	decl := c.declOf(fn)
	if decl == nil || len(decl.Body.List) != 1 {
		return nil, nil, false
	}
	ret, ok := decl.Body.List[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) != 1 {
		return nil, nil, false
	}
	inner, ok := ast.Unparen(ret.Results[0]).(*ast.CallExpr)
	if !ok || !astutil.IsFunc(c.info, inner, "time", name) || len(inner.Args) != 1 {
		return nil, nil, false
	}
	d := inner.Args[0]
	if id, ok := ast.Unparen(d).(*ast.Ident); ok {
		params := fn.Signature().Params()
		for i := range params.Len() {
			if params.At(i) == c.info.Uses[id] {
				if i >= len(call.Args) {
					return nil, nil, false
				}
				return call.Args[i], call, true
			}
		}
	}
	return d, call, true
}

// declOf returns the declaration of fn when it is a function of this
// package with a body.
func (c *checker) declOf(fn *types.Func) *ast.FuncDecl {
	if fn == nil || fn.Pkg() != c.pass.Pkg {
		return nil
	}
	if c.decls == nil {
		c.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range c.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
					if obj, ok := c.info.Defs[fd.Name].(*types.Func); ok {
						c.decls[obj] = fd
					}
				}
			}
		}
	}
	return c.decls[fn]
}

// fieldOf returns the struct field x selects (p.ticker), or nil.
func (c *checker) fieldOf(x ast.Expr) *types.Var {
	sel, ok := ast.Unparen(x).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.FieldVal {
		return s.Obj().(*types.Var)
	}
	return nil
}

// paramArgs returns the arguments that this package's calls pass for the
// parameter v (go poll(ticker) for func poll(t *time.Ticker)), or nil
// when v is no parameter of a function called here.
func (c *checker) paramArgs(v *types.Var) []ast.Expr {
	var args []ast.Expr
	for _, cur := range c.index.runnerCalls {
		call := cur.Node().(*ast.CallExpr)
		fn := typeutil.StaticCallee(c.info, call)
		if fn == nil || fn.Pkg() != c.pass.Pkg {
			continue
		}
		params := fn.Signature().Params()
		for i := range params.Len() {
			if params.At(i) == v && i < len(call.Args) && !fn.Signature().Variadic() {
				args = append(args, call.Args[i])
			}
		}
	}
	return args
}

// timerPeriod returns the period of a timer variable that is Reset after
// it fires: the shortest Reset duration. A timer never Reset fires once.
func (c *checker) timerPeriod(x ast.Expr) schedule {
	v := c.varOf(x)
	if v == nil {
		return schedule{state: unknownPeriod}
	}
	if len(c.index.resets[v]) == 0 {
		return noSchedule
	}
	return c.shortest(c.index.resets[v])
}

// shortest returns the shortest duration given to the calls (the
// duration is each call's last argument); unknown if any is unknown.
func (c *checker) shortest(calls []*ast.CallExpr) schedule {
	best := schedule{state: unknownPeriod}
	for _, call := range calls {
		if len(call.Args) == 0 {
			return schedule{state: unknownPeriod}
		}
		p := c.period(call.Args[len(call.Args)-1], call)
		if p.state != knownPeriod {
			return p
		}
		if best.state != knownPeriod || p.every < best.every {
			best = p
		}
	}
	return best
}

// waitsOf returns the period of an unbounded for loop from the waits at
// the top level of its body (or in its post statement): time.Sleep(d), a
// receive from a periodic channel, a select with a periodic case. Waits
// in a branch (an error path's back-off) are not the loop's period. The
// waits of one iteration add up.
func (c *checker) waitsOf(loop *ast.ForStmt) schedule {
	stmts := loop.Body.List
	if loop.Post != nil {
		stmts = append(stmts[:len(stmts):len(stmts)], loop.Post)
	}
	total := noSchedule
	for _, stmt := range stmts {
		p := c.waitOf(stmt)
		switch {
		case p.state == notPeriodic:
			continue
		case total.state == notPeriodic:
			total = p
		case p.state == unknownPeriod || total.state == unknownPeriod:
			total.state = unknownPeriod
		default:
			total.every += p.every
		}
	}
	return total
}

// waitOf returns how long stmt waits when it is a wait.
func (c *checker) waitOf(stmt ast.Stmt) schedule {
	switch s := stmt.(type) {
	case *ast.ExprStmt:
		if call, ok := ast.Unparen(s.X).(*ast.CallExpr); ok && astutil.IsFunc(c.info, call, "time", "Sleep") && len(call.Args) == 1 {
			return c.period(call.Args[0], call)
		}
		if ch := receivedChan(s); ch != nil {
			return c.channelPeriod(ch, 0)
		}
	case *ast.SelectStmt:
		// The select returns when its first case is ready: the
		// shortest known periodic case bounds the wait.
		wait := noSchedule
		for _, clause := range s.Body.List {
			comm := clause.(*ast.CommClause).Comm
			if comm == nil {
				return noSchedule // a default case: the select does not wait
			}
			ch := receivedChan(comm)
			if ch == nil {
				continue
			}
			wait = sooner(wait, c.channelPeriod(ch, 0))
		}
		return wait
	}
	return noSchedule
}

// sooner returns whichever of two alternative schedules fires first as
// far as is known: a known period wins over an unknown one, which wins
// over none.
func sooner(a, b schedule) schedule {
	switch {
	case a.state == notPeriodic:
		return b
	case b.state == knownPeriod && (a.state != knownPeriod || b.every < a.every):
		return b
	}
	return a
}

// rescheduling returns the period of the function fn (a declaration or a
// literal) when it reschedules itself: it calls time.AfterFunc(d, itself),
// or it runs as an AfterFunc callback and calls Reset(d) on a timer. A
// rescheduling on the error path only is a retry, not a poll.
func (c *checker) rescheduling(fn, cur inspector.Cursor) schedule {
	self := c.selfRefs(fn)
	callback := c.isAfterFuncCallback(fn, self)
	if len(self) == 0 && !callback {
		return noSchedule
	}
	best := noSchedule
	for call := range fn.Preorder((*ast.CallExpr)(nil)) {
		if enclosing, _ := astutil.EnclosingFunc(call); enclosing != fn {
			continue
		}
		n := call.Node().(*ast.CallExpr)
		f := astutil.Callee(c.info, n)
		var p schedule
		switch {
		case astutil.FuncIs(f, "time", "AfterFunc") && len(n.Args) == 2 && c.refersTo(n.Args[1], self):
			p = c.period(n.Args[0], n)
		case callback && astutil.MethodIs(f, "time", "Timer", "Reset") && len(n.Args) == 1:
			p = c.period(n.Args[0], n)
		default:
			continue
		}
		if c.onErrorPath(call, fn) {
			continue
		}
		best = sooner(best, p)
	}
	return c.finish(fn, cur, best)
}

// selfRefs returns the objects through which the function fn can name
// itself: its *types.Func, or the variable a literal is assigned to.
func (c *checker) selfRefs(fn inspector.Cursor) map[types.Object]bool {
	refs := make(map[types.Object]bool)
	var obj types.Object
	switch n := fn.Node().(type) {
	case *ast.FuncDecl:
		obj = c.info.Defs[n.Name]
	case *ast.FuncLit:
		obj = c.assignedTo(fn)
	}
	if obj != nil {
		refs[obj] = true
	}
	return refs
}

// assignedTo returns the variable the expression at cur is assigned to
// (f = func() {...}, var f = func() {...}), or nil.
func (c *checker) assignedTo(cur inspector.Cursor) types.Object {
	k, i := cur.ParentEdge()
	switch k {
	case edge.AssignStmt_Rhs:
		as := cur.Parent().Node().(*ast.AssignStmt)
		if len(as.Lhs) == len(as.Rhs) {
			if id, ok := as.Lhs[i].(*ast.Ident); ok {
				return c.info.ObjectOf(id)
			}
		}
	case edge.ValueSpec_Values:
		spec := cur.Parent().Node().(*ast.ValueSpec)
		if len(spec.Names) == len(spec.Values) {
			return c.info.Defs[spec.Names[i]]
		}
	}
	return nil
}

// isAfterFuncCallback reports whether fn runs as a time.AfterFunc
// callback: a literal given to AfterFunc, or a function that some
// AfterFunc call of the package names.
func (c *checker) isAfterFuncCallback(fn inspector.Cursor, self map[types.Object]bool) bool {
	if k, _ := fn.ParentEdge(); k == edge.CallExpr_Args && astutil.IsFunc(c.info, fn.Parent().Node().(*ast.CallExpr), "time", "AfterFunc") {
		return true
	}
	for _, call := range c.index.afterFuncs {
		if len(call.Args) == 2 && c.refersTo(call.Args[1], self) {
			return true
		}
	}
	return false
}

// refersTo reports whether e names one of the objects: poll, s.poll, or a
// literal func() { s.poll() } that calls it.
func (c *checker) refersTo(e ast.Expr, objs map[types.Object]bool) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return objs[c.info.Uses[e]]
	case *ast.SelectorExpr:
		return objs[c.info.Uses[e.Sel]]
	case *ast.FuncLit:
		found := false
		ast.Inspect(e.Body, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && c.refersTo(call.Fun, objs) {
				found = true
			}
			return !found
		})
		return found
	}
	return false
}
