package transportreuse

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
	"github.com/connlint/connlint/analyzers/internal/lint"
)

//go:embed doc.go
var docSource string

var doc = astutil.AnalyzerDoc(docSource, "transportreuse")

// Analyzer reports connection pools and connections created per request.
var Analyzer = lint.New(&analysis.Analyzer{
	Name:      "transportreuse",
	Doc:       doc,
	Requires:  []*analysis.Analyzer{lazyinspect.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(poolMaker), new(passesThrough)},
})

// includeTests is the -tests flag: test code is left out by default
// (lint.IsTestCode says why).
var includeTests bool

func init() { lint.TestsFlag(Analyzer, &includeTests) }

// maxHelperDepth is how many calls deep a creation is followed: a helper
// that creates a pool (1), a function that calls such a helper (2), and
// one more: client libraries layer a Transport constructor, a Client
// constructor that wraps it, and a helper type that embeds the Client.
const maxHelperDepth = 3

// maxFlowDepth bounds how many local variables a value is followed
// through; beyond it the value is assumed to be kept.
const maxFlowDepth = 4

// poolMaker is the fact exported for a function that creates a connection
// pool or a connection on every call, so that calls of it in a loop or a
// handler are reported, in its package and in the packages importing it.
type poolMaker struct {
	What      string // "an http.Transport", "a TLS connection", "a TCP connection"
	Returns   bool   // it returns what it creates; otherwise it uses and drops it
	Depth     int    // 1: it creates it itself; 2: through a helper
	AddrParam int    // for dials: the parameter the dialled address comes from, or -1
	At        string // where the pool or connection is created, as file.go:line
}

func (*poolMaker) AFact() {}

func (m *poolMaker) String() string {
	verb := "uses"
	if m.Returns {
		verb = "returns"
	}
	return fmt.Sprintf("creates and %s %s (depth %d)", verb, m.What, m.Depth)
}

// A creation is an expression that builds a connection pool or dials a
// connection.
type creation struct {
	cur    inspector.Cursor // the reported expression
	what   string           // for helper facts: "an http.Transport", …
	dial   *types.Func      // the dial function, for dials
	cloned bool             // (*http.Transport).Clone
}

// A helperCall is a call of a function of this package, or of an imported
// function known to create a pool on every call.
type helperCall struct {
	cur    inspector.Cursor
	callee *types.Func
}

type checker struct {
	pass      *analysis.Pass
	root      inspector.Cursor
	makers    map[*types.Func]*poolMaker
	origins   map[*types.Func]token.Pos // where a maker of this package creates the pool
	usedNames map[string]bool           // package-level names taken by suggested fixes

	paramFates map[paramKey]fate                // what functions of this package do with pools given to them
	decls      map[*types.Func]inspector.Cursor // the package's function declarations, built on demand
}

func run(pass *analysis.Pass) (any, error) {
	if !lint.Imports(pass.Pkg, httpmodel.NetHTTP, httpmodel.TLS, httpmodel.Net) && !importsMaker(pass) {
		return nil, nil
	}
	c := &checker{
		pass:      pass,
		root:      lazyinspect.Of(pass).Root(),
		makers:    make(map[*types.Func]*poolMaker),
		origins:   make(map[*types.Func]token.Pos),
		usedNames: make(map[string]bool),

		paramFates: make(map[paramKey]fate),
	}
	creations, calls := c.collect()
	for _, cr := range creations {
		c.checkCreation(cr)
	}
	// Each round promotes the callers of the makers found so far, one
	// level deeper.
	for range maxHelperDepth - 1 {
		if !c.promoteCallers(calls) {
			break
		}
	}
	for _, call := range calls {
		c.checkHelperCall(call)
	}
	for fn, m := range c.makers {
		pass.ExportObjectFact(fn, m)
	}
	c.exportPassesThrough()
	return nil, nil
}

// importsMaker reports whether a direct import of pass's package exports
// a poolMaker fact: such a package can contain a finding without
// importing net/http itself.
func importsMaker(pass *analysis.Pass) bool {
	for _, f := range pass.AllObjectFacts() {
		if _, ok := f.Fact.(*poolMaker); ok && f.Object.Pkg() != nil {
			for _, imp := range pass.Pkg.Imports() {
				if imp == f.Object.Pkg() {
					return true
				}
			}
		}
	}
	return false
}

// collect walks the package once and returns the creations and the calls
// that may call a pool maker.
func (c *checker) collect() ([]creation, []helperCall) {
	var creations []creation
	var calls []helperCall
	info := c.pass.TypesInfo
	for file := range c.root.Children() {
		if lint.SkipFile(c.pass, file.Node().(*ast.File), includeTests) {
			continue
		}
		for cur := range file.Preorder((*ast.CompositeLit)(nil), (*ast.CallExpr)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.CompositeLit:
				if astutil.IsNamed(info.TypeOf(n), httpmodel.NetHTTP, "Transport") {
					if parent, ok := cur.Parent().Node().(*ast.UnaryExpr); ok && parent.Op == token.AND {
						cur = cur.Parent()
					}
					creations = append(creations, creation{cur: cur, what: "an http.Transport"})
				}
			case *ast.CallExpr:
				if cr, ok := c.creationCall(cur, n); ok {
					creations = append(creations, cr)
				} else if fn := typeutil.StaticCallee(info, n); fn != nil && c.mayMake(fn) {
					calls = append(calls, helperCall{cur: cur, callee: fn})
				}
			}
		}
	}
	return creations, calls
}

