package servertimeouts

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/durfold"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
	"github.com/connlint/connlint/analyzers/internal/lint"
	"github.com/connlint/connlint/internal/records"
)

//go:embed doc.go
var docSource string

// Analyzer reports HTTP servers without ReadHeaderTimeout or IdleTimeout,
// and returns every server it sees serve as a []records.Server.
var Analyzer = lint.New(&analysis.Analyzer{
	Name:       "servertimeouts",
	Doc:        astutil.AnalyzerDoc(docSource, "servertimeouts"),
	Requires:   []*analysis.Analyzer{lazyinspect.Analyzer, durfold.Analyzer},
	Run:        run,
	ResultType: reflect.TypeFor[[]records.Server](),
	FactTypes:  []analysis.Fact{new(serverResult), new(servedHolder)},
})

// includeTests is the -tests flag: test code is left out by default
// (lint.IsTestCode says why).
var includeTests bool

func init() { lint.TestsFlag(Analyzer, &includeTests) }

// Framework names in records.Server.
const (
	frameworkNetHTTP = "net/http"
	frameworkGin     = "gin"
	frameworkEcho    = "echo"
)

// originKind says how a server comes into being, which decides what can
// be missing and how the finding reads.
type originKind int

const (
	serverValue    originKind = iota // an http.Server literal, new(http.Server) or var srv http.Server
	packageLevel                     // http.ListenAndServe and friends: no timeouts possible
	ginRun                           // (*gin.Engine).Run/RunTLS: http.ListenAndServe(TLS) inside
	echoStart                        // (*echo.Echo).Start: serves e.Server
	importedServer                   // the result of another package's constructor (serverResult fact)
)

// origin is one server: the node the finding and the record point at,
// and the holder its value starts in.
type origin struct {
	kind  originKind
	cur   inspector.Cursor
	node  ast.Node
	start holder
	call  *types.Func // the serving function, for packageLevel and ginRun; the constructor, for importedServer
	addr  ast.Expr    // the address argument, for the calls that take one
	built string      // where the constructor builds the server (file:line), for importedServer
}

func run(pass *analysis.Pass) (any, error) {
	if lint.InStandardLibrary(pass) || !lint.Imports(pass.Pkg, httpmodel.NetHTTP, httpmodel.Gin, httpmodel.Echo, fiberPaths[0], fiberPaths[1]) && !importsServerFacts(pass) {
		return []records.Server(nil), nil
	}
	c := &checker{
		pass:   pass,
		folder: pass.ResultOf[durfold.Analyzer].(*durfold.Folder),
		flows:  newFlows(pass.TypesInfo, pass.Pkg, pass.Files),
	}
	c.flows.isConstructor = func(fn *types.Func) bool {
		_, ok := c.importedResult(fn)
		return ok
	}
	c.flows.importedHolder = c.importedHolder
	root := lazyinspect.Of(pass).Root()
	for file := range root.Children() {
		if lint.SkipFile(pass, file.Node().(*ast.File), includeTests) {
			continue // tests start servers for themselves (and use httptest)
		}
		c.walk(file)
	}
	servers := c.judge()
	c.exportFacts()
	return servers, nil
}

type checker struct {
	pass    *analysis.Pass
	folder  *durfold.Folder
	flows   *flows
	origins []origin

	fiberApps    map[holder][]fiberApp // where the package keeps fiber apps
	fiberListens []fiberListen
}

// walk visits one file once, collecting the servers and everything that
// sets, moves or serves them.
func (c *checker) walk(file inspector.Cursor) {
	nodes := []ast.Node{(*ast.FuncDecl)(nil), (*ast.CompositeLit)(nil), (*ast.CallExpr)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.ReturnStmt)(nil)}
	for cur := range file.Preorder(nodes...) {
		switch n := cur.Node().(type) {
		case *ast.FuncDecl:
			c.flows.declare(c.pass.TypesInfo.Defs[n.Name])
		case *ast.CompositeLit:
			c.compositeLit(cur, n)
		case *ast.CallExpr:
			c.call(cur, n)
		case *ast.AssignStmt:
			c.flows.assign(n)
		case *ast.ValueSpec:
			c.valueSpec(cur, n)
		case *ast.ReturnStmt:
			if fn, ok := astutil.EnclosingFunc(cur); ok {
				c.flows.result(fn.Node(), n)
			}
		}
	}
}

