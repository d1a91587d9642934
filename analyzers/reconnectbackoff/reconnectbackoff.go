package reconnectbackoff

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/durfold"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
	"github.com/connlint/connlint/analyzers/internal/lint"
)

//go:embed doc.go
var docSource string

var doc = astutil.AnalyzerDoc(docSource, "reconnectbackoff")

// Analyzer reports reconnect and retry loops that wait a fixed interval, or
// whose growing wait has no jitter or no cap.
var Analyzer = lint.New(&analysis.Analyzer{
	Name:     "reconnectbackoff",
	Doc:      doc,
	Requires: []*analysis.Analyzer{lazyinspect.Analyzer, durfold.Analyzer},
	Run:      run,
})

// includeTests is the -tests flag: test code is left out by default
// (lint.IsTestCode says why).
var includeTests bool

func init() { lint.TestsFlag(Analyzer, &includeTests) }

const (
	timePkg     = "time"
	netPkg      = "net"
	tlsPkg      = "crypto/tls"
	httpPkg     = "net/http"
	gorillaPkg  = "github.com/gorilla/websocket"
	coderPkg    = "github.com/coder/websocket"
	xnetWSPkg   = "golang.org/x/net/websocket"
	grpcPkg     = "google.golang.org/grpc"
	pahoPkg     = "github.com/eclipse/paho.mqtt.golang"
	mathPkg     = "math"
	mathRandPkg = "math/rand"
	randV2Pkg   = "math/rand/v2"
)

const (
	msgFixed   = "%s waits a fixed %s between attempts, so every client retries in lockstep after an outage (thundering herd); wait min(base<<attempt, max) plus random jitter instead, or use github.com/cenkalti/backoff"
	msgJitter  = "%s backoff grows without jitter, so clients that failed together retry together at every step; add a random part to the wait (math/rand/v2: rand.N(delay/2))"
	msgCap     = "%s backoff grows without a cap, so after a long outage the wait runs to hours (or overflows); clamp it, e.g. delay = min(delay*2, maxDelay)"
	msgTicker  = "ticker re-dials every %s while disconnected, so every client reconnects in lockstep after an outage (thundering herd); reconnect in a loop with capped exponential backoff and jitter instead"
	msgPaho    = "paho's SetConnectRetry retries the first Connect every %s, without backoff or jitter (thundering herd after a broker restart); retry Connect yourself with capped, jittered backoff, and keep SetAutoReconnect with SetMaxReconnectInterval for later drops"
	relConnect = "the connection attempt this wait retries"
)

// connClass is what a connect call (re)establishes.
type connClass int

const (
	dialClass    connClass = iota + 1 // a connection: a dial, a websocket, gRPC, MQTT
	requestClass                      // one HTTP request: retried only on its failure path
)

// A callee names a function (typeName == "") or a method.
type callee struct{ pkg, typeName, name string }

// connectCallees (re)establish a connection.
var connectCallees = []callee{
	{netPkg, "", "Dial"}, {netPkg, "", "DialTimeout"}, {netPkg, "", "DialTCP"}, {netPkg, "", "DialUDP"},
	{netPkg, "", "DialUnix"}, {netPkg, "", "DialIP"},
	{netPkg, "Dialer", "Dial"}, {netPkg, "Dialer", "DialContext"},
	{tlsPkg, "", "Dial"}, {tlsPkg, "", "DialWithDialer"},
	{tlsPkg, "Dialer", "Dial"}, {tlsPkg, "Dialer", "DialContext"},
	{gorillaPkg, "Dialer", "Dial"}, {gorillaPkg, "Dialer", "DialContext"},
	{coderPkg, "", "Dial"},
	{xnetWSPkg, "", "Dial"}, {xnetWSPkg, "", "DialConfig"},
	{grpcPkg, "", "Dial"}, {grpcPkg, "", "DialContext"}, {grpcPkg, "", "NewClient"},
	{pahoPkg, "Client", "Connect"},
}

// requestCallees send one HTTP request.
var requestCallees = []callee{
	{httpPkg, "", "Get"}, {httpPkg, "", "Post"}, {httpPkg, "", "Head"}, {httpPkg, "", "PostForm"},
	{httpPkg, "Client", "Do"}, {httpPkg, "Client", "Get"}, {httpPkg, "Client", "Post"},
	{httpPkg, "Client", "Head"}, {httpPkg, "Client", "PostForm"},
}

