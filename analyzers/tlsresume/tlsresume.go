package tlsresume

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/lint"
)

//go:embed doc.go
var docSource string

var doc = astutil.AnalyzerDoc(docSource, "tlsresume")

// Analyzer reports client tls.Config literals used for repeated
// connections without a ClientSessionCache.
var Analyzer = lint.New(&analysis.Analyzer{
	Name:     "tlsresume",
	Doc:      doc,
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
})

const (
	tlsPkg  = "crypto/tls"
	httpPkg = "net/http"
	wsPkg   = "github.com/gorilla/websocket"
	mqttPkg = "github.com/eclipse/paho.mqtt.golang"
)

const message = "tls.Config for reconnecting client connections has no ClientSessionCache: every reconnect is a full TLS handshake (2 RTT); set ClientSessionCache: tls.NewLRUClientSessionCache(0)"

func run(pass *analysis.Pass) (any, error) {
	if !lint.Imports(pass.Pkg, tlsPkg) {
		return nil, nil
	}
	c := newCollector(pass)
	root := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector).Root()
	for file := range root.Children() {
		if lint.IsTestFile(pass.Fset, file.Node().Pos()) {
			continue
		}
		c.collect(file)
	}
	for _, lit := range c.literals {
		c.check(lit)
	}
	return nil, nil
}

// collector gathers, in one walk of the package, the tls.Config literals
// and every reference to a variable or field that can hold a config or a
// dialer; the literals are judged once everything is known, because a
// field is often filled in a constructor and dialled in a method written
// before it.
type collector struct {
	pass     *analysis.Pass
	config   types.Type // crypto/tls.Config
	literals []inspector.Cursor
	refs     map[types.Object][]inspector.Cursor

	calledInLoop  map[*types.Func]bool // same-package functions called from a loop
	hasLoop       map[ast.Node]bool    // function declarations with a loop or a function literal
	inspectsCerts map[ast.Node]bool    // functions that call (*tls.Conn).ConnectionState
	noReconnect   map[ast.Node]bool    // functions that call SetAutoReconnect(false)
	retries       map[ast.Node]bool    // functions that call SetConnectRetry(true)
}

func newCollector(pass *analysis.Pass) *collector {
	c := &collector{
		pass:          pass,
		refs:          make(map[types.Object][]inspector.Cursor),
		calledInLoop:  make(map[*types.Func]bool),
		hasLoop:       make(map[ast.Node]bool),
		inspectsCerts: make(map[ast.Node]bool),
		noReconnect:   make(map[ast.Node]bool),
		retries:       make(map[ast.Node]bool),
	}
	for _, imp := range pass.Pkg.Imports() {
		if imp.Path() == tlsPkg {
			c.config = imp.Scope().Lookup("Config").Type()
		}
	}
	if pass.Pkg.Path() == tlsPkg {
		c.config = pass.Pkg.Scope().Lookup("Config").Type()
	}
	return c
}

func (c *collector) collect(file inspector.Cursor) {
	info := c.pass.TypesInfo
	nodes := []ast.Node{(*ast.CompositeLit)(nil), (*ast.Ident)(nil), (*ast.CallExpr)(nil),
		(*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil)}
	for cur := range file.Preorder(nodes...) {
		switch n := cur.Node().(type) {
		case *ast.CompositeLit:
			if c.isConfig(info.TypeOf(n)) {
				c.literals = append(c.literals, cur)
			}
		case *ast.Ident:
			if v, ok := info.Uses[n].(*types.Var); ok && c.isTracked(v.Type()) {
				c.refs[v] = append(c.refs[v], cur)
			}
		case *ast.CallExpr:
			c.call(cur, n)
		case *ast.ForStmt, *ast.RangeStmt, *ast.FuncLit:
			if decl, ok := astutil.EnclosingFuncDecl(cur); ok {
				c.hasLoop[decl.Node()] = true
			}
		}
	}
}