// mayMake reports whether fn is a function of this package (it may turn
// out to be a pool maker) or an imported one that is known to be.
func (c *checker) mayMake(fn *types.Func) bool {
	if fn.Pkg() == c.pass.Pkg {
		return true
	}
	return fn.Pkg() != nil && c.pass.ImportObjectFact(fn, new(poolMaker))
}

// creationCall recognises new(http.Transport), (*http.Transport).Clone and
// the dial functions.
func (c *checker) creationCall(cur inspector.Cursor, call *ast.CallExpr) (creation, bool) {
	info := c.pass.TypesInfo
	if b, ok := typeutil.Callee(info, call).(*types.Builtin); ok {
		if b.Name() == "new" && astutil.IsPointerTo(info.TypeOf(call), httpmodel.NetHTTP, "Transport") {
			return creation{cur: cur, what: "an http.Transport"}, true
		}
		return creation{}, false
	}
	fn := astutil.Callee(info, call)
	switch {
	case astutil.MethodIs(fn, httpmodel.NetHTTP, "Transport", "Clone"):
		return creation{cur: cur, what: "an http.Transport", cloned: true}, true
	case dialAddrIndex(fn) >= 0:
		what := "a TCP connection"
		if fn.Pkg().Path() == httpmodel.TLS {
			what = "a TLS connection"
		}
		return creation{cur: cur, what: what, dial: fn}, true
	}
	return creation{}, false
}

// dialAddrIndex returns the index of the address parameter of a dial
// function, or -1 when fn does not dial.
func dialAddrIndex(fn *types.Func) int {
	switch {
	case astutil.FuncIs(fn, httpmodel.Net, "Dial"),
		astutil.FuncIs(fn, httpmodel.Net, "DialTimeout"),
		astutil.FuncIs(fn, httpmodel.TLS, "Dial"),
		astutil.MethodIs(fn, httpmodel.Net, "Dialer", "Dial"),
		astutil.MethodIs(fn, httpmodel.TLS, "Dialer", "Dial"):
		return 1
	case astutil.FuncIs(fn, httpmodel.Net, "DialTCP"),
		astutil.FuncIs(fn, httpmodel.TLS, "DialWithDialer"),
		astutil.MethodIs(fn, httpmodel.Net, "Dialer", "DialContext"),
		astutil.MethodIs(fn, httpmodel.TLS, "Dialer", "DialContext"):
		return 2
	}
	return -1
}

// checkCreation reports a creation in a per-request context, or records
// its function as a pool maker when the function creates a pool on every
// call without keeping it.
func (c *checker) checkCreation(cr creation) {
	ctx := c.contextOf(cr.cur)
	if !ctx.valid {
		return
	}
	if cr.dial != nil {
		c.checkDial(cr, ctx)
		return
	}
	fate := c.newFlow(ctx).fateOf(cr.cur)
	if ctx.kind == inLoop && fate == returned {
		// Returned from inside a loop: created once per call of the
		// function around the loop, which makes that function a maker.
		ctx = c.contextOf(ctx.loopCur)
	}
	switch {
	case !ctx.valid || fate == kept:
	case ctx.kind != noContext:
		if fate == dies {
			c.reportCreation(cr, ctx)
		}
	default:
		c.addMaker(ctx.fn, &poolMaker{What: cr.what, Returns: fate == returned, Depth: 1, AddrParam: -1, At: c.where(cr.cur.Node().Pos())}, cr.cur.Node().Pos())
	}
}

// checkDial reports a dial whose connection serves one exchange and is
// closed before the request or iteration ends.
func (c *checker) checkDial(cr creation, ctx context) {
	if !c.dialedForOneExchange(cr, ctx) {
		return
	}
	addr := argAt(cr.cur, dialAddrIndex(cr.dial))
	switch ctx.kind {
	case inLoop:
		if !c.derivesFrom(addr, loopVars(c.pass.TypesInfo, ctx.loop), ctx.loop, 0) {
			c.report(cr.cur.Node(), dialMessage(cr.dial, ctx), nil)
		}
	case inHandler:
		c.report(cr.cur.Node(), dialMessage(cr.dial, ctx), nil)
	default:
		m := &poolMaker{What: cr.what, Depth: 1, AddrParam: c.paramIndex(addr, ctx.fn), At: c.where(cr.cur.Node().Pos())}
		c.addMaker(ctx.fn, m, cr.cur.Node().Pos())
	}
}

// argAt returns the cursor of argument i of the call at call, or an
// invalid cursor when the call has fewer arguments (a spread variadic).
func argAt(call inspector.Cursor, i int) inspector.Cursor {
	if i >= len(call.Node().(*ast.CallExpr).Args) {
		return inspector.Cursor{}
	}
	return call.ChildAt(edge.CallExpr_Args, i)
}

// addMaker records fn as a pool maker, unless fn runs once by
// construction (main, init) or is already recorded.
func (c *checker) addMaker(decl *ast.FuncDecl, m *poolMaker, origin token.Pos) bool {
	if decl.Recv == nil && (decl.Name.Name == "init" || decl.Name.Name == "main" && c.pass.Pkg.Name() == "main") {
		return false
	}
	fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok || c.makers[fn] != nil {
		return false
	}
	c.makers[fn] = m
	c.origins[fn] = origin
	return true
}

