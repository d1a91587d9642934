package heartbeat

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/internal/records"
)

// pingOpcode is the RFC 6455 opcode of a ping frame, which is the value of
// gorilla's websocket.PingMessage (conn.go: PingMessage = 9). Comparing
// the constant's value, not its name, also catches WriteControl(9, …).
const pingOpcode = 9

// The fix in msgPingNotShorter is gorilla's own (examples/chat/client.go:
// "Send pings to peer with this period. Must be less than pongWait.
// pingPeriod = (pongWait * 9) / 10"). coder/websocket's Ping "sends a ping
// to the peer and waits for a pong" until its context is done (conn.go),
// so the context timeout is the pong timeout.
const (
	msgReadNoDeadline = "%s in a loop on a websocket connection that never gets a read deadline: " +
		"a dead peer (a device that lost power, a dropped NAT mapping) is never noticed and the connection leaks; " +
		"call SetReadDeadline(time.Now().Add(pongWait)) before the loop and again in the pong handler"
	msgXNetReadNoDeadline = "%s in a loop on a websocket connection that never gets a read deadline: " +
		"a dead peer (a device that lost power, a dropped NAT mapping) is never noticed and the connection leaks; " +
		"call SetReadDeadline(time.Now().Add(timeout)) before each read"
	msgPingNotShorter = "websocket ping period %v is not shorter than the pong wait %v of the read deadline: " +
		"the deadline expires before the next pong can extend it, so healthy connections are dropped; " +
		"ping at 9/10 of the pong wait: pingPeriod = (pongWait * 9) / 10"
	msgCoderReadNoDeadline = "%s in a loop on a websocket connection with a context that never expires, and the package never " +
		"calls Ping: a dead peer (a device that lost power, a dropped NAT mapping) is never noticed and the connection leaks; " +
		"ping it every 25 s with a timeout (context.WithTimeout) from a goroutine, or give each read a context with a deadline"
	msgCoderPingTimeout = "Ping's context timeout %v is not shorter than the ping period %v: " +
		"a ping still waiting for its pong delays the next one and a dead peer is noticed late; " +
		"give each Ping a timeout below the period (half of it is a common choice)"
)

// wsState is what the walk collects about websocket connections.
type wsState struct {
	// directDeadline holds the connections (variables or fields) on
	// which SetReadDeadline or SetDeadline is called.
	directDeadline map[types.Object]bool
	// flows lists, per connection variable, the calls it is passed to.
	flows map[types.Object][]argFlow
	// callers lists, per function of this package, the calls that pass
	// it a connection variable.
	callers map[*types.Func][]argFlow
	// params indexes the connection parameters of this package's
	// functions; paramList keeps them in source order for the facts.
	params    map[*types.Var]paramRef
	paramList []*types.Var
	// summaries memoizes whether a function sets the read deadline of a
	// connection parameter (false while being computed: recursion).
	summaries map[*types.Var]bool
	// resetTickers are tickers whose period is changed with Reset.
	resetTickers map[types.Object]bool

	reads      []connCall
	coderReads []connCall // coder/websocket (and nhooyr) reads in loops
	coderPing  bool       // the package pings a coder/websocket connection somewhere
	pings      []connCall
	pongWaits  []pongWait
}

// argFlow is one connection variable passed as argument idx of fn.
type argFlow struct {
	arg types.Object
	fn  *types.Func
	idx int
}

// paramRef is parameter idx of fn.
type paramRef struct {
	fn  *types.Func
	idx int
}

// connCall is a read or ping call on a connection, inside a loop.
type connCall struct {
	cur  inspector.Cursor
	call *ast.CallExpr
	fn   *types.Func
	conn types.Object // nil when the connection is not a variable or field
	loop inspector.Cursor
}

// pongWait is the d of SetReadDeadline(time.Now().Add(d)) on a gorilla
// connection: the time a ping's pong may take before the read fails.
type pongWait struct {
	conn types.Object
	recv *types.TypeName // receiver type of the enclosing method, or nil
	wait ast.Expr
}