// call records the calls that later decide whether a use reconnects.
func (c *collector) call(cur inspector.Cursor, call *ast.CallExpr) {
	info := c.pass.TypesInfo
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	if fn == nil {
		return
	}
	if fn.Pkg() == c.pass.Pkg {
		if _, inLoop := astutil.EnclosingLoop(cur); inLoop {
			c.calledInLoop[fn] = true
		}
		return
	}
	enclosing, ok := astutil.EnclosingFunc(cur)
	if !ok {
		return
	}
	switch {
	case astutil.MethodIs(fn, tlsPkg, "Conn", "ConnectionState"):
		c.inspectsCerts[enclosing.Node()] = true
	case astutil.MethodIs(fn, mqttPkg, "ClientOptions", "SetAutoReconnect"):
		if v, ok := astutil.BoolConst(info, call.Args[0]); ok && !v {
			c.noReconnect[enclosing.Node()] = true
		}
	case astutil.MethodIs(fn, mqttPkg, "ClientOptions", "SetConnectRetry"):
		if v, ok := astutil.BoolConst(info, call.Args[0]); !ok || v {
			c.retries[enclosing.Node()] = true
		}
	}
}

func (c *collector) isConfig(t types.Type) bool {
	return c.config != nil && t != nil && types.Identical(t, c.config)
}

// isTracked reports whether values of type t are followed: configs and
// dialers, by value or by pointer.
func (c *collector) isTracked(t types.Type) bool {
	if ptr, ok := t.(*types.Pointer); ok {
		t = ptr.Elem()
	}
	return c.isConfig(t) || astutil.IsNamed(t, wsPkg, "Dialer") || astutil.IsNamed(t, tlsPkg, "Dialer")
}

// A use is one place a config flows to.
type use struct {
	kind useKind
	at   inspector.Cursor // the call, the transport or dialer literal, the assignment
	key  types.Object     // for bind: the variable or field the value is stored in
	// dialer is the dialer literal or variable a config was given to.
	dialer dialerRef
}

type useKind int

const (
	neutral   useKind = iota // reads or sets another field of the config
	escape                   // flows where the analyzer cannot follow
	bind                     // stored in key; follow key's references
	hasCache                 // ClientSessionCache is set or read
	server                   // used by a server
	dial                     // tls.Dial, tls.DialWithDialer, tls.Client
	transport                // http.Transport.TLSClientConfig
	dialer                   // websocket.Dialer / tls.Dialer
	mqttOpts                 // (*mqtt.ClientOptions).SetTLSConfig
)

// dialerRef designates a dialer: a literal or a variable.
type dialerRef struct {
	lit inspector.Cursor
	obj types.Object
}

// check reports lit when all of its uses are known, none is a server's or
// sets a cache, and one of them reconnects.
func (c *collector) check(lit inspector.Cursor) {
	cl := lit.Node().(*ast.CompositeLit)
	if c.disablesResumption(cl) {
		return
	}
	var reconnect *use
	visited := make(map[types.Object]bool)
	work := []inspector.Cursor{lit}
	for len(work) > 0 {
		cur := work[0]
		work = work[1:]
		u := c.classify(cur)
		switch u.kind {
		case escape, server, hasCache:
			return
		case bind:
			if !visited[u.key] {
				visited[u.key] = true
				work = append(work, c.refs[u.key]...)
			}
		case dial, transport, dialer, mqttOpts:
			if c.certificateInspection(cl, u) {
				return
			}
			if reconnect == nil && c.reconnects(lit, u) {
				reconnect = &u
			}
		}
	}
	if reconnect == nil {
		return
	}
	c.pass.Report(analysis.Diagnostic{
		Pos:            cl.Pos(),
		End:            cl.End(),
		Message:        message,
		Related:        []analysis.RelatedInformation{{Pos: reconnect.at.Node().Pos(), Message: reconnectReason(reconnect.kind)}},
		SuggestedFixes: c.addCache(cl),
	})
}

func reconnectReason(k useKind) string {
	switch k {
	case dial:
		return "the connection is dialled again here"
	case transport:
		return "this http.Transport redials whenever its idle connections expire"
	case dialer:
		return "this dialer is reused for reconnects"
	default:
		return "paho reconnects automatically (AutoReconnect defaults to true)"
	}
}

// disablesResumption reports whether the literal sets ClientSessionCache
// or turns session tickets off: either way there is nothing to add.
func (c *collector) disablesResumption(lit *ast.CompositeLit) bool {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if id, ok := kv.Key.(*ast.Ident); ok && (id.Name == "ClientSessionCache" || id.Name == "SessionTicketsDisabled") {
			return true // field names of tls.Config, whose type is already checked
		}
	}
	return false
}