// promoteCallers records, as makers one level deeper, the functions of
// this package that call a maker on every call without keeping its result.
// It reports whether it found a new one.
func (c *checker) promoteCallers(calls []helperCall) bool {
	type promotion struct {
		decl   *ast.FuncDecl
		maker  *poolMaker
		origin token.Pos
	}
	var found []promotion
	for _, call := range calls {
		m, origin := c.makerOf(call.callee)
		if m == nil || m.Depth >= maxHelperDepth {
			continue
		}
		ctx := c.contextOf(call.cur)
		if !ctx.valid || ctx.kind != noContext {
			continue
		}
		if fn := c.pass.TypesInfo.Defs[ctx.fn.Name]; fn == call.callee {
			continue // recursion
		}
		fate := dies
		if m.Returns {
			if fate = c.newFlow(ctx).fateOf(call.cur); fate == kept {
				continue
			}
		}
		addr := -1
		if m.AddrParam >= 0 {
			addr = c.paramIndex(argAt(call.cur, m.AddrParam), ctx.fn)
		}
		found = append(found, promotion{ctx.fn, &poolMaker{What: m.What, Returns: fate == returned, Depth: m.Depth + 1, AddrParam: addr, At: m.At}, origin})
	}
	added := false
	for _, p := range found {
		added = c.addMaker(p.decl, p.maker, p.origin) || added
	}
	return added
}

// makerOf returns the maker fact of fn, from this package or imported,
// and the position of its creation when it is in this package.
func (c *checker) makerOf(fn *types.Func) (*poolMaker, token.Pos) {
	if m := c.makers[fn]; m != nil {
		return m, c.origins[fn]
	}
	m := new(poolMaker)
	if fn.Pkg() != c.pass.Pkg && c.pass.ImportObjectFact(fn, m) {
		return m, token.NoPos
	}
	return nil, token.NoPos
}

// checkHelperCall reports the call of a pool maker in a per-request
// context.
func (c *checker) checkHelperCall(call helperCall) {
	m, origin := c.makerOf(call.callee)
	if m == nil {
		return
	}
	ctx := c.contextOf(call.cur)
	if !ctx.valid || ctx.kind == noContext {
		return
	}
	if m.Returns && c.newFlow(ctx).fateOf(call.cur) != dies {
		return
	}
	if m.AddrParam >= 0 && ctx.kind == inLoop {
		if c.derivesFrom(argAt(call.cur, m.AddrParam), loopVars(c.pass.TypesInfo, ctx.loop), ctx.loop, 0) {
			return
		}
	}
	msg := helperMessage(call.callee, c.pass.Pkg, m, ctx)
	var related []analysis.RelatedInformation
	if origin.IsValid() {
		related = append(related, analysis.RelatedInformation{Pos: origin, Message: fmt.Sprintf("%s is created here", m.What)})
	} else {
		// Created in another package: its position is known only as text
		// (facts hold no positions); the helper's declaration is the
		// position every importer can resolve.
		name := astutil.FuncName(call.callee, c.pass.Pkg)
		if m.At != "" {
			msg += fmt.Sprintf(" (%s is created at %s)", strings.TrimPrefix(strings.TrimPrefix(m.What, "an "), "a "), m.At)
		}
		related = append(related, analysis.RelatedInformation{Pos: call.callee.Pos(), Message: fmt.Sprintf("%s creates %s on every call", name, m.What)})
	}
	c.report(call.cur.Node(), msg, related)
}

// where names pos as file.go:line, for facts and messages.
func (c *checker) where(pos token.Pos) string {
	p := c.pass.Fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

func (c *checker) reportCreation(cr creation, ctx context) {
	var fixes []analysis.SuggestedFix
	if fix, ok := c.hoistFix(cr, ctx); ok {
		fixes = append(fixes, fix)
	}
	c.pass.Report(analysis.Diagnostic{
		Pos:            cr.cur.Node().Pos(),
		End:            cr.cur.Node().End(),
		Message:        transportMessage(cr.cloned, ctx),
		SuggestedFixes: fixes,
	})
}

func (c *checker) report(n ast.Node, msg string, related []analysis.RelatedInformation) {
	c.pass.Report(analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Message: msg, Related: related})
}

// Messages.

func where(ctx context) (place, cost string) {
	if ctx.kind == inLoop {
		return "inside a loop", "every iteration"
	}
	return "inside an HTTP handler", "every request"
}

func transportMessage(cloned bool, ctx context) string {
	place, cost := where(ctx)
	fix := "create the Transport once (package level or in a constructor) and reuse it"
	if ctx.kind == inLoop {
		fix = "create the Transport once before the loop and reuse it"
	}
	if cloned {
		return fmt.Sprintf("http.Transport cloned %s: the clone starts with an empty connection pool, so %s opens new TCP and TLS connections; %s", place, cost, strings.Replace(fix, "create", "clone", 1))
	}
	return fmt.Sprintf("http.Transport created %s: %s opens new TCP and TLS connections; %s", place, cost, fix)
}

func dialMessage(fn *types.Func, ctx context) string {
	place, cost := where(ctx)
	handshake := "a TCP handshake"
	if fn.Pkg().Path() == httpmodel.TLS {
		handshake = "TCP and TLS handshakes"
	}
	return fmt.Sprintf("%s %s for a single exchange: %s pays %s; keep one connection open and reuse it, or send through a shared http.Client", astutil.FuncName(fn, nil), place, cost, handshake)
}