// compositeLit registers an http.Server literal with the fields it sets,
// or follows servers stored in another struct literal's fields.
func (c *checker) compositeLit(cur inspector.Cursor, lit *ast.CompositeLit) {
	info := c.pass.TypesInfo
	t := info.TypeOf(lit)
	if !astutil.IsNamed(t, httpmodel.NetHTTP, "Server") {
		if _, ok := t.Underlying().(*types.Struct); ok {
			c.flows.structLit(lit)
		}
		return
	}
	self := holder{node: lit}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		field, ok := info.Uses[key].(*types.Var) // a field of http.Server
		if ok && field.IsField() && isTracked(field.Name()) {
			c.flows.writes[self] = appendWrite(c.flows.writes[self], field.Name(), fieldWrite{value: kv.Value, at: kv})
		}
	}
	c.origins = append(c.origins, origin{kind: serverValue, cur: cur, node: lit, start: self})
}

func appendWrite(m map[string][]fieldWrite, field string, w fieldWrite) map[string][]fieldWrite {
	if m == nil {
		m = make(map[string][]fieldWrite)
	}
	m[field] = append(m[field], w)
	return m
}

// valueSpec registers var srv http.Server (a zero server) and follows
// servers stored by a var declaration.
func (c *checker) valueSpec(cur inspector.Cursor, spec *ast.ValueSpec) {
	c.flows.valueSpec(spec)
	if len(spec.Values) > 0 || spec.Type == nil {
		return
	}
	t := c.pass.TypesInfo.TypeOf(spec.Type)
	if _, isPtr := t.(*types.Pointer); isPtr || !astutil.IsNamed(t, httpmodel.NetHTTP, "Server") {
		return
	}
	for _, name := range spec.Names {
		if v, ok := c.pass.TypesInfo.Defs[name].(*types.Var); ok {
			c.origins = append(c.origins, origin{kind: serverValue, cur: cur, node: name, start: holder{obj: v}})
		}
	}
}

// call handles the calls that create, serve or configure servers.
func (c *checker) call(cur inspector.Cursor, call *ast.CallExpr) {
	info := c.pass.TypesInfo
	if isNewServer(info, call) {
		c.origins = append(c.origins, origin{kind: serverValue, cur: cur, node: call, start: holder{node: call}})
		return
	}
	fn := astutil.Callee(info, call)
	if fact, ok := c.importedResult(fn); ok {
		h := holder{node: call}
		c.flows.writes[h] = importedWrites(fact.Settings, call)
		c.origins = append(c.origins, origin{kind: importedServer, cur: cur, node: call, start: h, call: fn, built: fact.Built})
	}
	switch {
	case fn == nil:
	case isServingMethod(fn):
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			c.flows.servedHolder(c.flows.receiverHolder(sel), serve{at: call, listen: listens(fn)})
		}
		return
	case isPackageServe(fn):
		c.origins = append(c.origins, origin{kind: packageLevel, cur: cur, node: call, call: fn, addr: addrArg(fn, call)})
		return
	case astutil.MethodIs(fn, httpmodel.Gin, "Engine", "Run"), astutil.MethodIs(fn, httpmodel.Gin, "Engine", "RunTLS"):
		o := origin{kind: ginRun, cur: cur, node: call, call: fn}
		if len(call.Args) == 1 || fn.Name() == "RunTLS" {
			o.addr = call.Args[0]
		}
		c.origins = append(c.origins, o)
		return
	case astutil.MethodIs(fn, httpmodel.Echo, "Echo", "Start"):
		c.echoStart(cur, call, fn)
		return
	case isFiberFunc(fn, "New"):
		c.fiberNew(cur, call)
	case isFiberListen(fn):
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			c.fiberListens = append(c.fiberListens, fiberListen{cur: cur, call: call, fn: fn, app: c.flows.holderOf(sel.X)})
		}
		return
	case astutil.MethodIs(fn, httpmodel.Echo, "Echo", "StartServer"):
		c.flows.served(call.Args[0], serve{at: call, listen: true, framework: frameworkEcho})
		return
	}
	c.flows.arguments(call, fn)
}