// classify says where the expression at cur (a literal, or a reference to
// a tracked variable or field) flows.
func (c *collector) classify(cur inspector.Cursor) use {
	info := c.pass.TypesInfo
	// A field reference c.cfg is the selector, not its Sel identifier.
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		cur = cur.Parent()
	}
	cur = outerExpr(cur)
	parent := cur.Parent()
	switch p := parent.Node().(type) {
	case *ast.SelectorExpr: // cfg.Field or cfg.Method
		if sel, ok := info.Selections[p]; ok && sel.Kind() == types.FieldVal {
			if sel.Obj().Name() == "ClientSessionCache" && c.isTracked(sel.Recv()) {
				return use{kind: hasCache}
			}
			return use{kind: neutral}
		}
		return c.classifyMethodCall(parent, p)
	case *ast.AssignStmt:
		if cur.ParentEdgeKind() == edge.AssignStmt_Lhs {
			return use{kind: neutral}
		}
		i := cur.ParentEdgeIndex()
		if len(p.Lhs) != len(p.Rhs) {
			return use{kind: escape}
		}
		return c.storedIn(parent, p.Lhs[i])
	case *ast.ValueSpec:
		if i := cur.ParentEdgeIndex(); cur.ParentEdgeKind() == edge.ValueSpec_Values && i < len(p.Names) {
			return use{kind: bind, key: info.Defs[p.Names[i]]}
		}
	case *ast.KeyValueExpr:
		if cur.ParentEdgeKind() == edge.KeyValueExpr_Key {
			return use{kind: neutral}
		}
		return c.fieldValue(parent.Parent(), p)
	case *ast.CallExpr:
		if cur.ParentEdgeKind() == edge.CallExpr_Args {
			return c.argument(parent, p)
		}
	}
	return use{kind: escape}
}

// outerExpr climbs from an expression through the parentheses, address-of
// and dereference operators around it.
func outerExpr(cur inspector.Cursor) inspector.Cursor {
	for {
		switch p := cur.Parent().Node().(type) {
		case *ast.ParenExpr, *ast.StarExpr:
			cur = cur.Parent()
		case *ast.UnaryExpr:
			if p.Op != token.AND {
				return cur
			}
			cur = cur.Parent()
		default:
			return cur
		}
	}
}

// classifyMethodCall handles a method called on a tracked value: dialling
// with a dialer variable is judged with the dialer; any method of a config
// (Clone above all) makes the config escape.
func (c *collector) classifyMethodCall(selCur inspector.Cursor, sel *ast.SelectorExpr) use {
	call, ok := selCur.Parent().Node().(*ast.CallExpr)
	if !ok || selCur.ParentEdgeKind() != edge.CallExpr_Fun {
		return use{kind: escape}
	}
	info := c.pass.TypesInfo
	if astutil.IsMethod(info, call, wsPkg, "Dialer", "Dial") || astutil.IsMethod(info, call, wsPkg, "Dialer", "DialContext") ||
		astutil.IsMethod(info, call, tlsPkg, "Dialer", "Dial") || astutil.IsMethod(info, call, tlsPkg, "Dialer", "DialContext") {
		return use{kind: neutral}
	}
	return use{kind: escape}
}

// storedIn classifies `lhs = value` for a tracked value.
func (c *collector) storedIn(assign inspector.Cursor, lhs ast.Expr) use {
	info := c.pass.TypesInfo
	switch l := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if obj, ok := info.ObjectOf(l).(*types.Var); ok && c.isTracked(obj.Type()) {
			return use{kind: bind, key: obj}
		}
	case *ast.SelectorExpr:
		switch {
		case astutil.IsField(info, l, httpPkg, "Transport", "TLSClientConfig"):
			return use{kind: transport, at: assign}
		case astutil.IsField(info, l, httpPkg, "Server", "TLSConfig"):
			return use{kind: server}
		case astutil.IsField(info, l, wsPkg, "Dialer", "TLSClientConfig"), astutil.IsField(info, l, tlsPkg, "Dialer", "Config"):
			if id, ok := ast.Unparen(l.X).(*ast.Ident); ok {
				return use{kind: dialer, at: assign, dialer: dialerRef{obj: info.Uses[id]}}
			}
			return use{kind: escape}
		}
		if obj, ok := info.Uses[l.Sel].(*types.Var); ok && c.isTracked(obj.Type()) {
			return use{kind: bind, key: obj} // a struct field or a package variable
		}
	}
	return use{kind: escape}
}