func helperMessage(fn *types.Func, from *types.Package, m *poolMaker, ctx context) string {
	place, cost := where(ctx)
	fix := "create it once and reuse it"
	if m.Returns {
		fix = "call it once (package level or in a constructor) and reuse the result"
		if ctx.kind == inLoop {
			fix = "call it once before the loop and reuse the result"
		}
	}
	return fmt.Sprintf("%s creates %s on every call and is called %s: %s opens new connections; %s", astutil.FuncName(fn, from), m.What, place, cost, fix)
}

// Per-request contexts.

type contextKind int

const (
	noContext contextKind = iota // runs once per call of its function
	inHandler                    // runs once per HTTP request
	inLoop                       // runs once per loop iteration
)

// A context is where a creation runs. Values declared outside scope live
// longer than one request or iteration.
type context struct {
	valid   bool // false at package level, under sync.Once, or in a func value of unknown use
	kind    contextKind
	scope   ast.Node         // the loop body, the handler's body or the function's body
	loop    ast.Node         // the *ast.ForStmt or *ast.RangeStmt, when kind == inLoop
	loopCur inspector.Cursor // the loop's cursor, when kind == inLoop
	fn      *ast.FuncDecl    // the enclosing declaration, when kind == noContext
	body    inspector.Cursor
}

// contextOf finds the innermost loop body or handler around cur, looking
// through function literals that run where they are written (called at
// once, by go or defer, or passed to a call as a callback).
func (c *checker) contextOf(cur inspector.Cursor) context {
	info := c.pass.TypesInfo
	for ; ; cur = cur.Parent() {
		parent := cur.Parent()
		if !parent.Valid() {
			return context{}
		}
		switch p := parent.Node().(type) {
		case *ast.ForStmt:
			if cur.ParentEdgeKind() == edge.ForStmt_Body {
				return context{valid: true, kind: inLoop, scope: p.Body, loop: p, loopCur: parent, body: c.funcBody(parent)}
			}
		case *ast.RangeStmt:
			if cur.ParentEdgeKind() == edge.RangeStmt_Body {
				return context{valid: true, kind: inLoop, scope: p.Body, loop: p, loopCur: parent, body: c.funcBody(parent)}
			}
		case *ast.FuncLit:
			if httpmodel.IsHandlerFunc(info, p) {
				return context{valid: true, kind: inHandler, scope: p.Body, body: c.funcBody(parent)}
			}
			if !c.runsInPlace(parent) {
				return context{}
			}
		case *ast.FuncDecl:
			if p.Body == nil {
				return context{}
			}
			ctx := context{valid: true, kind: noContext, scope: p.Body, fn: p, body: parent}
			if httpmodel.IsHandlerFunc(info, p) {
				ctx.kind = inHandler
			}
			return ctx
		case *ast.File:
			return context{}
		}
	}
}

// funcBody returns the outermost function declaration around cur: the
// region in which the uses of a local variable are searched.
func (c *checker) funcBody(cur inspector.Cursor) inspector.Cursor {
	for decl := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return decl
	}
	return cur
}

// runsInPlace reports whether the function literal at lit runs within the
// code around it: called at once (also by go and defer) or passed as a
// callback. A literal given to sync.Once and its relatives runs once.
func (c *checker) runsInPlace(lit inspector.Cursor) bool {
	call, ok := lit.Parent().Node().(*ast.CallExpr)
	if !ok {
		return false
	}
	switch lit.ParentEdgeKind() {
	case edge.CallExpr_Fun:
		return true
	case edge.CallExpr_Args:
		return !c.isOnce(call)
	}
	return false
}

func (c *checker) isOnce(call *ast.CallExpr) bool {
	fn := astutil.Callee(c.pass.TypesInfo, call)
	return astutil.MethodIs(fn, "sync", "Once", "Do") ||
		astutil.FuncIs(fn, "sync", "OnceFunc") ||
		astutil.FuncIs(fn, "sync", "OnceValue") ||
		astutil.FuncIs(fn, "sync", "OnceValues")
}

// Value flow: does a created value die within its context?

// fate is what becomes of a value; a later fate is the stronger.
type fate int

const (
	dies     fate = iota // used and dropped within the context
	returned             // returned to the caller
	kept                 // stored where it outlives the context
)

// A flow follows values within one context.
type flow struct {
	c     *checker
	scope ast.Node
	body  inspector.Cursor
	depth int
}

func (c *checker) newFlow(ctx context) *flow {
	return &flow{c: c, scope: ctx.scope, body: ctx.body}
}

// fateOf follows the value of the expression at cur outwards: through
// parentheses, &, conversions and the composite literals that wrap it, to
// the statement that stores, returns, passes or uses it.
func (f *flow) fateOf(cur inspector.Cursor) fate {
	info := f.c.pass.TypesInfo
	for {
		parent := cur.Parent()
		kind, index := cur.ParentEdge()
		switch p := parent.Node().(type) {
		case *ast.ParenExpr, *ast.CompositeLit:
			cur = parent
			continue
		case *ast.UnaryExpr:
			if p.Op == token.AND {
				cur = parent
				continue
			}
		case *ast.KeyValueExpr:
			if kind != edge.KeyValueExpr_Value {
				return kept // a map key
			}
			cur = parent.Parent()
			continue
		case *ast.AssignStmt:
			if kind == edge.AssignStmt_Rhs {
				return f.fateOfStore(p.Lhs[min(index, len(p.Lhs)-1)])
			}
		case *ast.ValueSpec:
			if kind == edge.ValueSpec_Values {
				return f.fateOfStore(p.Names[min(index, len(p.Names)-1)])
			}
		case *ast.SelectorExpr:
			if call, ok := parent.Parent().Node().(*ast.CallExpr); ok && call.Fun == p {
				return dies // a method called on it
			}
			cur = parent // a field read or a method value: it carries the value along
			continue
		case *ast.ReturnStmt:
			return returned
		case *ast.SendStmt:
			return kept
		case *ast.CallExpr:
			if kind != edge.CallExpr_Args {
				return dies
			}
			if tv, ok := info.Types[p.Fun]; ok && tv.IsType() {
				cur = parent // a conversion
				continue
			}
			return f.fateOfArg(parent, p, index)
		}
		return dies
	}
}