// isPackageServe reports whether fn is one of net/http's package-level
// serving functions, which build a Server with no timeouts (server.go:
// ListenAndServe is &Server{Addr: addr, Handler: handler}).
func isPackageServe(fn *types.Func) bool {
	for _, name := range [...]string{"ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS"} {
		if astutil.FuncIs(fn, httpmodel.NetHTTP, name) {
			return true
		}
	}
	return false
}

func addrArg(fn *types.Func, call *ast.CallExpr) ast.Expr {
	if strings.HasPrefix(fn.Name(), "ListenAndServe") && len(call.Args) > 0 {
		return call.Args[0]
	}
	return nil
}

// echoStart registers e.Start(addr): it serves the e.Server field, whose
// settings anywhere in the package apply.
func (c *checker) echoStart(cur inspector.Cursor, call *ast.CallExpr, fn *types.Func) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	field, _, _ := types.LookupFieldOrMethod(c.pass.TypesInfo.TypeOf(sel.X), true, fn.Pkg(), "Server")
	if field == nil {
		return
	}
	h := holder{obj: field}
	c.flows.serves[h] = append(c.flows.serves[h], serve{at: call, listen: true, addr: call.Args[0], framework: frameworkEcho})
	c.origins = append(c.origins, origin{kind: echoStart, cur: cur, node: call, start: h, addr: call.Args[0]})
}

// judge reports the servers without timeouts and returns the records of
// all servers that serve.
func (c *checker) judge() []records.Server {
	var servers []records.Server
	for _, o := range c.origins {
		var s records.Server
		var ok bool
		switch o.kind {
		case serverValue, echoStart, importedServer:
			if o.kind == echoStart && c.replacedEchoServer(o) {
				continue // the literal assigned to e.Server is the record
			}
			s, ok = c.judgeServer(o)
		default:
			s, ok = c.judgeNoTimeouts(o), true
		}
		if ok {
			servers = append(servers, s)
		}
	}
	for _, l := range c.fiberListens {
		if s, ok := c.judgeFiber(l); ok {
			servers = append(servers, s)
		}
	}
	return servers
}

// replacedEchoServer reports whether the function that calls e.Start
// stores a server literal in the echo Server field (e.Server =
// &http.Server{...}): that literal is then judged, with e.Start as the call
// that serves it.
func (c *checker) replacedEchoServer(start origin) bool {
	fn, ok := astutil.EnclosingFuncDecl(start.cur)
	if !ok {
		return false
	}
	for _, o := range c.origins {
		if o.kind != serverValue || !c.flows.reaches(o.start, start.start) {
			continue
		}
		if lit, ok := astutil.EnclosingFuncDecl(o.cur); ok && lit == fn {
			return true
		}
	}
	return false
}