func (c callee) matches(fn *types.Func) bool {
	if c.typeName == "" {
		return astutil.FuncIs(fn, c.pkg, c.name)
	}
	return astutil.MethodIs(fn, c.pkg, c.typeName, c.name)
}

func classOf(fn *types.Func) connClass {
	if fn == nil || fn.Pkg() == nil {
		return 0
	}
	for _, c := range connectCallees {
		if c.matches(fn) {
			return dialClass
		}
	}
	for _, c := range requestCallees {
		if c.matches(fn) {
			return requestClass
		}
	}
	return 0
}

// waitKind is how a wait is written.
type waitKind int

const (
	sleepWait  waitKind = iota + 1 // time.Sleep, time.After, time.NewTimer, (*Timer).Reset, time.AfterFunc
	tickerWait                     // time.NewTicker, time.Tick: the wait is where the ticker is received
)

func waitKindOf(fn *types.Func) waitKind {
	switch {
	case astutil.FuncIs(fn, timePkg, "Sleep"), astutil.FuncIs(fn, timePkg, "After"),
		astutil.FuncIs(fn, timePkg, "NewTimer"), astutil.FuncIs(fn, timePkg, "AfterFunc"),
		astutil.MethodIs(fn, timePkg, "Timer", "Reset"):
		return sleepWait
	case astutil.FuncIs(fn, timePkg, "NewTicker"), astutil.FuncIs(fn, timePkg, "Tick"):
		return tickerWait
	}
	return 0
}

// A connectCall is a call that (re)establishes a connection: a dial or
// request callee, or a same-package helper that makes one and returns an
// error.
type connectCall struct {
	cur   inspector.Cursor
	class connClass
	fn    ast.Node // innermost enclosing function
}

// A write is an assignment, increment or address-of of a variable or
// struct field.
type write struct {
	pos token.Pos
	op  token.Token // DEFINE, ASSIGN, ADD_ASSIGN…, INC, DEC, AND (address taken)
	rhs ast.Expr    // nil for INC, DEC and AND
}

type checker struct {
	pass   *analysis.Pass
	folder *durfold.Folder

	waits        []inspector.Cursor
	direct       []connectCall                    // calls of connect callees
	sameCalls    []inspector.Cursor               // calls of same-package functions
	helpers      map[*types.Func]connClass        // same-package functions that connect and return an error
	writes       map[*types.Var][]write           // every write of every variable and field
	fieldWriters map[*types.Var]map[ast.Node]bool // functions that write a field
	gotos        []inspector.Cursor
	pahoCalls    []inspector.Cursor

	libNodes []inspector.Cursor                // retry-library calls, policy literals and field writes
	uses     map[*types.Var][]inspector.Cursor // identifiers using each variable, built on first need

	connects []connectCall // direct and helper calls, after the walk
	scopes   map[ast.Node]*scope
	errType  *types.Interface
}

func run(pass *analysis.Pass) (any, error) {
	if lint.InStandardLibrary(pass) || !importsRetryLibrary(pass.Pkg) && (!lint.Imports(pass.Pkg, timePkg, pahoPkg) ||
		!lint.Imports(pass.Pkg, netPkg, tlsPkg, httpPkg, gorillaPkg, coderPkg, xnetWSPkg, grpcPkg, pahoPkg)) {
		return nil, nil
	}
	c := &checker{
		pass:         pass,
		folder:       pass.ResultOf[durfold.Analyzer].(*durfold.Folder),
		helpers:      make(map[*types.Func]connClass),
		writes:       make(map[*types.Var][]write),
		fieldWriters: make(map[*types.Var]map[ast.Node]bool),
		scopes:       make(map[ast.Node]*scope),
		errType:      types.Universe.Lookup("error").Type().Underlying().(*types.Interface),
	}
	c.walk()
	c.resolveHelpers()
	for _, w := range c.waits {
		c.checkWait(w)
	}
	c.checkPaho()
	c.checkLibraries()
	return nil, nil
}