// fateOfArg is the fate of a value passed as argument index of call.
func (f *flow) fateOfArg(callCur inspector.Cursor, call *ast.CallExpr, index int) fate {
	info := f.c.pass.TypesInfo
	if _, ok := callCur.Parent().Node().(*ast.GoStmt); ok {
		return kept // handed to a goroutine that outlives the context
	}
	switch callee := typeutil.Callee(info, call).(type) {
	case *types.Builtin:
		if callee.Name() == "append" {
			return kept
		}
		return dies
	case *types.Func:
		if callee.Pkg() != nil && callee.Pkg().Path() == "sync" {
			return kept // sync.Map.Store and the like
		}
		if isWebsocketDial(callee) {
			return kept // the pool serves one long-lived connection
		}
	}
	// A value handed to an interface or func parameter (http.Handler,
	// http.RoundTripper, any, a method value as callback) may be kept by
	// whatever receives it: a router, a registry. A concrete parameter
	// only lets it flow into the call's result.
	if sig, ok := types.Unalias(info.TypeOf(call.Fun)).Underlying().(*types.Signature); ok {
		switch types.Unalias(astutil.ParamType(sig, index)).Underlying().(type) {
		case *types.Interface, *types.Signature:
			// Unless the callee is known to only wrap it into its result
			// (a logging RoundTripper around a Transport) or drop it.
			switch f.c.paramFate(typeutil.StaticCallee(info, call), index) {
			case dies:
				return dies
			case returned:
				return f.fateOf(callCur)
			}
			return kept
		}
	}
	if f.fateOf(callCur) == kept {
		return kept
	}
	return dies
}

// websocketDials are the websocket clients whose Dial takes an
// http.Client in its options: the handshake's connection is hijacked and
// lives on as the websocket, so a Transport per dial costs nothing a new
// connection does not already cost.
var websocketDials = [...]string{"github.com/coder/websocket", "nhooyr.io/websocket"}

func isWebsocketDial(fn *types.Func) bool {
	for _, path := range websocketDials {
		if astutil.FuncIs(fn, path, "Dial") {
			return true
		}
	}
	return false
}

// fateOfStore is the fate of a value assigned to lhs.
func (f *flow) fateOfStore(lhs ast.Expr) fate {
	switch l := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if l.Name == "_" {
			return dies
		}
		return f.fateOfVar(f.c.localVar(l, f.scope))
	case *ast.SelectorExpr:
		// A field of a local struct lives as long as the struct.
		if root, ok := rootIdent(l.X); ok {
			if v := f.c.localVar(root, f.scope); v != nil {
				return f.fateOfVar(v)
			}
		}
	}
	return kept // a field, a map or slice element, a pointer's target, a global
}

// localVar returns the variable id denotes when it is declared inside
// scope, and nil for package-level, outer and captured variables.
func (c *checker) localVar(id *ast.Ident, scope ast.Node) *types.Var {
	v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if !ok || v.Pkg() != c.pass.Pkg || v.Parent() == c.pass.Pkg.Scope() {
		return nil
	}
	if v.Pos() < scope.Pos() || v.Pos() >= scope.End() {
		return nil
	}
	return v
}

func rootIdent(e ast.Expr) (*ast.Ident, bool) {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return x, true
		case *ast.SelectorExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return nil, false
		}
	}
}

// fateOfVar is the strongest fate among the uses of a local variable. A
// nil v (not local to the context) is kept.
func (f *flow) fateOfVar(v *types.Var) fate {
	if v == nil || f.depth >= maxFlowDepth {
		return kept
	}
	f.depth++
	defer func() { f.depth-- }()
	result := dies
	for use := range f.c.usesOf(v, f.body) {
		if f.c.capturedByEscapingFunc(use, v) {
			return kept
		}
		result = max(result, f.fateOf(use))
		if result == kept {
			return kept
		}
	}
	return result
}

// usesOf yields the identifiers under body that use v.
func (c *checker) usesOf(v *types.Var, body inspector.Cursor) func(yield func(inspector.Cursor) bool) {
	return func(yield func(inspector.Cursor) bool) {
		for cur := range body.Preorder((*ast.Ident)(nil)) {
			if c.pass.TypesInfo.Uses[cur.Node().(*ast.Ident)] == v && !yield(cur) {
				return
			}
		}
	}
}

// capturedByEscapingFunc reports whether use lies in a function literal,
// nested inside v's scope, that may outlive it: a handler, or a literal
// that is returned or stored rather than run in place.
func (c *checker) capturedByEscapingFunc(use inspector.Cursor, v *types.Var) bool {
	for lit := range use.Enclosing((*ast.FuncLit)(nil)) {
		n := lit.Node().(*ast.FuncLit)
		if n.Pos() <= v.Pos() && v.Pos() < n.End() {
			return false // v is declared inside this literal
		}
		if httpmodel.IsHandlerFunc(c.pass.TypesInfo, n) || !c.runsInPlace(lit) {
			return true
		}
	}
	return false
}