// judgeServer judges a server value; ok is false when it is not seen to
// serve.
func (c *checker) judgeServer(o origin) (records.Server, bool) {
	fx := c.flows.reach(o.start)
	if len(fx.serves) == 0 {
		return records.Server{}, false
	}
	at := o.node.Pos()
	readTimeout := c.setting(fx, "ReadTimeout")
	readHeader := c.effective(c.setting(fx, "ReadHeaderTimeout"), readTimeout, at)
	idle := c.effective(c.setting(fx, "IdleTimeout"), readTimeout, at)
	s := c.record(o, readHeader.value, idle)
	s.Addr = c.listenAddr(fx)
	if o.kind == echoStart {
		s.Addr = c.constString(o.addr) // e.Server may be started elsewhere too
	}
	if fw := fx.serves[0].framework; fw != "" {
		s.Framework = fw
	}
	if !readHeader.missing && !idle.missing {
		return s, true
	}
	d := analysis.Diagnostic{
		Pos:     o.node.Pos(),
		End:     o.node.End(),
		Message: serverMessage(o.kind, readHeader.missing, idle.missing),
	}
	switch o.kind {
	case serverValue:
		d.Related = []analysis.RelatedInformation{servedAt(fx.serves[0])}
		if lit, ok := o.node.(*ast.CompositeLit); ok && readHeader.missing {
			d.SuggestedFixes = c.addReadHeaderTimeout(o.cur, lit)
		}
	case importedServer:
		name := astutil.FuncName(o.call, c.pass.Pkg)
		d.Message = fmt.Sprintf("%s, built by %s at %s", d.Message, name, o.built)
		d.Related = []analysis.RelatedInformation{
			servedAt(fx.serves[0]),
			{Pos: o.call.Pos(), Message: fmt.Sprintf("%s builds the http.Server at %s", name, o.built)},
		}
	}
	c.pass.Report(d)
	return s, true
}

// servedAt is the related information naming a serving call: here, or in
// the package that serves a field or parameter.
func servedAt(s serve) analysis.RelatedInformation {
	if s.elsewhere != "" {
		return analysis.RelatedInformation{Pos: s.pos(), Message: "served at " + s.elsewhere}
	}
	return analysis.RelatedInformation{Pos: s.pos(), Message: "served here"}
}

// listenAddr returns the constant address every serving call listens on,
// or "".
func (c *checker) listenAddr(fx facts) string {
	var addr string
	for i, s := range fx.serves {
		if !s.listen {
			return ""
		}
		a := c.constField(fx, "Addr")
		if s.addr != nil {
			a = c.constString(s.addr)
		}
		if a == "" || (i > 0 && a != addr) {
			return ""
		}
		addr = a
	}
	return addr
}

// judgeNoTimeouts reports a serving call that cannot set timeouts: the
// package-level functions and gin's Run.
func (c *checker) judgeNoTimeouts(o origin) records.Server {
	none := records.Value{Known: true, Pos: c.position(o.node.Pos())}
	s := c.record(o, none, effective{value: none, from: records.NoIdleTimeout, missing: true})
	s.Addr = c.constString(o.addr)
	msg := fmt.Sprintf("http.%s cannot set timeouts: %s; use an http.Server with ReadHeaderTimeout and IdleTimeout", o.call.Name(), harmBoth)
	if o.kind == ginRun {
		s.Framework = frameworkGin
		msg = fmt.Sprintf("gin's Engine.%s serves with http.ListenAndServe%s, which cannot set timeouts: %s; serve the engine with an http.Server{Handler: engine} with ReadHeaderTimeout and IdleTimeout",
			o.call.Name(), strings.TrimPrefix(o.call.Name(), "Run"), harmBoth)
	}
	c.pass.Report(analysis.Diagnostic{Pos: o.node.Pos(), End: o.node.End(), Message: msg})
	return s
}

// record fills the parts of a records.Server every origin has.
func (c *checker) record(o origin, readHeader records.Value, idle effective) records.Server {
	return records.Server{
		Package:    c.pass.Pkg.Path(),
		Func:       c.funcName(o.cur),
		Pos:        c.position(o.node.Pos()),
		Idle:       idle.value,
		IdleFrom:   idle.from,
		ReadHeader: readHeader,
		Framework:  frameworkNetHTTP,
	}
}

// Finding messages. The harm and the fix are spelled once.
const (
	harmBoth       = "a slowloris client holds a connection open for ever and idle keep-alive connections are never closed"
	harmReadHeader = "a slowloris client holds a connection open for ever by sending its headers slowly"
	harmIdle       = "idle keep-alive connections are never closed"
	fixReadHeader  = "ReadHeaderTimeout (e.g. 10s)"
	fixIdle        = "IdleTimeout (longer than the load balancer's idle timeout)"
)