// fieldValue classifies `Field: value` in the composite literal at litCur.
func (c *collector) fieldValue(litCur inspector.Cursor, kv *ast.KeyValueExpr) use {
	info := c.pass.TypesInfo
	key, ok := kv.Key.(*ast.Ident)
	if !ok {
		return use{kind: escape}
	}
	field, ok := info.Uses[key].(*types.Var)
	if !ok || !field.IsField() {
		return use{kind: escape}
	}
	t := info.TypeOf(litCur.Node().(ast.Expr))
	switch {
	case astutil.IsNamed(t, httpPkg, "Transport") && field.Name() == "TLSClientConfig":
		return use{kind: transport, at: litCur}
	case astutil.IsNamed(t, httpPkg, "Server") && field.Name() == "TLSConfig":
		return use{kind: server}
	case astutil.IsNamed(t, wsPkg, "Dialer") && field.Name() == "TLSClientConfig",
		astutil.IsNamed(t, tlsPkg, "Dialer") && field.Name() == "Config":
		return use{kind: dialer, at: litCur, dialer: dialerRef{lit: litCur}}
	case c.isTracked(field.Type()):
		return use{kind: bind, key: field}
	}
	return use{kind: escape}
}

// argument classifies a tracked value passed to the call at callCur.
func (c *collector) argument(callCur inspector.Cursor, call *ast.CallExpr) use {
	info := c.pass.TypesInfo
	switch {
	case astutil.IsFunc(info, call, tlsPkg, "Dial"), astutil.IsFunc(info, call, tlsPkg, "DialWithDialer"),
		astutil.IsFunc(info, call, tlsPkg, "Client"):
		return use{kind: dial, at: callCur}
	case astutil.IsFunc(info, call, tlsPkg, "Listen"), astutil.IsFunc(info, call, tlsPkg, "NewListener"),
		astutil.IsFunc(info, call, tlsPkg, "Server"):
		return use{kind: server}
	case astutil.IsMethod(info, call, mqttPkg, "ClientOptions", "SetTLSConfig"):
		return use{kind: mqttOpts, at: callCur}
	}
	return use{kind: escape}
}

// reconnects reports whether use u of the literal at lit makes new
// connections with the same config over time.
func (c *collector) reconnects(lit inspector.Cursor, u use) bool {
	switch u.kind {
	case transport:
		return !c.oneShotMain(u.at) || c.repeatedAt(lit, u.at)
	case dial:
		return c.repeatedAt(lit, u.at)
	case dialer:
		return c.dialerReused(lit, u)
	case mqttOpts:
		// paho's NewClientOptions sets AutoReconnect: true (options.go of
		// eclipse/paho.mqtt.golang), so a client reconnects unless told
		// otherwise; ConnectRetry retries the first connection as well.
		fn, ok := astutil.EnclosingFunc(u.at)
		return !ok || !c.noReconnect[fn.Node()] || c.retries[fn.Node()]
	}
	return false
}

// repeatedAt reports whether the code at cur runs again and again while
// the literal at lit is evaluated once: cur is in a loop that does not
// contain the literal, or in a function called from a loop that does not
// contain the literal either.
func (c *collector) repeatedAt(lit, cur inspector.Cursor) bool {
	if loop, ok := astutil.EnclosingLoop(cur); ok && !loop.Contains(lit) {
		return true
	}
	fn, ok := astutil.EnclosingFunc(cur)
	if !ok {
		return false
	}
	decl, ok := fn.Node().(*ast.FuncDecl)
	if !ok || fn.Contains(lit) {
		return false
	}
	callee, _ := c.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	return callee != nil && c.calledInLoop[callee]
}

// oneShotMain reports whether cur is in func main of package main, and
// that function has no loop and no function literal: a tool that sends
// its request and exits.
func (c *collector) oneShotMain(cur inspector.Cursor) bool {
	decl, ok := astutil.EnclosingFuncDecl(cur)
	if !ok {
		return false
	}
	fd := decl.Node().(*ast.FuncDecl)
	return c.pass.Pkg.Name() == "main" && fd.Recv == nil && fd.Name.Name == "main" && !c.hasLoop[fd]
}

