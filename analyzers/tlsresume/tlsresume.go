package tlsresume

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
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
	Requires: []*analysis.Analyzer{lazyinspect.Analyzer},
	Run:      run,
})

// includeTests is the -tests flag: test code is left out by default
// (lint.IsTestCode says why).
var includeTests bool

func init() { lint.TestsFlag(Analyzer, &includeTests) }

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
	root := lazyinspect.Of(pass).Root()
	for file := range root.Children() {
		if lint.SkipFile(pass, file.Node().(*ast.File), includeTests) {
			continue
		}
		c.collect(file)
	}
	for _, lit := range c.literals {
		c.check(lit)
	}
	return nil, nil
}

// collector gathers, in one walk of the package, the tls.Config literals,
// every reference to a variable or field that can hold a config or a
// dialer, and the calls between the package's functions; the literals are
// judged once everything is known, because a field is often filled in a
// constructor and dialled in a method written before it.
type collector struct {
	pass     *analysis.Pass
	config   types.Type // crypto/tls.Config
	literals []inspector.Cursor
	refs     map[types.Object][]inspector.Cursor
	repeats  *repeats

	inspectsCerts map[ast.Node]bool // functions that call (*tls.Conn).ConnectionState
	sharedCache   *sharedCache      // the package-level cache the suggested fixes declare
}

func newCollector(pass *analysis.Pass) *collector {
	c := &collector{
		pass:          pass,
		refs:          make(map[types.Object][]inspector.Cursor),
		repeats:       newRepeats(pass.TypesInfo),
		inspectsCerts: make(map[ast.Node]bool),
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
	nodes := []ast.Node{(*ast.CompositeLit)(nil), (*ast.Ident)(nil), (*ast.CallExpr)(nil), (*ast.FuncDecl)(nil)}
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
		case *ast.FuncDecl:
			c.repeats.addDecl(cur)
		}
	}
}