// serverMessage names what a server value or echo's e.Server misses.
func serverMessage(kind originKind, missingReadHeader, missingIdle bool) string {
	subject, prefix, suffix := "http.Server", "", ""
	if kind == echoStart {
		subject, prefix, suffix = "echo's Start serves e.Server", "e.Server.", " before Start"
	}
	switch {
	case missingReadHeader && missingIdle:
		return fmt.Sprintf("%s without ReadHeaderTimeout or IdleTimeout: %s; set %s%s and %s%s%s",
			subject, harmBoth, prefix, fixReadHeader, prefix, fixIdle, suffix)
	case missingReadHeader:
		return fmt.Sprintf("%s without ReadHeaderTimeout (or ReadTimeout): %s; set %s%s%s",
			subject, harmReadHeader, prefix, fixReadHeader, suffix)
	default:
		return fmt.Sprintf("%s without IdleTimeout (or ReadTimeout): %s; set %s%s%s",
			subject, harmIdle, prefix, fixIdle, suffix)
	}
}

// setting is what the package sets one field of a server to.
type setting struct {
	set      bool
	known    bool
	d        time.Duration
	at       ast.Node // the last write
	imported bool     // set by another package (at may be nil)
}

// setting folds the writes of field. Several writes are known only when
// they all fold to the same value. A server handed to code the analyzer
// does not follow may have any field set there: unknown, but set.
func (c *checker) setting(fx facts, field string) setting {
	writes := fx.writes[field]
	if len(writes) == 0 {
		return setting{set: fx.opaque}
	}
	s := setting{set: true, known: true, at: writes[len(writes)-1].at}
	for i, w := range writes {
		d, ok := time.Duration(0), false
		switch {
		case w.imported != nil:
			d, ok = w.imported.D, w.imported.Known
			s.imported = true
		case w.value != nil:
			d, ok = c.folder.Duration(w.value)
		}
		if !ok || (i > 0 && d != s.d) {
			s.known = false
			return s
		}
		s.d = d
	}
	return s
}

// effective is a timeout as net/http computes it.
type effective struct {
	value   records.Value
	from    records.IdleSource
	missing bool // no timeout at all
}

// effective computes a timeout that falls back to ReadTimeout, as
// net/http's (*Server).readHeaderTimeout and idleTimeout do (server.go):
// the field if non-zero, else ReadTimeout; negative, or zero with
// ReadTimeout zero or negative, means no timeout. A value set but unknown
// counts as a timeout. at is the server's position, for "no timeout".
// from names the field as records.IdleSource does: FromIdleTimeout stands
// for the field itself (ReadHeaderTimeout when computing that one).
func (c *checker) effective(primary, readTimeout setting, at token.Pos) effective {
	switch {
	case primary.set && primary.at == nil && !primary.imported:
		// Configured out of sight: neither the value nor its field is known.
		return effective{value: c.value(primary, at)}
	case primary.set && (!primary.known || primary.d > 0):
		return effective{value: c.value(primary, at), from: records.FromIdleTimeout}
	case primary.set && primary.d < 0:
		v := c.value(primary, at)
		v.Duration = 0 // no timeout
		return effective{value: v, from: records.NoIdleTimeout, missing: true}
	case readTimeout.set && (!readTimeout.known || readTimeout.d > 0):
		return effective{value: c.value(readTimeout, at), from: records.FromReadTimeout}
	}
	return effective{value: records.Value{Known: true, Pos: c.position(at)}, from: records.NoIdleTimeout, missing: true}
}

// value is a setting as a record value. A field set out of sight has no
// position of its own: it takes the server's, at.
func (c *checker) value(s setting, at token.Pos) records.Value {
	v := records.Value{Duration: s.d, Known: s.known}
	if !s.known {
		v.Duration = 0
	}
	if s.at != nil {
		at = s.at.Pos()
	}
	v.Pos = c.position(at)
	return v
}