// isConn reports whether t is a websocket connection whose read deadline
// the analyzer follows (gorilla and x/net; coder/websocket has none).
func isConn(t types.Type) bool {
	return astutil.IsPointerTo(t, gorillaPkg, "Conn") || astutil.IsPointerTo(t, xnetPkg, "Conn")
}

// funcDecl indexes the connection parameters of a declared function.
func (c *checker) funcDecl(fd *ast.FuncDecl) {
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok || fd.Body == nil {
		return
	}
	params := fn.Signature().Params()
	for i := range params.Len() {
		if p := params.At(i); isConn(p.Type()) {
			if c.websocket.params == nil {
				c.websocket.params = make(map[*types.Var]paramRef)
			}
			c.websocket.params[p] = paramRef{fn, i}
			c.websocket.paramList = append(c.websocket.paramList, p)
		}
	}
}

// recordArgFlows remembers connection variables passed to a function, so
// that a helper that sets the deadline (configure(conn)) and a reader that
// gets an already configured connection (go readLoop(conn)) are followed.
func (c *checker) recordArgFlows(fn *types.Func, call *ast.CallExpr) {
	fn = fn.Origin()
	for i, arg := range call.Args {
		if !isConn(c.info.TypeOf(arg)) {
			continue
		}
		obj := c.objectOf(arg)
		if obj == nil {
			continue
		}
		flow := argFlow{obj, fn, i}
		c.websocket.flows[obj] = append(c.websocket.flows[obj], flow)
		if fn.Pkg() == c.pass.Pkg {
			c.websocket.callers[fn] = append(c.websocket.callers[fn], flow)
		}
	}
}

// websocketCall collects the calls of gorilla, x/net and coder websocket
// that matter: deadlines, reads in loops, pings in loops.
func (c *checker) websocketCall(cur inspector.Cursor, fn *types.Func, call *ast.CallExpr) {
	recv := selectorX(call)
	switch {
	case astutil.MethodIs(fn, gorillaPkg, "Conn", "SetReadDeadline"):
		c.deadline(recv)
		if wait, ok := c.nowPlus(call.Args[0]); ok {
			c.websocket.pongWaits = append(c.websocket.pongWaits, pongWait{c.objectOf(recv), receiverType(c.info, cur), wait})
		}
	case astutil.MethodIs(fn, xnetPkg, "Conn", "SetReadDeadline"), astutil.MethodIs(fn, xnetPkg, "Conn", "SetDeadline"):
		c.deadline(recv)
	case astutil.MethodIs(fn, gorillaPkg, "Conn", "ReadMessage"), astutil.MethodIs(fn, gorillaPkg, "Conn", "NextReader"),
		astutil.MethodIs(fn, gorillaPkg, "Conn", "ReadJSON"), astutil.MethodIs(fn, xnetPkg, "Conn", "Read"):
		c.inLoop(&c.websocket.reads, cur, fn, call, recv)
	case astutil.MethodIs(fn, xnetPkg, "Codec", "Receive"):
		c.inLoop(&c.websocket.reads, cur, fn, call, call.Args[0])
	case astutil.MethodIs(fn, gorillaPkg, "Conn", "WriteControl"), astutil.MethodIs(fn, gorillaPkg, "Conn", "WriteMessage"):
		if tv, ok := c.info.Types[call.Args[0]]; ok && tv.Value != nil && constant.Compare(tv.Value, token.EQL, constant.MakeInt64(pingOpcode)) {
			c.inLoop(&c.websocket.pings, cur, fn, call, recv)
		}
	case coderMethod(fn, "Ping"):
		c.websocket.coderPing = true
		c.inLoop(&c.websocket.pings, cur, fn, call, recv)
	case coderMethod(fn, "Read"), coderMethod(fn, "Reader"):
		c.inLoop(&c.websocket.coderReads, cur, fn, call, recv)
	case fn.Name() == "Read" && isCoder(strings.TrimSuffix(fn.Pkg().Path(), "/wsjson")) && len(call.Args) == 3:
		c.inLoop(&c.websocket.coderReads, cur, fn, call, call.Args[1]) // wsjson.Read(ctx, conn, &v)
	}
}

