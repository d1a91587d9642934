package heartbeat

import (
	"cmp"
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/durfold"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
	"github.com/connlint/connlint/analyzers/internal/lint"
	"github.com/connlint/connlint/internal/records"
)

//go:embed doc.go
var docSource string

var doc = astutil.AnalyzerDoc(docSource, "heartbeat")

// Analyzer reports heartbeats that cannot work and returns every heartbeat
// it finds, as []records.Heartbeat, for the timeout chain.
var Analyzer = lint.New(&analysis.Analyzer{
	Name:       "heartbeat",
	Doc:        doc,
	Requires:   []*analysis.Analyzer{lazyinspect.Analyzer, durfold.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[[]records.Heartbeat](),
	FactTypes:  []analysis.Fact{new(setsReadDeadline)},
})

// includeTests is the -tests flag: test code is left out by default
// (lint.IsTestCode says why).
var includeTests bool

func init() { lint.TestsFlag(Analyzer, &includeTests) }

// Import paths of the libraries whose heartbeats the analyzer knows.
const (
	gorillaPkg = "github.com/gorilla/websocket"
	coderPkg   = "github.com/coder/websocket"
	nhooyrPkg  = "nhooyr.io/websocket" // coder/websocket's import path before v1.8.12
	xnetPkg    = "golang.org/x/net/websocket"
	pahoPkg    = "github.com/eclipse/paho.mqtt.golang"
	timePkg    = "time"
	contextPkg = "context"
)

func run(pass *analysis.Pass) (any, error) {
	if lint.InStandardLibrary(pass) || !lint.Imports(pass.Pkg, gorillaPkg, coderPkg, nhooyrPkg, xnetPkg, pahoPkg, pahoV5Pkg, autopahoPkg, pahoV5Packets) {
		return []records.Heartbeat(nil), nil
	}
	c := newChecker(pass)
	c.walk()
	c.exportFacts()
	c.reportReadLoops()
	c.reportCoderReadLoops()
	c.finishPings()
	c.finishMQTT()
	slices.SortFunc(c.records, func(a, b records.Heartbeat) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Column, b.Pos.Column))
	})
	return c.records, nil
}

// checker holds what one pass has collected. The walk only collects: a
// verdict on a read loop or a ping needs facts from the whole package
// (the pong handler is often set in another method than the ping ticker).
type checker struct {
	pass *analysis.Pass
	info *types.Info
	fold *durfold.Folder
	root inspector.Cursor

	// assigns lists, for each tracked variable or field (connections,
	// tickers, contexts, MQTT options), the expressions assigned to it:
	// its definition, later assignments, composite-literal fields.
	assigns map[types.Object][]ast.Expr
	// stores lists the objects a tracked object is assigned to
	// (c := &client{conn: conn} stores conn into the field conn).
	stores map[types.Object][]types.Object

	websocket wsState
	mqtt      mqttState

	records []records.Heartbeat
}

func newChecker(pass *analysis.Pass) *checker {
	return &checker{
		pass:    pass,
		info:    pass.TypesInfo,
		fold:    pass.ResultOf[durfold.Analyzer].(*durfold.Folder),
		root:    lazyinspect.Of(pass).Root(),
		assigns: make(map[types.Object][]ast.Expr),
		stores:  make(map[types.Object][]types.Object),
		websocket: wsState{
			directDeadline: make(map[types.Object]bool),
			flows:          make(map[types.Object][]argFlow),
			callers:        make(map[*types.Func][]argFlow),
			resetTickers:   make(map[types.Object]bool),
			summaries:      make(map[*types.Var]bool),
		},
	}
}

// walk visits every non-test file once and hands each node to the part of
// the analyzer that collects it.
func (c *checker) walk() {
	for file := range c.root.Children() {
		if lint.SkipFile(c.pass, file.Node().(*ast.File), includeTests) {
			continue
		}
		for cur := range file.Preorder((*ast.FuncDecl)(nil), (*ast.CallExpr)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CompositeLit)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.FuncDecl:
				c.funcDecl(n)
			case *ast.CallExpr:
				c.call(cur, n)
			case *ast.AssignStmt:
				c.assign(n.Lhs, n.Rhs)
				c.mqttFieldAssign(cur, n)
				c.pahoV5Assign(cur, n)
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, name := range n.Names {
					lhs[i] = name
				}
				c.assign(lhs, n.Values)
			case *ast.CompositeLit:
				c.compositeLit(n)
				c.pahoV5Lit(cur, n)
			}
		}
	}
}

// call sorts a call by the library it belongs to.
func (c *checker) call(cur inspector.Cursor, call *ast.CallExpr) {
	fn := astutil.Callee(c.info, call)
	if fn == nil {
		return
	}
	c.recordArgFlows(fn, call)
	if fn.Pkg() == nil {
		return
	}
	switch path := fn.Pkg().Path(); {
	case astutil.PathIs(path, gorillaPkg), astutil.PathIs(path, xnetPkg), isCoder(path), isCoder(strings.TrimSuffix(path, "/wsjson")):
		c.websocketCall(cur, fn, call)
	case path == "net" && (fn.Name() == "SetReadDeadline" || fn.Name() == "SetDeadline"):
		c.underlyingDeadline(call)
	case astutil.MethodIs(fn, timePkg, "Ticker", "Reset"):
		if obj := c.objectOf(selectorX(call)); obj != nil {
			c.websocket.resetTickers[obj] = true
		}
	case astutil.PathIs(path, pahoPkg):
		c.mqttCall(cur, fn, call)
	}
}