// constField returns the server's field when every write of it is the
// same string constant.
func (c *checker) constField(fx facts, field string) string {
	var value string
	for i, w := range fx.writes[field] {
		s := w.addr
		if s == "" {
			s = c.constString(w.value)
		}
		if s == "" || (i > 0 && s != value) {
			return ""
		}
		value = s
	}
	return value
}

func (c *checker) constString(e ast.Expr) string {
	if e == nil {
		return ""
	}
	s, _ := astutil.StringConst(c.pass.TypesInfo, e)
	return s
}

func (c *checker) position(pos token.Pos) records.Position {
	p := c.pass.Fset.Position(pos)
	return records.Position{File: p.Filename, Line: p.Line, Column: p.Column}
}

// funcName names the function declaration around cur as "pkg.Func" or
// "pkg.(*T).Method"; "" at package level.
func (c *checker) funcName(cur inspector.Cursor) string {
	decl, ok := astutil.EnclosingFuncDecl(cur)
	if !ok {
		return ""
	}
	fn, ok := c.pass.TypesInfo.Defs[decl.Node().(*ast.FuncDecl).Name].(*types.Func)
	if !ok {
		return ""
	}
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		ptr := false
		if p, ok := t.(*types.Pointer); ok {
			t, ptr = p.Elem(), true
		}
		if named, ok := types.Unalias(t).(*types.Named); ok {
			if ptr {
				name = "(*" + named.Obj().Name() + ")." + name
			} else {
				name = named.Obj().Name() + "." + name
			}
		}
	}
	return c.pass.Pkg.Name() + "." + name
}

// addReadHeaderTimeout offers to add ReadHeaderTimeout: 10 * time.Second
// to lit, when the file imports "time" under a name visible at lit.
func (c *checker) addReadHeaderTimeout(cur inspector.Cursor, lit *ast.CompositeLit) []analysis.SuggestedFix {
	timePkg := c.timeName(cur, lit)
	if timePkg == "" {
		return nil
	}
	for _, elt := range lit.Elts {
		if _, ok := elt.(*ast.KeyValueExpr); !ok {
			return nil // positional fields: leave alone
		}
	}
	field := "ReadHeaderTimeout: 10 * " + timePkg + ".Second"
	file := c.pass.Fset.File(lit.Pos())
	var text string
	switch {
	case file.Line(lit.Rbrace) > file.Line(lit.Lbrace):
		// One element per line: a line of its own, indented one level
		// deeper than the closing brace (gofmt indents with tabs).
		indent := strings.Repeat("\t", c.pass.Fset.Position(lit.Rbrace).Column-1)
		text = "\t" + field + ",\n" + indent
		if n := len(lit.Elts); n > 0 && file.Line(lit.Elts[n-1].End()) == file.Line(lit.Rbrace) {
			text = ", " + field // the last element shares the brace's line
		}
	case len(lit.Elts) > 0:
		text = ", " + field
	default:
		text = field
	}
	return []analysis.SuggestedFix{{
		Message:   "add " + field,
		TextEdits: []analysis.TextEdit{{Pos: lit.Rbrace, End: lit.Rbrace, NewText: []byte(text)}},
	}}
}

// timeName returns the name under which the file of lit imports "time",
// if that name denotes the package at lit.
func (c *checker) timeName(cur inspector.Cursor, lit *ast.CompositeLit) string {
	var file *ast.File
	for f := range cur.Enclosing((*ast.File)(nil)) {
		file = f.Node().(*ast.File)
	}
	if file == nil {
		return ""
	}
	for _, imp := range file.Imports {
		if imp.Path.Value != `"time"` {
			continue
		}
		name := "time"
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "_" || name == "." {
			return ""
		}
		scope := c.pass.Pkg.Scope().Innermost(lit.Pos())
		if scope == nil {
			return ""
		}
		if _, obj := scope.LookupParent(name, lit.Pos()); obj != nil {
			if pn, ok := obj.(*types.PkgName); ok && pn.Imported().Path() == "time" {
				return name
			}
		}
	}
	return ""
}