// Dials.

// connUse sums up what a context does with a dialled connection.
type connUse struct {
	closed, exchanged, handedOff bool
	copiedIn, copiedOut          bool // destination, source of io.Copy
}

// dialedForOneExchange reports whether the connection dialled at cr is
// assigned to a variable of the context, written or read there, closed
// there, and handed to nothing that could keep it. A connection copied in
// both directions is a tunnel, one per client by nature.
func (c *checker) dialedForOneExchange(cr creation, ctx context) bool {
	assign, ok := cr.cur.Parent().Node().(*ast.AssignStmt)
	if !ok || cr.cur.ParentEdgeKind() != edge.AssignStmt_Rhs {
		return false
	}
	id, ok := assign.Lhs[0].(*ast.Ident)
	if !ok {
		return false
	}
	conn := c.localVar(id, ctx.scope)
	if conn == nil {
		return false // a connection kept across iterations: a reconnect loop
	}
	var use connUse
	c.classifyConnUses(conn, ctx, &use, 0)
	return use.closed && use.exchanged && !use.handedOff && !(use.copiedIn && use.copiedOut)
}

func (c *checker) classifyConnUses(conn *types.Var, ctx context, use *connUse, depth int) {
	if depth > 1 {
		use.handedOff = true
		return
	}
	for u := range c.usesOf(conn, ctx.body) {
		if c.capturedByEscapingFunc(u, conn) {
			use.handedOff = true
			return
		}
		c.classifyConnUse(u, ctx, use, depth)
	}
}

// classifyConnUse records what one use of a connection variable does.
func (c *checker) classifyConnUse(u inspector.Cursor, ctx context, use *connUse, depth int) {
	info := c.pass.TypesInfo
	parent := u.Parent()
	switch p := parent.Node().(type) {
	case *ast.SelectorExpr:
		call, ok := parent.Parent().Node().(*ast.CallExpr)
		if !ok || parent.ParentEdgeKind() != edge.CallExpr_Fun {
			return
		}
		fn := astutil.Callee(info, call)
		if fn == nil || fn.Pkg() == nil || (fn.Pkg().Path() != httpmodel.Net && fn.Pkg().Path() != httpmodel.TLS) {
			return
		}
		switch fn.Name() {
		case "Close":
			use.closed = true
		case "Read", "Write":
			use.exchanged = true
		}
	case *ast.CallExpr:
		if u.ParentEdgeKind() != edge.CallExpr_Args {
			return
		}
		c.classifyConnArg(parent, p, u.ParentEdgeIndex(), ctx, use, depth)
	case *ast.AssignStmt, *ast.ValueSpec, *ast.ReturnStmt, *ast.SendStmt,
		*ast.CompositeLit, *ast.KeyValueExpr, *ast.UnaryExpr:
		use.handedOff = true
	}
}

// classifyConnArg records what passing a connection to call does.
func (c *checker) classifyConnArg(callCur inspector.Cursor, call *ast.CallExpr, index int, ctx context, use *connUse, depth int) {
	fn := astutil.Callee(c.pass.TypesInfo, call)
	switch {
	case fn == nil:
		use.handedOff = true
	case astutil.FuncIs(fn, "io", "Copy"), astutil.FuncIs(fn, "io", "CopyBuffer"), astutil.FuncIs(fn, "io", "CopyN"):
		use.exchanged = true
		if index == 0 {
			use.copiedIn = true
		} else {
			use.copiedOut = true
		}
	case astutil.FuncIs(fn, httpmodel.TLS, "Client"):
		// The TLS connection wraps the dialled one: its uses count.
		if wrapped := c.assignedVar(callCur, ctx); wrapped != nil {
			c.classifyConnUses(wrapped, ctx, use, depth+1)
		} else {
			use.handedOff = true
		}
	case isExchange(fn):
		use.exchanged = true
	default:
		use.handedOff = true
	}
}

// isExchange reports whether passing a connection to fn writes to it or
// reads from it right there.
func isExchange(fn *types.Func) bool {
	if fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "fmt", "io", "bufio", "encoding/json", "encoding/binary", "encoding/gob", "net/textproto":
		return true
	}
	return astutil.MethodIs(fn, httpmodel.NetHTTP, "Request", "Write") ||
		astutil.MethodIs(fn, httpmodel.NetHTTP, "Response", "Write")
}

// assignedVar returns the context-local variable that the value of the
// expression at cur is assigned to, if any.
func (c *checker) assignedVar(cur inspector.Cursor, ctx context) *types.Var {
	assign, ok := cur.Parent().Node().(*ast.AssignStmt)
	if !ok || cur.ParentEdgeKind() != edge.AssignStmt_Rhs {
		return nil
	}
	id, ok := assign.Lhs[0].(*ast.Ident)
	if !ok {
		return nil
	}
	return c.localVar(id, ctx.scope)
}

// loopVars returns the variables a loop declares in its header: the range
// key and value, the for statement's init variables.
func loopVars(info *types.Info, loop ast.Node) map[types.Object]bool {
	vars := make(map[types.Object]bool)
	add := func(e ast.Expr) {
		if id, ok := e.(*ast.Ident); ok && info.ObjectOf(id) != nil {
			vars[info.ObjectOf(id)] = true
		}
	}
	switch l := loop.(type) {
	case *ast.RangeStmt:
		add(l.Key)
		add(l.Value)
	case *ast.ForStmt:
		if init, ok := l.Init.(*ast.AssignStmt); ok {
			for _, lhs := range init.Lhs {
				add(lhs)
			}
		}
	}
	return vars
}