// dialerReused reports whether the dialer the config was given to dials
// more than once: the dialer literal is stored in a field or package
// variable, is built in a loop, or is a variable whose Dial or DialContext
// runs in a loop.
func (c *collector) dialerReused(lit inspector.Cursor, u use) bool {
	obj := u.dialer.obj
	if d := u.dialer.lit; d.Valid() {
		if c.repeatedAt(lit, d) {
			return true
		}
		stored := c.classify(d)
		if stored.kind != bind {
			return false
		}
		obj = stored.key
	}
	v, ok := obj.(*types.Var)
	if !ok {
		return false
	}
	if v.IsField() || v.Parent() == v.Pkg().Scope() {
		return true
	}
	for _, ref := range c.refs[v] {
		if call, ok := dialCall(c.pass.TypesInfo, ref); ok && c.repeatedAt(lit, call) {
			return true
		}
	}
	return false
}

// dialCall returns the Dial or DialContext call made on the dialer
// variable referenced at ref.
func dialCall(info *types.Info, ref inspector.Cursor) (inspector.Cursor, bool) {
	sel := outerExpr(ref).Parent()
	if _, ok := sel.Node().(*ast.SelectorExpr); !ok {
		return inspector.Cursor{}, false
	}
	call := sel.Parent()
	ce, ok := call.Node().(*ast.CallExpr)
	if !ok || sel.ParentEdgeKind() != edge.CallExpr_Fun {
		return inspector.Cursor{}, false
	}
	name := ce.Fun.(*ast.SelectorExpr).Sel.Name
	if astutil.IsMethod(info, ce, wsPkg, "Dialer", name) || astutil.IsMethod(info, ce, tlsPkg, "Dialer", name) {
		if strings.HasPrefix(name, "Dial") {
			return call, true
		}
	}
	return inspector.Cursor{}, false
}

// certificateInspection reports a config that skips verification and whose
// connection is only opened to read the peer's certificates: a scanner or
// an expiry check, not a client that would benefit from resumption.
func (c *collector) certificateInspection(lit *ast.CompositeLit, u use) bool {
	if u.kind != dial || !c.skipsVerify(lit) {
		return false
	}
	fn, ok := astutil.EnclosingFunc(u.at)
	return ok && c.inspectsCerts[fn.Node()]
}

func (c *collector) skipsVerify(lit *ast.CompositeLit) bool {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "InsecureSkipVerify" {
				v, isConst := astutil.BoolConst(c.pass.TypesInfo, kv.Value)
				return isConst && v
			}
		}
	}
	return false
}

// addCache returns the fix that adds ClientSessionCache to the literal,
// when the literal names its type through the crypto/tls import of the
// file (tls.Config or a renamed import), which the fix reuses.
func (c *collector) addCache(lit *ast.CompositeLit) []analysis.SuggestedFix {
	sel, ok := lit.Type.(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	pkgIdent, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil
	}
	if pkg, ok := c.pass.TypesInfo.Uses[pkgIdent].(*types.PkgName); !ok || pkg.Imported().Path() != tlsPkg {
		return nil
	}
	field := "ClientSessionCache: " + pkgIdent.Name + ".NewLRUClientSessionCache(0)"
	var edit analysis.TextEdit
	switch {
	case len(lit.Elts) == 0:
		edit = analysis.TextEdit{Pos: lit.Lbrace + 1, End: lit.Lbrace + 1, NewText: []byte(field)}
	case c.line(lit.Rbrace) > c.line(lit.Elts[len(lit.Elts)-1].End()):
		// One field per line: a new last line, indented like the others.
		last := lit.Elts[len(lit.Elts)-1]
		indent := strings.Repeat("\t", c.pass.Fset.Position(last.Pos()).Column-1)
		start := c.pass.Fset.File(lit.Rbrace).LineStart(c.line(lit.Rbrace))
		edit = analysis.TextEdit{Pos: start, End: start, NewText: []byte(indent + field + ",\n")}
	default:
		end := lit.Elts[len(lit.Elts)-1].End()
		edit = analysis.TextEdit{Pos: end, End: end, NewText: []byte(", " + field)}
	}
	return []analysis.SuggestedFix{{Message: "add a ClientSessionCache", TextEdits: []analysis.TextEdit{edit}}}
}

func (c *collector) line(p token.Pos) int { return c.pass.Fset.Position(p).Line }