// walk makes the one pass over the package's syntax and records what the
// checks need: waits, connect calls, same-package calls, writes, gotos.
func (c *checker) walk() {
	root := lazyinspect.Of(c.pass).Root()
	nodeTypes := []ast.Node{(*ast.CallExpr)(nil), (*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil),
		(*ast.ValueSpec)(nil), (*ast.UnaryExpr)(nil), (*ast.BranchStmt)(nil), (*ast.RangeStmt)(nil),
		(*ast.CompositeLit)(nil)}
	for file := range root.Children() {
		if lint.SkipFile(c.pass, file.Node().(*ast.File), includeTests) {
			continue
		}
		for cur := range file.Preorder(nodeTypes...) {
			if c.isLibraryNode(cur.Node()) {
				c.libraryNode(cur)
			}
			switch n := cur.Node().(type) {
			case *ast.CompositeLit:
				c.fieldValues(cur, n)
			case *ast.CallExpr:
				c.call(cur, n)
			case *ast.AssignStmt:
				c.assign(cur, n)
			case *ast.IncDecStmt:
				c.record(cur, n.X, write{pos: n.Pos(), op: n.Tok})
			case *ast.ValueSpec:
				for i, name := range n.Names {
					if i < len(n.Values) && len(n.Values) == len(n.Names) {
						c.record(cur, name, write{pos: name.Pos(), op: token.DEFINE, rhs: n.Values[i]})
					}
				}
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					c.record(cur, n.X, write{pos: n.Pos(), op: token.AND})
				}
			case *ast.BranchStmt:
				if n.Tok == token.GOTO {
					c.gotos = append(c.gotos, cur)
				}
			case *ast.RangeStmt:
				if n.Key != nil && countsUp(c.pass.TypesInfo.TypeOf(n.X)) {
					c.record(cur, n.Key, write{pos: n.Key.Pos(), op: token.INC})
				}
			}
		}
	}
}

// fieldValues records the fields a struct literal sets as writes of
// those fields (Config{RetryInterval: 5 * time.Second}), so that a wait
// read from the field can name where its value comes from.
func (c *checker) fieldValues(cur inspector.Cursor, lit *ast.CompositeLit) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if v, ok := c.pass.TypesInfo.Uses[id].(*types.Var); ok && v.IsField() {
			c.writes[v] = append(c.writes[v], write{pos: kv.Pos(), op: token.DEFINE, rhs: kv.Value})
		}
	}
}

// importsRetryLibrary reports whether pkg imports a retry library whose
// policies the analyzer reads.
func importsRetryLibrary(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		p := imp.Path()
		if pathIn(p, cenkaltiPkg) || astutil.PathIs(p, k8sWaitPkg) || pathIn(p, retryGoPkg) || pathIn(p, goRetryPkg) {
			return true
		}
	}
	return false
}

func (c *checker) root() inspector.Cursor {
	return lazyinspect.Of(c.pass).Root()
}

// countsUp reports whether the key of a range over a value of type t
// counts up: an integer, or the index of a slice, array or string.
func countsUp(t types.Type) bool {
	if t == nil {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsInteger|types.IsString) != 0
	case *types.Slice, *types.Array:
		return true
	case *types.Pointer:
		_, isArray := u.Elem().Underlying().(*types.Array)
		return isArray
	}
	return false
}

func (c *checker) call(cur inspector.Cursor, call *ast.CallExpr) {
	fn := astutil.Callee(c.pass.TypesInfo, call)
	if fn == nil || fn.Pkg() == nil {
		return
	}
	if kind := waitKindOf(fn); kind != 0 {
		c.waits = append(c.waits, cur)
		return
	}
	if class := classOf(fn); class != 0 {
		if class == requestClass && httpmodel.StreamsResponse(c.pass.TypesInfo, cur) {
			// A subscription (SSE, a chunked feed) holds its connection
			// like a dial: every return is a disconnect to retry.
			class = dialClass
		}
		encl, _ := astutil.EnclosingFunc(cur)
		c.direct = append(c.direct, connectCall{cur: cur, class: class, fn: encl.Node()})
		return
	}
	switch {
	case fn.Pkg() == c.pass.Pkg:
		c.sameCalls = append(c.sameCalls, cur)
	case astutil.PathIs(fn.Pkg().Path(), pahoPkg) && fn.Name() == "SetConnectRetryInterval":
		c.pahoCalls = append(c.pahoCalls, cur)
	}
}

func (c *checker) assign(cur inspector.Cursor, as *ast.AssignStmt) {
	for i, lhs := range as.Lhs {
		w := write{pos: lhs.Pos(), op: as.Tok}
		switch {
		case len(as.Lhs) == len(as.Rhs):
			w.rhs = as.Rhs[i]
		case len(as.Rhs) == 1:
			w.rhs = as.Rhs[0] // one result of a multi-value call
		}
		c.record(cur, lhs, w)
	}
}