// inLoop appends the call to list when it runs once per loop iteration.
func (c *checker) inLoop(list *[]connCall, cur inspector.Cursor, fn *types.Func, call *ast.CallExpr, conn ast.Expr) {
	if loop, ok := astutil.EnclosingLoop(cur); ok {
		*list = append(*list, connCall{cur: cur, call: call, fn: fn, conn: c.objectOf(conn), loop: loop})
	}
}

func (c *checker) deadline(conn ast.Expr) {
	if obj := c.objectOf(conn); obj != nil {
		c.websocket.directDeadline[obj] = true
	}
}

// underlyingDeadline handles conn.UnderlyingConn().SetReadDeadline(…)
// and conn.NetConn().SetDeadline(…): the deadline of the net.Conn is the
// deadline of the websocket connection's reads.
func (c *checker) underlyingDeadline(call *ast.CallExpr) {
	inner, ok := ast.Unparen(selectorX(call)).(*ast.CallExpr)
	if !ok {
		return
	}
	fn := astutil.Callee(c.info, inner)
	if astutil.MethodIs(fn, gorillaPkg, "Conn", "UnderlyingConn") || astutil.MethodIs(fn, gorillaPkg, "Conn", "NetConn") {
		c.deadline(selectorX(inner))
	}
}

// nowPlus returns d of time.Now().Add(d).
func (c *checker) nowPlus(e ast.Expr) (ast.Expr, bool) {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok || len(call.Args) != 1 || !astutil.IsMethod(c.info, call, timePkg, "Time", "Add") {
		return nil, false
	}
	now, ok := ast.Unparen(selectorX(call)).(*ast.CallExpr)
	if !ok || !astutil.IsFunc(c.info, now, timePkg, "Now") {
		return nil, false
	}
	return call.Args[0], true
}

// receiverType returns the named type whose method contains cur, or nil.
func receiverType(info *types.Info, cur inspector.Cursor) *types.TypeName {
	decl, ok := astutil.EnclosingFuncDecl(cur)
	if !ok {
		return nil
	}
	fn, ok := info.Defs[decl.Node().(*ast.FuncDecl).Name].(*types.Func)
	if !ok || fn.Signature().Recv() == nil {
		return nil
	}
	t := fn.Signature().Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if named, ok := types.Unalias(t).(*types.Named); ok {
		return named.Origin().Obj()
	}
	return nil
}

// hasReadDeadline reports whether a read deadline is set on the
// connection conn designates: directly, through a helper it is passed to,
// through a variable or field it is copied from or into, and — when
// viaCallers — by a caller that passes it in as a parameter (any caller:
// the analyzer reports only connections that never get a deadline). The
// search is a reachability walk; seen stops cycles.
func (c *checker) hasReadDeadline(conn types.Object, viaCallers bool, seen map[types.Object]bool) bool {
	if seen[conn] {
		return false
	}
	seen[conn] = true
	ws := &c.websocket
	if ws.directDeadline[conn] {
		return true
	}
	for _, f := range ws.flows[conn] {
		if c.helperSetsDeadline(f.fn, f.idx) {
			return true
		}
	}
	for _, e := range c.assigns[conn] {
		if src := c.objectOf(e); src != nil && c.hasReadDeadline(src, viaCallers, seen) {
			return true
		}
	}
	for _, dst := range c.stores[conn] {
		if c.hasReadDeadline(dst, viaCallers, seen) {
			return true
		}
	}
	if p, ok := conn.(*types.Var); ok && viaCallers {
		if ref, ok := ws.params[p]; ok {
			for _, f := range ws.callers[ref.fn] {
				if f.idx == ref.idx && c.hasReadDeadline(f.arg, true, seen) {
					return true
				}
			}
		}
	}
	return false
}

// helperSetsDeadline reports whether fn sets the read deadline of the
// connection it receives as argument idx: from the summary of a function
// of this package, or from the fact of an imported one.
func (c *checker) helperSetsDeadline(fn *types.Func, idx int) bool {
	if fn.Pkg() != c.pass.Pkg {
		var fact setsReadDeadline
		return c.pass.ImportObjectFact(fn, &fact) && fact.sets(idx)
	}
	params := fn.Signature().Params()
	if idx >= params.Len() {
		return false
	}
	p := params.At(idx)
	if _, declared := c.websocket.params[p]; !declared {
		return false
	}
	return c.setsOwnParam(p)
}