// derivesFrom reports whether the expression at cur mentions one of vars,
// directly or through a local variable declared within region from an
// expression that does (followed one assignment deep).
func (c *checker) derivesFrom(cur inspector.Cursor, vars map[types.Object]bool, region ast.Node, depth int) bool {
	if !cur.Valid() {
		return false
	}
	info := c.pass.TypesInfo
	for id := range cur.Preorder((*ast.Ident)(nil)) {
		obj := info.Uses[id.Node().(*ast.Ident)]
		if obj == nil {
			continue
		}
		if vars[obj] {
			return true
		}
		if depth == 0 && region.Pos() <= obj.Pos() && obj.Pos() < region.End() {
			if def, ok := c.definition(obj); ok && c.derivesFrom(def, vars, region, depth+1) {
				return true
			}
		}
	}
	return false
}

// definition returns the expression a local variable is initialised with
// in its := or var declaration.
func (c *checker) definition(obj types.Object) (inspector.Cursor, bool) {
	id, ok := c.root.FindByPos(obj.Pos(), obj.Pos())
	if !ok {
		return inspector.Cursor{}, false
	}
	kind, _ := id.ParentEdge()
	switch p := id.Parent().Node().(type) {
	case *ast.AssignStmt:
		if kind == edge.AssignStmt_Lhs && len(p.Rhs) > 0 {
			i := min(id.ParentEdgeIndex(), len(p.Rhs)-1)
			return id.Parent().ChildAt(edge.AssignStmt_Rhs, i), true
		}
	case *ast.ValueSpec:
		if kind == edge.ValueSpec_Names && len(p.Values) > 0 {
			i := min(id.ParentEdgeIndex(), len(p.Values)-1)
			return id.Parent().ChildAt(edge.ValueSpec_Values, i), true
		}
	}
	return inspector.Cursor{}, false
}

// paramIndex returns the index of the parameter of decl that the
// expression at cur derives from, or -1.
func (c *checker) paramIndex(cur inspector.Cursor, decl *ast.FuncDecl) int {
	sig := httpmodel.FuncSignature(c.pass.TypesInfo, decl)
	if sig == nil {
		return -1
	}
	for i := range sig.Params().Len() {
		param := map[types.Object]bool{sig.Params().At(i): true}
		if c.derivesFrom(cur, param, decl.Body, 0) {
			return i
		}
	}
	return -1
}

// Suggested fix.

// hoistFix moves a &http.Transport{...} literal created per request to a
// new package-level variable. It is offered only when the literal refers
// to no local name, so that it means the same at package level.
func (c *checker) hoistFix(cr creation, ctx context) (analysis.SuggestedFix, bool) {
	addr, ok := cr.cur.Node().(*ast.UnaryExpr)
	if !ok || ctx.kind == noContext || c.pass.ReadFile == nil || !c.onlyPackageNames(cr.cur) {
		return analysis.SuggestedFix{}, false
	}
	decl, ok := topLevelDecl(cr.cur)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	tokFile := c.pass.Fset.File(addr.Pos())
	src, err := c.pass.ReadFile(tokFile.Name())
	if err != nil || tokFile.Size() != len(src) {
		return analysis.SuggestedFix{}, false
	}
	name := c.freshName(addr.Pos())
	literal := dedent(string(src[tokFile.Offset(addr.Pos()):tokFile.Offset(addr.End())]), lineIndent(src, tokFile.Offset(addr.Pos())))
	return analysis.SuggestedFix{
		Message: fmt.Sprintf("move the Transport to the package-level variable %s", name),
		TextEdits: []analysis.TextEdit{
			{Pos: addr.Pos(), End: addr.End(), NewText: []byte(name)},
			{Pos: decl.End(), End: decl.End(), NewText: []byte("\n\nvar " + name + " = " + literal)},
		},
	}, true
}

// onlyPackageNames reports whether every name under cur denotes something
// visible at package level: a package-level or imported object, a
// predeclared one, or a field or method selected from such a value.
func (c *checker) onlyPackageNames(cur inspector.Cursor) bool {
	info := c.pass.TypesInfo
	for id := range cur.Preorder((*ast.Ident)(nil)) {
		obj := info.Uses[id.Node().(*ast.Ident)]
		if obj == nil {
			continue // a field key of the literal
		}
		switch scope := obj.Parent(); scope {
		case nil, types.Universe, c.pass.Pkg.Scope():
			// nil: a field or method, reached from a name checked here
		default:
			if _, isImport := obj.(*types.PkgName); !isImport && obj.Pkg() == c.pass.Pkg {
				return false
			}
		}
	}
	return true
}

// freshName returns a package-level name that is free in the package and
// not shadowed at pos, and not yet used by another fix of this pass.
func (c *checker) freshName(pos token.Pos) string {
	inner := c.pass.Pkg.Scope().Innermost(pos)
	for i := 1; ; i++ {
		name := "sharedTransport"
		if i > 1 {
			name = fmt.Sprintf("sharedTransport%d", i)
		}
		if c.usedNames[name] || c.pass.Pkg.Scope().Lookup(name) != nil {
			continue
		}
		if inner != nil {
			if _, obj := inner.LookupParent(name, pos); obj != nil {
				continue
			}
		}
		c.usedNames[name] = true
		return name
	}
}