// call records the calls that later decide whether a use repeats.
func (c *collector) call(cur inspector.Cursor, call *ast.CallExpr) {
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil {
		return
	}
	if fn.Pkg() == c.pass.Pkg {
		c.repeats.addCall(fn, cur)
		return
	}
	if astutil.MethodIs(fn, tlsPkg, "Conn", "ConnectionState") {
		if enclosing, ok := astutil.EnclosingFunc(cur); ok {
			c.inspectsCerts[enclosing.Node()] = true
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
	// cache is the value assigned to ClientSessionCache, for hasCache.
	cache ast.Expr
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

// flow is everything known about where one config literal goes.
type flow struct {
	clients []use    // dials, transports, dialers, MQTT options
	cache   ast.Expr // the value of ClientSessionCache, in the literal or assigned
	kept    bool     // stored in a struct field or a package variable
}

// follow collects the uses of the literal at lit, through the variables
// and fields it is stored in. ok is false when the config escapes where
// the analyzer cannot follow it, or serves a server.
func (c *collector) follow(lit inspector.Cursor) (f flow, ok bool) {
	f.cache = c.cacheInLiteral(lit.Node().(*ast.CompositeLit))
	visited := make(map[types.Object]bool)
	work := []inspector.Cursor{lit}
	for len(work) > 0 {
		cur := work[0]
		work = work[1:]
		u := c.classify(cur)
		switch u.kind {
		case escape, server:
			return f, false
		case hasCache:
			if f.cache == nil {
				f.cache = u.cache
			}
		case bind:
			if v, isVar := u.key.(*types.Var); isVar && (v.IsField() || v.Parent() == v.Pkg().Scope()) {
				f.kept = true
			}
			if !visited[u.key] {
				visited[u.key] = true
				work = append(work, c.refs[u.key]...)
			}
		case dial, transport, dialer, mqttOpts:
			f.clients = append(f.clients, u)
		}
	}
	return f, true
}

// check reports the literal at lit when its handshakes repeat and cannot
// be resumed: the config is shared by repeated connections and has no
// cache, or it is itself built for every connection, so that any cache
// built with it starts empty.
func (c *collector) check(lit inspector.Cursor) {
	cl := lit.Node().(*ast.CompositeLit)
	if c.ticketsOff(cl) {
		return
	}
	f, ok := c.follow(lit)
	if !ok || len(f.clients) == 0 {
		return
	}
	if rep := c.repeats.at(lit, inspector.Cursor{}); rep != nil && !f.kept && !c.inspectionOnly(cl, f) {
		c.reportPerCall(cl, f, rep)
		return
	}
	if f.cache != nil {
		return
	}
	for _, u := range f.clients {
		if c.certificateInspection(cl, u) {
			continue
		}
		if rep, why := c.repeatedUse(lit, u); rep != nil {
			c.pass.Report(analysis.Diagnostic{
				Pos:            cl.Pos(),
				End:            cl.End(),
				Message:        message,
				Related:        []analysis.RelatedInformation{{Pos: u.at.Node().Pos(), Message: why}, {Pos: rep.pos, Message: "repeated: " + rep.why}},
				SuggestedFixes: c.addCache(cl),
			})
			return
		}
	}
}

// inspectionOnly reports whether every client use of the config only
// inspects certificates.
func (c *collector) inspectionOnly(cl *ast.CompositeLit, f flow) bool {
	for _, u := range f.clients {
		if !c.certificateInspection(cl, u) {
			return false
		}
	}
	return true
}

// repeatedUse reports whether use u of the config at lit makes a new
// handshake again and again while the config is built once, and names the
// use for the related position.
func (c *collector) repeatedUse(lit inspector.Cursor, u use) (*repeat, string) {
	switch u.kind {
	case dial:
		return c.repeats.at(u.at, lit), "dialled here with the config"
	case transport:
		if rep := c.repeats.at(u.at, lit); rep != nil {
			return rep, "a new http.Transport (an empty pool) is built here with the config"
		}
		if c.keepAlivesOff(u.at) {
			return &repeat{pos: u.at.Node().Pos(), why: "DisableKeepAlives makes every request dial", cost: "every request"},
				"this http.Transport opens a new connection for every request"
		}
	case dialer:
		return c.dialerRepeats(lit, u), "the config is given to this dialer"
	}
	// An MQTT client keeps one connection for its whole life: paho's
	// automatic reconnects are rare events, not a handshake per message.
	return nil, ""
}

// reportPerCall reports a config built anew for every connection: a
// cache created with it is empty every time, and without one there is
// nothing to resume either. The fix is a cache shared by all of them.
func (c *collector) reportPerCall(cl *ast.CompositeLit, f flow, rep *repeat) {
	related := []analysis.RelatedInformation{{Pos: rep.pos, Message: "repeated: " + rep.why}}
	if f.cache != nil {
		if !c.createsCache(f.cache) {
			return // a cache kept elsewhere and shared: resumption works
		}
		c.pass.Report(analysis.Diagnostic{
			Pos: cl.Pos(), End: cl.End(),
			Message: fmt.Sprintf("ClientSessionCache is created together with a tls.Config that is built again for %s: the cache is always empty and no session is ever resumed; "+
				"create the cache once (package level or in a constructor) and share it", rep.cost),
			Related:        append(related, analysis.RelatedInformation{Pos: f.cache.Pos(), Message: "a new, empty cache every time"}),
			SuggestedFixes: c.shareCache(cl, f.cache),
		})
		return
	}
	c.pass.Report(analysis.Diagnostic{
		Pos: cl.Pos(), End: cl.End(),
		Message: fmt.Sprintf("tls.Config is built again for %s and has no ClientSessionCache: every connection is a full TLS handshake (2 RTT); "+
			"build the config once, or give it a ClientSessionCache created once and shared", rep.cost),
		Related:        related,
		SuggestedFixes: c.shareCache(cl, nil),
	})
}

// createsCache reports whether e makes a new cache:
// tls.NewLRUClientSessionCache(…) or a local variable initialised by it.
func (c *collector) createsCache(e ast.Expr) bool {
	e = ast.Unparen(e)
	if id, ok := e.(*ast.Ident); ok {
		v, isVar := c.pass.TypesInfo.Uses[id].(*types.Var)
		if !isVar || v.IsField() || v.Parent() == v.Pkg().Scope() {
			return false
		}
		def, found := c.localInit(v)
		return found && c.createsCache(def)
	}
	call, ok := e.(*ast.CallExpr)
	return ok && astutil.IsFunc(c.pass.TypesInfo, call, tlsPkg, "NewLRUClientSessionCache")
}

// localInit returns the expression a local variable is declared with
// (v := expr or var v = expr).
func (c *collector) localInit(v *types.Var) (ast.Expr, bool) {
	for _, f := range c.pass.Files {
		if f.Pos() > v.Pos() || v.Pos() >= f.End() {
			continue
		}
		var init ast.Expr
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				if len(n.Lhs) == len(n.Rhs) {
					for i, l := range n.Lhs {
						if l.Pos() == v.Pos() {
							init = n.Rhs[i]
						}
					}
				}
			case *ast.ValueSpec:
				if len(n.Names) == len(n.Values) {
					for i, name := range n.Names {
						if name.Pos() == v.Pos() {
							init = n.Values[i]
						}
					}
				}
			}
			return init == nil
		})
		return init, init != nil
	}
	return nil, false
}