// assign records what is assigned to tracked variables and fields. A
// single call on the right of several names (ctx, cancel :=
// context.WithTimeout(…)) is recorded for the first name only, which is
// the one the analyzer follows (the context, the ticker, the connection).
func (c *checker) assign(lhs, rhs []ast.Expr) {
	for i, l := range lhs {
		var r ast.Expr
		switch {
		case len(rhs) == len(lhs):
			r = rhs[i]
		case len(rhs) == 1 && i == 0:
			r = rhs[0]
		default:
			continue
		}
		if obj := c.objectOf(l); obj != nil && tracked(obj.Type()) {
			c.addAssign(obj, r)
		}
	}
}

// compositeLit records the fields of a struct literal that hold a tracked
// value: &client{conn: conn} assigns conn to the field.
func (c *checker) compositeLit(lit *ast.CompositeLit) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if field, ok := c.info.Uses[key].(*types.Var); ok && field.IsField() && tracked(field.Type()) {
			c.addAssign(field, kv.Value)
		}
	}
}

func (c *checker) addAssign(obj types.Object, value ast.Expr) {
	c.assigns[obj] = append(c.assigns[obj], value)
	if src := c.objectOf(value); src != nil {
		c.stores[src] = append(c.stores[src], obj)
	}
}

// tracked reports whether values of type t are followed through
// assignments: websocket connections, tickers and their channels,
// contexts and MQTT client options.
func tracked(t types.Type) bool {
	switch {
	case astutil.IsPointerTo(t, gorillaPkg, "Conn"), astutil.IsPointerTo(t, xnetPkg, "Conn"),
		astutil.IsPointerTo(t, coderPkg, "Conn"), astutil.IsPointerTo(t, nhooyrPkg, "Conn"),
		astutil.IsPointerTo(t, timePkg, "Ticker"), astutil.IsNamed(t, contextPkg, "Context"),
		astutil.IsPointerTo(t, pahoPkg, "ClientOptions"):
		return true
	}
	ch, ok := t.Underlying().(*types.Chan)
	return ok && astutil.IsNamed(ch.Elem(), timePkg, "Time")
}

// objectOf returns the variable or field e designates: conn, c.conn,
// (*c).conn. Anything else (a map entry, a call result) has none.
func (c *checker) objectOf(e ast.Expr) types.Object {
	switch e := astutil.Unparen(e).(type) {
	case *ast.Ident:
		if v, ok := c.info.ObjectOf(e).(*types.Var); ok {
			return v
		}
	case *ast.SelectorExpr:
		if sel, ok := c.info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			return sel.Obj()
		}
	}
	return nil
}

// selectorX returns x of a method call x.M(…), or nil.
func selectorX(call *ast.CallExpr) ast.Expr {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.X
	}
	return nil
}

// callPos is where a call is reported: the method name, so that a call in
// the middle of a builder chain (NewClientOptions().…SetKeepAlive(30))
// points at its own line rather than the first line of the chain.
func callPos(call *ast.CallExpr) token.Pos {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		return sel.Sel.Pos()
	}
	return call.Pos()
}

// position converts pos for a record; token.NoPos (a library default)
// becomes the zero Position.
func (c *checker) position(pos token.Pos) records.Position {
	if !pos.IsValid() {
		return records.Position{}
	}
	p := c.pass.Fset.Position(pos)
	return records.Position{File: p.Filename, Line: p.Line, Column: p.Column}
}

// value folds e into a record value. Its position is where the value is
// written: the declaration of a named constant or package-level variable
// of this package (pingPeriod = (pongWait * 9) / 10), else e itself.
func (c *checker) value(e ast.Expr) records.Value {
	d, ok := c.fold.Duration(e)
	return records.Value{Duration: d, Known: ok, Pos: c.position(c.valuePos(e))}
}

func (c *checker) valuePos(e ast.Expr) token.Pos {
	var id *ast.Ident
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	}
	if id != nil {
		// Only objects of this package: a constant of the time
		// package (time.Minute) is not where the user writes the value.
		if obj := c.info.Uses[id]; obj != nil && obj.Pkg() == c.pass.Pkg {
			_, isConst := obj.(*types.Const)
			_, isVar := obj.(*types.Var)
			if isConst || (isVar && obj.Parent() == c.pass.Pkg.Scope()) {
				return obj.Pos()
			}
		}
	}
	return e.Pos()
}

// funcName names the function around cur as records.Heartbeat.Func wants
// it: "pkg.Func", "pkg.(*T).Method", or "pkg" at package level.
func (c *checker) funcName(cur inspector.Cursor) string {
	name := c.pass.Pkg.Name()
	decl, ok := astutil.EnclosingFuncDecl(cur)
	if !ok {
		return name
	}
	fd := decl.Node().(*ast.FuncDecl)
	fn, ok := c.info.Defs[fd.Name].(*types.Func)
	if !ok {
		return name
	}
	if recv := fn.Signature().Recv(); recv != nil {
		t := types.TypeString(recv.Type(), types.RelativeTo(c.pass.Pkg))
		if _, isPtr := recv.Type().(*types.Pointer); isPtr {
			t = "(" + t + ")"
		}
		return name + "." + t + "." + fn.Name()
	}
	return name + "." + fn.Name()
}