// setsOwnParam reports whether the function declaring p sets the read
// deadline of p itself (its callers do not count: that is what makes it
// a helper).
func (c *checker) setsOwnParam(p *types.Var) bool {
	if v, ok := c.websocket.summaries[p]; ok {
		return v
	}
	c.websocket.summaries[p] = false
	v := c.hasReadDeadline(p, false, make(map[types.Object]bool))
	c.websocket.summaries[p] = v
	return v
}

// reportReadLoops reports the reads in loops on connections that never
// get a read deadline, once per connection and loop.
func (c *checker) reportReadLoops() {
	type key struct {
		conn types.Object
		loop ast.Node
	}
	reported := make(map[key]bool)
	for _, r := range c.websocket.reads {
		k := key{r.conn, r.loop.Node()}
		if r.conn == nil || reported[k] || c.hasReadDeadline(r.conn, true, make(map[types.Object]bool)) || deadlineIsCallers(c.pass.TypesInfo, r.cur) {
			continue
		}
		reported[k] = true
		format := msgReadNoDeadline
		if astutil.PathIs(r.fn.Pkg().Path(), xnetPkg) {
			format = msgXNetReadNoDeadline
		}
		c.pass.Report(analysis.Diagnostic{
			Pos:     callPos(r.call),
			End:     r.call.End(),
			Message: fmt.Sprintf(format, r.fn.Name()),
		})
	}
}

// deadlineIsCallers reports whether the read at cur is inside the Read
// method of a net.Conn-style adapter: a Read(p []byte) (int, error) whose
// receiver type also offers SetReadDeadline or SetDeadline. Such a type
// (paho's websocketConnector, a websocket-as-net.Conn wrapper) loops over
// frames inside one Read call, and the deadline is its callers' to set
// through its own SetReadDeadline — the net.Conn contract.
func deadlineIsCallers(info *types.Info, cur inspector.Cursor) bool {
	fc, ok := astutil.EnclosingFuncDecl(cur)
	if !ok {
		return false
	}
	decl := fc.Node().(*ast.FuncDecl)
	fn, ok := info.Defs[decl.Name].(*types.Func)
	if !ok || fn.Name() != "Read" {
		return false
	}
	sig := fn.Signature()
	if sig.Recv() == nil || sig.Params().Len() != 1 || sig.Results().Len() != 2 || !astutil.IsError(sig.Results().At(1).Type()) {
		return false
	}
	if s, ok := sig.Params().At(0).Type().(*types.Slice); !ok || !types.Identical(s.Elem(), types.Typ[types.Byte]) {
		return false
	}
	recv := sig.Recv().Type()
	if _, ok := recv.(*types.Pointer); !ok {
		recv = types.NewPointer(recv)
	}
	for _, name := range []string{"SetReadDeadline", "SetDeadline"} {
		if obj, _, _ := types.LookupFieldOrMethod(recv, true, fn.Pkg(), name); obj != nil {
			if m, ok := obj.(*types.Func); ok && m.Signature().Params().Len() == 1 {
				return true
			}
		}
	}
	return false
}

// finishPings records every ping loop as a heartbeat and reports the
// ones whose period cannot work.
func (c *checker) finishPings() {
	for _, p := range c.websocket.pings {
		period, at := c.pingPeriod(p)
		hb := records.Heartbeat{
			Kind:    records.WebSocketPing,
			Package: c.pass.Pkg.Path(),
			Func:    c.funcName(p.cur),
			Pos:     c.position(callPos(p.call)),
		}
		if period != nil {
			hb.Pos = c.position(at)
			hb.Interval = c.value(period)
		} else {
			at = callPos(p.call)
		}
		var timeout ast.Expr
		if astutil.PathIs(p.fn.Pkg().Path(), coderPkg) {
			timeout = c.contextTimeout(p.call.Args[0])
		} else {
			timeout = c.pongWaitFor(p)
		}
		if timeout != nil {
			hb.Timeout = c.value(timeout)
		}
		if period != nil && timeout != nil && !astutil.PathIs(p.fn.Pkg().Path(), coderPkg) {
			hb.Interval.Literal = c.pingLiteral(period, timeout)
		}
		c.records = append(c.records, hb)
		c.checkPing(p, hb, at, timeout)
	}
}