// record notes a write of the variable or field that e designates.
func (c *checker) record(cur inspector.Cursor, e ast.Expr, w write) {
	var v *types.Var
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ = c.pass.TypesInfo.ObjectOf(e).(*types.Var)
	case *ast.SelectorExpr:
		v, _ = c.pass.TypesInfo.ObjectOf(e.Sel).(*types.Var)
		if v != nil && v.IsField() {
			if fn, ok := astutil.EnclosingFuncDecl(cur); ok {
				if c.fieldWriters[v] == nil {
					c.fieldWriters[v] = make(map[ast.Node]bool)
				}
				c.fieldWriters[v][fn.Node()] = true
			}
		}
	case *ast.IndexExpr:
		c.record(cur, e.X, w)
		return
	case *ast.StarExpr:
		c.record(cur, e.X, w)
		return
	}
	if v != nil {
		c.writes[v] = append(c.writes[v], w)
	}
}

// varOf returns the variable or field that e designates, or nil.
func (c *checker) varOf(e ast.Expr) *types.Var {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := c.pass.TypesInfo.ObjectOf(e).(*types.Var)
		return v
	case *ast.SelectorExpr:
		v, _ := c.pass.TypesInfo.ObjectOf(e.Sel).(*types.Var)
		return v
	}
	return nil
}

// resolveHelpers finds the same-package functions that make a connect
// call directly in their body and return an error (one level deep), and
// adds their calls to the connect calls.
func (c *checker) resolveHelpers() {
	c.connects = append(c.connects, c.direct...)
	for _, cc := range c.direct {
		decl, ok := cc.fn.(*ast.FuncDecl)
		if !ok {
			continue
		}
		fn, ok := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
		if !ok || !returnsError(fn) {
			continue
		}
		if cc.class == dialClass || c.helpers[fn] == 0 {
			c.helpers[fn] = cc.class
		}
	}
	for _, cur := range c.sameCalls {
		fn := astutil.Callee(c.pass.TypesInfo, cur.Node().(*ast.CallExpr))
		if class := c.helpers[fn]; class != 0 {
			encl, _ := astutil.EnclosingFunc(cur)
			c.connects = append(c.connects, connectCall{cur: cur, class: class, fn: encl.Node()})
		}
	}
}

func returnsError(fn *types.Func) bool {
	res := fn.Signature().Results()
	if res.Len() == 0 {
		return false
	}
	last := res.At(res.Len() - 1).Type()
	return astutil.IsError(last)
}

// checkWait reports the wait at cur when it is the wait of a reconnect or
// retry loop and waits a fixed interval, or grows without jitter or cap.
func (c *checker) checkWait(cur inspector.Cursor) {
	call := cur.Node().(*ast.CallExpr)
	if len(call.Args) == 0 {
		return
	}
	fn := astutil.Callee(c.pass.TypesInfo, call)
	if waitKindOf(fn) == tickerWait {
		c.checkTicker(cur, call)
		return
	}
	s := c.scopeOf(cur, call)
	if s == nil {
		return
	}
	conn, ok := c.retriedConnect(s, cur)
	if !ok {
		return
	}
	what := "reconnect loop"
	if conn.class == requestClass {
		what = "retry loop"
	}
	related := []analysis.RelatedInformation{{Pos: conn.cur.Node().Pos(), End: conn.cur.Node().End(), Message: relConnect}}
	wait := call.Args[0]
	if d, ok := c.fixed(s, wait); ok {
		if rel, found := c.originIn(wait); found && d == "interval" {
			related = append(related, rel)
		}
		c.pass.Report(analysis.Diagnostic{
			Pos:            call.Pos(),
			End:            call.End(),
			Message:        fmt.Sprintf(msgFixed, what, d),
			Related:        related,
			SuggestedFixes: c.fixFixedWait(s, wait),
		})
		return
	}
	g := c.growth(s, wait)
	if !g.grows || g.unknown {
		return
	}
	if !g.jitter {
		c.report(call, related, msgJitter, what)
	}
	if !g.capped {
		c.report(call, related, msgCap, what)
	}
}

func (c *checker) report(call *ast.CallExpr, related []analysis.RelatedInformation, format string, args ...any) {
	c.pass.Report(analysis.Diagnostic{
		Pos:     call.Pos(),
		End:     call.End(),
		Message: fmt.Sprintf(format, args...),
		Related: related,
	})
}