func topLevelDecl(cur inspector.Cursor) (ast.Node, bool) {
	for d := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.GenDecl)(nil)) {
		if _, ok := d.Parent().Node().(*ast.File); ok {
			return d.Node(), true
		}
	}
	return nil, false
}

// lineIndent returns the leading white space of the line holding offset.
func lineIndent(src []byte, offset int) string {
	start := strings.LastIndexByte(string(src[:offset]), '\n') + 1
	end := start
	for end < len(src) && (src[end] == '\t' || src[end] == ' ') {
		end++
	}
	return string(src[start:end])
}

// dedent removes indent from the start of every line of text but the
// first, so that a literal moved to package level keeps gofmt's layout.
func dedent(text, indent string) string {
	lines := strings.Split(text, "\n")
	for i := 1; i < len(lines); i++ {
		lines[i] = strings.TrimPrefix(lines[i], indent)
	}
	return strings.Join(lines, "\n")
}

// Wrappers: where a pool handed to an interface parameter goes.

// passesThrough is the fact of a function that neither stores nor hands
// on the pool given as one of its interface parameters: it wraps it into
// its result (Returned: a logging or auth RoundTripper around a Transport)
// or uses and drops it (Dropped). A pool given to any other interface
// parameter may be kept by the callee, and is not reported.
type passesThrough struct {
	Returned []int
	Dropped  []int
}

func (*passesThrough) AFact() {}

func (p *passesThrough) String() string {
	return fmt.Sprintf("wraps %v, drops %v", p.Returned, p.Dropped)
}

// paramFate returns what fn does with the pool passed as its parameter
// index: dies, returned (within its result), or kept.
func (c *checker) paramFate(fn *types.Func, index int) fate {
	if fn == nil || fn.Pkg() == nil {
		return kept
	}
	fn = fn.Origin()
	if fn.Pkg() != c.pass.Pkg {
		fact := new(passesThrough)
		if !c.pass.ImportObjectFact(fn, fact) {
			return kept
		}
		switch {
		case slices.Contains(fact.Returned, index):
			return returned
		case slices.Contains(fact.Dropped, index):
			return dies
		}
		return kept
	}
	key := paramKey{fn, index}
	if f, ok := c.paramFates[key]; ok {
		return f
	}
	c.paramFates[key] = kept // while computing: recursion keeps it
	f := c.computeParamFate(fn, index)
	c.paramFates[key] = f
	return f
}

type paramKey struct {
	fn    *types.Func
	index int
}

// computeParamFate follows a parameter of a function of this package
// through its body.
func (c *checker) computeParamFate(fn *types.Func, index int) fate {
	decl, ok := c.funcDecl(fn)
	if !ok {
		return kept
	}
	sig := fn.Signature()
	if index >= sig.Params().Len() || sig.Variadic() && index == sig.Params().Len()-1 {
		return kept
	}
	f := &flow{c: c, scope: decl.Node(), body: decl}
	return f.fateOfVar(sig.Params().At(index))
}

// funcDecl returns the cursor of the declaration of fn, a function of
// this package.
func (c *checker) funcDecl(fn *types.Func) (inspector.Cursor, bool) {
	if c.decls == nil {
		c.decls = make(map[*types.Func]inspector.Cursor)
		for cur := range c.root.Preorder((*ast.FuncDecl)(nil)) {
			decl := cur.Node().(*ast.FuncDecl)
			if obj, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func); ok && decl.Body != nil {
				c.decls[obj] = cur
			}
		}
	}
	cur, ok := c.decls[fn]
	return cur, ok
}

// exportPassesThrough exports the fates of the pool-typed interface
// parameters of the package's exported functions.
func (c *checker) exportPassesThrough() {
	pools := c.poolTypes()
	if len(pools) == 0 {
		return
	}
	for cur := range c.root.Preorder((*ast.FuncDecl)(nil)) {
		decl := cur.Node().(*ast.FuncDecl)
		fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if !ok || !fn.Exported() || decl.Body == nil || lint.IsTestFile(c.pass.Fset, decl.Pos()) {
			continue
		}
		var fact passesThrough
		params := fn.Signature().Params()
		for i := range params.Len() {
			if !acceptsPool(params.At(i).Type(), pools) {
				continue
			}
			switch c.paramFate(fn, i) {
			case returned:
				fact.Returned = append(fact.Returned, i)
			case dies:
				fact.Dropped = append(fact.Dropped, i)
			}
		}
		if len(fact.Returned)+len(fact.Dropped) > 0 {
			c.pass.ExportObjectFact(fn, &fact)
		}
	}
}

// poolTypes returns *http.Transport and *http.Client when the package
// imports net/http.
func (c *checker) poolTypes() []types.Type {
	for _, imp := range c.pass.Pkg.Imports() {
		if imp.Path() != httpmodel.NetHTTP {
			continue
		}
		var pools []types.Type
		for _, name := range []string{"Transport", "Client"} {
			if tn, ok := imp.Scope().Lookup(name).(*types.TypeName); ok {
				pools = append(pools, types.NewPointer(tn.Type()))
			}
		}
		return pools
	}
	return nil
}

// acceptsPool reports whether t is a non-empty interface that a pool
// type implements (http.RoundTripper, an interface with Do).
func acceptsPool(t types.Type, pools []types.Type) bool {
	iface, ok := types.Unalias(t).Underlying().(*types.Interface)
	if !ok || iface.Empty() {
		return false
	}
	for _, p := range pools {
		if types.Implements(p, iface) {
			return true
		}
	}
	return false
}