// pingLiteral is the span of a gorilla ping period written as a literal,
// for the chain's fix, when shortening it leaves the pong wait alone: a
// pong wait derived from the period (pongWait = pingPeriod * 10 / 9)
// would shrink with it, and the fix would change more than it says. A
// coder/websocket period gets none: its Ping timeout must stay below the
// period, which a shorter period may break.
func (c *checker) pingLiteral(period, pongWait ast.Expr) *records.Literal {
	if k := c.constOf(ast.Unparen(period)); k != nil && c.usesConst(pongWait, k, 8) {
		return nil
	}
	return c.literal(period, false)
}

// checkPing reports a ping period that is not shorter than the time the
// pong may take: gorilla's pong wait, or coder's Ping context timeout.
func (c *checker) checkPing(p connCall, hb records.Heartbeat, at token.Pos, timeout ast.Expr) {
	if !hb.Interval.Known || !hb.Timeout.Known {
		return
	}
	coder := astutil.PathIs(p.fn.Pkg().Path(), coderPkg)
	// gorilla: the pong must arrive before the deadline, so the period
	// must be shorter than the pong wait. coder: each Ping must give up
	// before the next one is due.
	if (!coder && hb.Interval.Duration < hb.Timeout.Duration) || (coder && hb.Timeout.Duration < hb.Interval.Duration) {
		return
	}
	d := analysis.Diagnostic{Pos: at}
	if coder {
		d.Message = fmt.Sprintf(msgCoderPingTimeout, hb.Timeout.Duration, hb.Interval.Duration)
		d.Related = []analysis.RelatedInformation{{Pos: timeout.Pos(), Message: "the Ping's context timeout is set here"}}
	} else {
		d.Message = fmt.Sprintf(msgPingNotShorter, hb.Interval.Duration, hb.Timeout.Duration)
		d.Related = []analysis.RelatedInformation{{Pos: c.valuePos(timeout), Message: "the pong wait is set here"}}
	}
	c.pass.Report(d)
}

// pingPeriod finds what paces the loop around a ping: the ticker or
// channel of the select case, or of the range, or a statement that waits
// in the loop body (<-ticker.C, time.Sleep). It returns the period
// expression and the call that sets it (time.NewTicker, time.Tick,
// time.Sleep), or nil when the pace is not visible.
func (c *checker) pingPeriod(p connCall) (ast.Expr, token.Pos) {
	loop := p.loop.Node()
	for cc := range p.cur.Enclosing((*ast.CommClause)(nil)) {
		if cc.Node().Pos() > loop.Pos() && cc.Node().End() <= loop.End() {
			if ch := commChannel(cc.Node().(*ast.CommClause)); ch != nil {
				return c.tickerPeriod(ch, 0)
			}
		}
		break
	}
	switch loop := loop.(type) {
	case *ast.RangeStmt:
		return c.tickerPeriod(loop.X, 0)
	case *ast.ForStmt:
		for _, stmt := range loop.Body.List {
			es, ok := stmt.(*ast.ExprStmt)
			if !ok {
				continue
			}
			switch x := ast.Unparen(es.X).(type) {
			case *ast.UnaryExpr:
				if x.Op == token.ARROW {
					return c.tickerPeriod(x.X, 0)
				}
			case *ast.CallExpr:
				if astutil.IsFunc(c.info, x, timePkg, "Sleep") {
					return x.Args[0], x.Pos()
				}
			}
		}
	}
	return nil, token.NoPos
}