// keepAlivesOff reports whether the transport at cur (a literal, or an
// assignment to a transport variable's TLSClientConfig) sets
// DisableKeepAlives: true in its literal.
func (c *collector) keepAlivesOff(cur inspector.Cursor) bool {
	lit, ok := cur.Node().(*ast.CompositeLit)
	if !ok {
		return false
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "DisableKeepAlives" {
				v, isConst := astutil.BoolConst(c.pass.TypesInfo, kv.Value)
				return isConst && v
			}
		}
	}
	return false
}

// ticketsOff reports whether the literal sets SessionTicketsDisabled:
// resumption is turned off on purpose.
func (c *collector) ticketsOff(lit *ast.CompositeLit) bool {
	v := fieldValue(lit, "SessionTicketsDisabled")
	if v == nil {
		return false
	}
	off, isConst := astutil.BoolConst(c.pass.TypesInfo, v)
	return !isConst || off
}

// cacheInLiteral returns the value of ClientSessionCache in the literal.
func (c *collector) cacheInLiteral(lit *ast.CompositeLit) ast.Expr {
	return fieldValue(lit, "ClientSessionCache")
}

// fieldValue returns the value of the named field in a keyed composite
// literal whose type is already known (tls.Config, http.Transport).
func fieldValue(lit *ast.CompositeLit, name string) ast.Expr {
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
				return kv.Value
			}
		}
	}
	return nil
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
				cache := assignedValue(parent)
				if cache == nil {
					cache = p // read or compared: somebody manages a cache
				}
				return use{kind: hasCache, cache: cache}
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

// dialerRepeats reports whether the dialer the config was given to makes
// handshakes again and again while the config is built once: the dialer
// itself is built repeatedly (a dialer per reconnect attempt around a
// shared config), or its Dial or DialContext runs repeatedly.
func (c *collector) dialerRepeats(lit inspector.Cursor, u use) *repeat {
	obj := u.dialer.obj
	if d := u.dialer.lit; d.Valid() {
		if rep := c.repeats.at(d, lit); rep != nil {
			return rep
		}
		stored := c.classify(d)
		if stored.kind != bind {
			return nil
		}
		obj = stored.key
	}
	v, ok := obj.(*types.Var)
	if !ok {
		return nil
	}
	for _, ref := range c.refs[v] {
		if call, ok := dialCall(c.pass.TypesInfo, ref); ok {
			if rep := c.repeats.at(call, lit); rep != nil {
				return rep
			}
		}
	}
	return nil
}

// dialCall returns the Dial or DialContext call made on the dialer
// variable referenced at ref.
func dialCall(info *types.Info, ref inspector.Cursor) (inspector.Cursor, bool) {
	if ref.ParentEdgeKind() == edge.SelectorExpr_Sel {
		ref = ref.Parent() // a field: d.dialer
	}
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