// commChannel returns ch of a select case <-ch or v := <-ch.
func commChannel(cc *ast.CommClause) ast.Expr {
	var e ast.Expr
	switch s := cc.Comm.(type) {
	case *ast.ExprStmt:
		e = s.X
	case *ast.AssignStmt:
		if len(s.Rhs) == 1 {
			e = s.Rhs[0]
		}
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.ARROW {
		return u.X
	}
	return nil
}

// tickerPeriod returns the period of a channel that ticks: time.Tick(d),
// time.After(d), t.C of a ticker t := time.NewTicker(d) that is never
// Reset, or a variable holding one of those. depth bounds the variable
// chain.
func (c *checker) tickerPeriod(ch ast.Expr, depth int) (ast.Expr, token.Pos) {
	ch = ast.Unparen(ch)
	if call, ok := ch.(*ast.CallExpr); ok {
		if (astutil.IsFunc(c.info, call, timePkg, "Tick") || astutil.IsFunc(c.info, call, timePkg, "After") ||
			astutil.IsFunc(c.info, call, timePkg, "NewTicker")) && len(call.Args) == 1 {
			return call.Args[0], call.Pos()
		}
		return nil, token.NoPos
	}
	if depth > 2 {
		return nil, token.NoPos
	}
	if sel, ok := ch.(*ast.SelectorExpr); ok && astutil.IsField(c.info, sel, timePkg, "Ticker", "C") {
		ch = sel.X
	}
	obj := c.objectOf(ch)
	if obj == nil || c.websocket.resetTickers[obj] || len(c.assigns[obj]) != 1 {
		return nil, token.NoPos
	}
	return c.tickerPeriod(c.assigns[obj][0], depth+1)
}

// pongWaitFor returns the pong wait that applies to a gorilla ping: the
// d of SetReadDeadline(time.Now().Add(d)) — in the pong handler or before
// the read loop — on the same connection variable or field; else on a
// connection in a method of the same type (the pinger and the reader are
// often two methods that each receive the connection); else anywhere in
// the package. The first level that has deadlines decides (see agreed);
// nil when the package sets none.
func (c *checker) pongWaitFor(p connCall) ast.Expr {
	recv := receiverType(c.info, p.cur)
	var sameConn, sameType, all []ast.Expr
	for _, w := range c.websocket.pongWaits {
		all = append(all, w.wait)
		if p.conn != nil && w.conn == p.conn {
			sameConn = append(sameConn, w.wait)
		}
		if recv != nil && w.recv == recv {
			sameType = append(sameType, w.wait)
		}
	}
	for _, waits := range [][]ast.Expr{sameConn, sameType, all} {
		if len(waits) > 0 {
			return c.agreed(waits)
		}
	}
	return nil
}

// agreed returns the first of waits when they all fold to the same
// duration, else nil: with two different pong waits the analyzer does not
// know which one a ping races against.
func (c *checker) agreed(waits []ast.Expr) ast.Expr {
	first, ok := c.fold.Duration(waits[0])
	if !ok {
		return waits[0] // recorded as unknown
	}
	for _, w := range waits[1:] {
		if d, ok := c.fold.Duration(w); !ok || d != first {
			return nil
		}
	}
	return waits[0]
}

// contextTimeout returns d of the context a coder/websocket Ping waits
// with: ctx, cancel := context.WithTimeout(parent, d), or WithDeadline
// with time.Now().Add(d). Nil when the context has no visible timeout.
func (c *checker) contextTimeout(ctx ast.Expr) ast.Expr {
	obj := c.objectOf(ctx)
	if obj == nil || len(c.assigns[obj]) != 1 {
		return nil
	}
	call, ok := ast.Unparen(c.assigns[obj][0]).(*ast.CallExpr)
	if !ok || len(call.Args) != 2 {
		return nil
	}
	switch {
	case astutil.IsFunc(c.info, call, contextPkg, "WithTimeout"):
		return call.Args[1]
	case astutil.IsFunc(c.info, call, contextPkg, "WithDeadline"):
		if d, ok := c.nowPlus(call.Args[1]); ok {
			return d
		}
	}
	return nil
}

// isCoder reports whether path is coder/websocket or its former import
// path nhooyr.io/websocket, which has the same API.
func isCoder(path string) bool {
	return astutil.PathIs(path, coderPkg) || astutil.PathIs(path, nhooyrPkg)
}

// coderMethod reports whether fn is the method name of coder's (or
// nhooyr's) *Conn.
func coderMethod(fn *types.Func, name string) bool {
	return astutil.MethodIs(fn, coderPkg, "Conn", name) || astutil.MethodIs(fn, nhooyrPkg, "Conn", name)
}

// reportCoderReadLoops reports coder/websocket reads in loops when nothing
// notices a dead peer: coder's connections have no read deadline, so a
// read returns only when a frame arrives or its context ends. That needs
// either a Ping somewhere in the package (it fails when no pong comes) or
// a read context with a deadline. A read loop's context usually lives as
// long as the program (signal.NotifyContext, a parameter handed down from
// main); only a visible context.WithTimeout or WithDeadline, or a context
// made by a function the analyzer cannot see into, keeps it silent.
func (c *checker) reportCoderReadLoops() {
	if c.websocket.coderPing {
		return
	}
	reported := make(map[ast.Node]bool)
	for _, r := range c.websocket.coderReads {
		if reported[r.loop.Node()] || c.mayExpire(r.call.Args[0], r.cur, 0) {
			continue
		}
		reported[r.loop.Node()] = true
		c.pass.Report(analysis.Diagnostic{
			Pos:     callPos(r.call),
			End:     r.call.End(),
			Message: fmt.Sprintf(msgCoderReadNoDeadline, r.fn.Name()),
		})
	}
}

// mayExpire reports whether the context ctx, used at cur, may have a
// deadline: it is made by context.WithTimeout or WithDeadline (also as the
// parent of WithCancel or WithValue), or by a function other than the
// context package's, directly, through the variables or fields it is
// assigned from, or, for a parameter, at a call in this package.
func (c *checker) mayExpire(ctx ast.Expr, cur inspector.Cursor, depth int) bool {
	if depth > 4 {
		return true
	}
	switch e := ast.Unparen(ctx).(type) {
	case *ast.CallExpr:
		fn := astutil.Callee(c.info, e)
		switch {
		case astutil.FuncIs(fn, contextPkg, "Background"), astutil.FuncIs(fn, contextPkg, "TODO"),
			astutil.MethodIs(fn, "net/http", "Request", "Context"):
			return false
		case astutil.FuncIs(fn, contextPkg, "WithCancel"), astutil.FuncIs(fn, contextPkg, "WithValue"),
			astutil.FuncIs(fn, contextPkg, "WithCancelCause"), astutil.FuncIs(fn, contextPkg, "WithoutCancel"),
			astutil.FuncIs(fn, "os/signal", "NotifyContext"):
			return len(e.Args) > 0 && c.mayExpire(e.Args[0], cur, depth+1)
		}
		return true // WithTimeout, WithDeadline, or a helper's context
	case *ast.Ident, *ast.SelectorExpr:
		obj := c.objectOf(e)
		if obj == nil {
			return true
		}
		for _, d := range c.assigns[obj] {
			if c.mayExpire(d, cur, depth+1) {
				return true
			}
		}
		if p, ok := obj.(*types.Var); ok && !p.IsField() {
			return c.callerMayExpire(p, cur, depth)
		}
		return false
	}
	return true
}

// callerMayExpire reports whether a call in this package of the function
// declared around cur passes, for its parameter p, a context that may
// expire. A variable that is not a parameter has no callers: false.
func (c *checker) callerMayExpire(p *types.Var, cur inspector.Cursor, depth int) bool {
	decl, ok := astutil.EnclosingFuncDecl(cur)
	if !ok {
		return false
	}
	fn, ok := c.info.Defs[decl.Node().(*ast.FuncDecl).Name].(*types.Func)
	if !ok {
		return false
	}
	params := fn.Signature().Params()
	idx := -1
	for i := range params.Len() {
		if params.At(i) == p {
			idx = i
		}
	}
	if idx < 0 {
		return false
	}
	for call := range c.root.Preorder((*ast.CallExpr)(nil)) {
		n := call.Node().(*ast.CallExpr)
		if astutil.Callee(c.info, n) == fn && idx < len(n.Args) && c.mayExpire(n.Args[idx], call, depth+1) {
			return true
		}
	}
	return false
}
