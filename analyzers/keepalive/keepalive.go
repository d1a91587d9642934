package keepalive

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
	"github.com/connlint/connlint/analyzers/internal/lint"
)

//go:embed doc.go
var docSource string

var doc = astutil.AnalyzerDoc(docSource, "keepalive")

// Analyzer reports HTTP keep-alive switched off.
var Analyzer = lint.New(&analysis.Analyzer{
	Name:     "keepalive",
	Doc:      doc,
	Requires: []*analysis.Analyzer{lazyinspect.Analyzer},
	Run:      run,
})

// includeTests is the -tests flag: test code is left out by default
// (lint.IsTestCode says why).
var includeTests bool

func init() { lint.TestsFlag(Analyzer, &includeTests) }

const (
	httpPkg   = "net/http"
	signalPkg = "os/signal"
	netPkg    = "net"
)

const (
	msgDisableField = "DisableKeepAlives: true makes every request open a new TCP (and TLS) connection; remove it to reuse pooled connections"
	msgDisableSet   = "DisableKeepAlives = true makes every request open a new TCP (and TLS) connection; remove it to reuse pooled connections"
	msgReqClose     = "req.Close = true closes the connection after this request, so the next one pays a new TCP (and TLS) handshake; remove it to reuse pooled connections"
	msgReqHeader    = "a \"Connection: close\" request header closes the connection after this request, so the next one pays a new TCP (and TLS) handshake; remove the header"
	msgRespHeader   = "an unconditional \"Connection: close\" response header makes every client reconnect (new TCP and TLS handshake) for its next request; remove it, or set it only on a drain path"
	msgServerOff    = "SetKeepAlivesEnabled(false) outside a shutdown sequence makes every client reconnect for each request; remove it, or call it only right before Shutdown"
)

func run(pass *analysis.Pass) (any, error) {
	if !lint.Imports(pass.Pkg, httpPkg) {
		return nil, nil
	}
	c := &checker{
		pass:        pass,
		shutdownFns: make(map[ast.Node]bool),
		registered:  make(map[types.Object]bool),
	}
	root := lazyinspect.Of(pass).Root()
	for file := range root.Children() {
		if lint.SkipFile(pass, file.Node().(*ast.File), includeTests) {
			continue
		}
		for cur := range file.Preorder((*ast.CompositeLit)(nil), (*ast.AssignStmt)(nil), (*ast.CallExpr)(nil)) {
			switch n := cur.Node().(type) {
			case *ast.CompositeLit:
				c.compositeLit(n)
			case *ast.AssignStmt:
				c.assign(cur, n)
			case *ast.CallExpr:
				c.call(cur, n)
			}
		}
	}
	c.reportPending()
	return nil, nil
}

// checker holds what one pass has seen. Findings that depend on the
// enclosing shutdown sequence wait in pending until the whole package has
// been walked, because Shutdown may be called after, or in a function
// registered elsewhere than, the call that disables keep-alive.
type checker struct {
	pass        *analysis.Pass
	shutdownFns map[ast.Node]bool     // functions that call Shutdown/Close or handle signals
	registered  map[types.Object]bool // named functions passed to RegisterOnShutdown
	pending     []pendingFinding
}

type pendingFinding struct {
	cur inspector.Cursor
	msg string
}

// compositeLit reports DisableKeepAlives: true in an http.Transport literal
// and a Connection: close entry in an http.Header literal.
func (c *checker) compositeLit(lit *ast.CompositeLit) {
	t := c.pass.TypesInfo.TypeOf(lit)
	switch {
	case astutil.IsNamed(t, httpPkg, "Transport"):
		for i, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if !ok || !c.isTrue(kv.Value) || !isFieldKey(c.pass.TypesInfo, kv, "DisableKeepAlives") {
				continue
			}
			c.pass.Report(analysis.Diagnostic{
				Pos:            kv.Pos(),
				End:            kv.End(),
				Message:        msgDisableField,
				SuggestedFixes: c.fix("remove DisableKeepAlives: true", deleteElement(c.pass.Fset, lit, i)),
			})
		}
	case astutil.IsNamed(t, httpPkg, "Header"):
		for _, elt := range lit.Elts {
			kv, ok := elt.(*ast.KeyValueExpr)
			if ok && c.isConnectionHeader(kv.Key) && c.anyClose(kv.Value) {
				c.pass.Report(analysis.Diagnostic{Pos: lit.Pos(), End: lit.End(), Message: msgReqHeader})
				return
			}
		}
	}
}

// assign reports t.DisableKeepAlives = true and req.Close = true.
func (c *checker) assign(cur inspector.Cursor, as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		return
	}
	info := c.pass.TypesInfo
	for i, lhs := range as.Lhs {
		sel, ok := lhs.(*ast.SelectorExpr)
		if !ok || !c.isTrue(as.Rhs[i]) {
			continue
		}
		var msg string
		switch {
		case astutil.IsField(info, sel, httpPkg, "Transport", "DisableKeepAlives"):
			msg = msgDisableSet
		case astutil.IsField(info, sel, httpPkg, "Request", "Close") && c.isClientRequest(cur, sel.X) && !underOption(info, cur):
			msg = msgReqClose
		default:
			continue
		}
		d := analysis.Diagnostic{Pos: as.Pos(), End: as.End(), Message: msg}
		if len(as.Lhs) == 1 {
			if edit, ok := deleteStatement(c.pass.Fset, cur); ok {
				d.SuggestedFixes = c.fix("remove the statement", edit)
			}
		}
		c.pass.Report(d)
	}
}

// call handles Header.Set/Add, SetKeepAlivesEnabled and the calls that
// mark a shutdown sequence.
func (c *checker) call(cur inspector.Cursor, call *ast.CallExpr) {
	fn, _ := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	if fn == nil || fn.Pkg() == nil || (fn.Pkg().Path() != httpPkg && fn.Pkg().Path() != signalPkg && fn.Pkg().Path() != netPkg) {
		return
	}
	switch {
	case astutil.MethodIs(fn, httpPkg, "Header", "Set"), astutil.MethodIs(fn, httpPkg, "Header", "Add"):
		c.headerSet(cur, call, fn.Pkg())
	case astutil.MethodIs(fn, httpPkg, "Server", "SetKeepAlivesEnabled"):
		if v, ok := astutil.BoolConst(c.pass.TypesInfo, call.Args[0]); ok && !v {
			if !underOption(c.pass.TypesInfo, cur) {
				c.pending = append(c.pending, pendingFinding{cur, msgServerOff})
			}
		}
	case astutil.MethodIs(fn, httpPkg, "Server", "Shutdown"), astutil.MethodIs(fn, httpPkg, "Server", "Close"),
		astutil.FuncIs(fn, signalPkg, "Notify"), astutil.FuncIs(fn, signalPkg, "NotifyContext"),
		// Closing the listener stops the server too (httptest.Server.Close
		// does it before it turns keep-alive off).
		astutil.MethodIs(fn, netPkg, "Listener", "Close"), astutil.MethodIs(fn, netPkg, "TCPListener", "Close"),
		astutil.MethodIs(fn, netPkg, "UnixListener", "Close"):
		if enclosing, ok := astutil.EnclosingFunc(cur); ok {
			c.shutdownFns[enclosing.Node()] = true
		}
	case astutil.MethodIs(fn, httpPkg, "Server", "RegisterOnShutdown"):
		c.registerOnShutdown(call.Args[0])
	}
}

// registerOnShutdown remembers the function given to RegisterOnShutdown:
// a literal by its node, a named function or method value by its object.
func (c *checker) registerOnShutdown(arg ast.Expr) {
	switch fn := ast.Unparen(arg).(type) {
	case *ast.FuncLit:
		c.shutdownFns[fn] = true
	case *ast.Ident:
		c.registered[c.pass.TypesInfo.Uses[fn]] = true
	case *ast.SelectorExpr:
		c.registered[c.pass.TypesInfo.Uses[fn.Sel]] = true
	}
}

// headerSet reports Header.Set/Add("Connection", "close"). On a response
// header it only reports the statement written unconditionally at the top
// level of a handler (decided after the walk, see reportPending); on
// a *http.Response or on the request a handler received, never.
func (c *checker) headerSet(cur inspector.Cursor, call *ast.CallExpr, http *types.Package) {
	if len(call.Args) != 2 || !c.isConnectionHeader(call.Args[0]) || !c.anyClose(call.Args[1]) {
		return
	}
	fun, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return
	}
	info := c.pass.TypesInfo
	switch recv := ast.Unparen(fun.X).(type) {
	case *ast.CallExpr:
		if astutil.IsMethod(info, recv, httpPkg, "ResponseWriter", "Header") || writerHeader(info, recv, http) {
			if isTopLevelOfHandler(info, cur) {
				c.pending = append(c.pending, pendingFinding{cur, msgRespHeader})
			}
			return
		}
	case *ast.SelectorExpr:
		if astutil.IsField(info, recv, httpPkg, "Response", "Header") {
			return
		}
		if astutil.IsField(info, recv, httpPkg, "Request", "Header") && !c.isClientRequest(cur, recv.X) {
			return
		}
	}
	if _, isVar := ast.Unparen(fun.X).(*ast.Ident); isVar && inHandler(info, cur) {
		// A Header variable in a handler may well be w.Header(): whether
		// it is a request's or the response's is not followed.
		return
	}
	if underOption(info, cur) {
		return
	}
	c.pass.Report(analysis.Diagnostic{Pos: call.Pos(), End: call.End(), Message: msgReqHeader})
}

// underOption reports whether cur runs only when a boolean option is set:
// the then-branch of an if whose condition reads a bool struct field
// (if cfg.DisableKeepalive {...}, if t.DisableKeepAlives {...}). The code
// carries out its user's configuration, which the analyzer does not
// judge, as it does not judge DisableKeepAlives: cfg.NoKeepAlive; the
// choice is made where the option is set. net/http's own transport sends
// "Connection: close" under its DisableKeepAlives this way.
func underOption(info *types.Info, cur inspector.Cursor) bool {
	for ifCur := range cur.Enclosing((*ast.IfStmt)(nil)) {
		ifStmt := ifCur.Node().(*ast.IfStmt)
		if within(cur.Node(), ifStmt.Body) && readsBoolField(info, ifStmt.Cond) {
			return true
		}
	}
	return false
}

// readsBoolField reports whether e reads a struct field of type bool.
func readsBoolField(info *types.Info, e ast.Expr) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if s, ok := info.Selections[sel]; ok && s.Kind() == types.FieldVal {
				if b, ok := s.Type().Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

func within(n, outer ast.Node) bool {
	return outer.Pos() <= n.Pos() && n.End() <= outer.End()
}

// writerHeader reports whether call is the Header method of a concrete
// type that implements http.ResponseWriter (echo's *Response, a
// middleware's recorder, net/http's own response): a response header too.
func writerHeader(info *types.Info, call *ast.CallExpr, http *types.Package) bool {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Header" {
		return false
	}
	selection, ok := info.Selections[sel]
	if !ok || selection.Kind() != types.MethodVal {
		return false
	}
	obj, _ := http.Scope().Lookup("ResponseWriter").(*types.TypeName)
	if obj == nil {
		return false
	}
	iface, ok := obj.Type().Underlying().(*types.Interface)
	if !ok {
		return false
	}
	recv := selection.Recv()
	return types.Implements(recv, iface) || types.Implements(types.NewPointer(recv), iface)
}

// inHandler reports whether cur is inside a function that has an
// http.ResponseWriter parameter, or inside a literal within one.
func inHandler(info *types.Info, cur inspector.Cursor) bool {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if hasParamOfType(info, funcType(fn.Node()), httpPkg, "ResponseWriter") {
			return true
		}
	}
	return false
}

// reportPending reports the findings that are not part of a shutdown
// sequence: no enclosing function calls Shutdown/Close or handles signals,
// and none is registered with RegisterOnShutdown.
func (c *checker) reportPending() {
	for _, p := range c.pending {
		if c.inShutdownSequence(p.cur) {
			continue
		}
		n := p.cur.Node()
		c.pass.Report(analysis.Diagnostic{Pos: n.Pos(), End: n.End(), Message: p.msg})
	}
}

func (c *checker) inShutdownSequence(cur inspector.Cursor) bool {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if c.shutdownFns[fn.Node()] {
			return true
		}
		if decl, ok := fn.Node().(*ast.FuncDecl); ok && c.registered[c.pass.TypesInfo.Defs[decl.Name]] {
			return true
		}
	}
	return false
}

// isClientRequest reports whether req designates a request this program
// sends. Only a plain variable is judged: one declared in the function
// (http.NewRequest…, Clone, WithContext), or a parameter of a function that
// is not a handler (a request-building helper, a RoundTripper). The request
// a handler receives, and a request reached through a field (c.Request of
// a framework context), are the server's incoming request.
func (c *checker) isClientRequest(cur inspector.Cursor, req ast.Expr) bool {
	id, ok := ast.Unparen(req).(*ast.Ident)
	if !ok {
		return false
	}
	obj, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		ftype := funcType(fn.Node())
		if declaresParam(c.pass.TypesInfo, ftype, obj) {
			return !hasParamOfType(c.pass.TypesInfo, ftype, httpPkg, "ResponseWriter")
		}
	}
	if obj.Parent() == nil || obj.Parent() == obj.Pkg().Scope() {
		return false
	}
	// A local variable, unless it holds a request read off the wire or
	// built field by field and handed back to the caller.
	return !c.incomingRequest(cur, obj)
}

// incomingRequest reports whether the local variable obj holds a request
// this function does not send:
//
//   - one parsed from a reader: http.ReadRequest, or any function that
//     takes a *bufio.Reader and returns an *http.Request (a server reading
//     its connection), and any request inside such a parser (net/http's
//     own readRequest);
//   - one allocated empty, new(http.Request) or &http.Request{...}, and
//     returned: a server-side request built from another protocol (CGI's
//     http.RequestFromMap). A client builds its requests with
//     http.NewRequest, which stays judged.
func (c *checker) incomingRequest(cur inspector.Cursor, obj *types.Var) bool {
	fn, ok := astutil.EnclosingFunc(cur)
	if !ok {
		return false
	}
	info := c.pass.TypesInfo
	if sig := httpmodel.FuncSignature(info, fn.Node()); sig != nil && readsRequestSig(sig) {
		return true // the parser itself (net/http's readRequest)
	}
	for as := range fn.Preorder((*ast.AssignStmt)(nil)) {
		stmt := as.Node().(*ast.AssignStmt)
		if stmt.Tok != token.DEFINE || len(stmt.Rhs) != 1 {
			continue
		}
		for _, lhs := range stmt.Lhs {
			if id, ok := lhs.(*ast.Ident); ok && info.Defs[id] == obj {
				if allocatesRequest(info, stmt.Rhs[0]) {
					return returns(info, fn, obj)
				}
				call, ok := ast.Unparen(stmt.Rhs[0]).(*ast.CallExpr)
				return ok && readsRequest(info, call)
			}
		}
	}
	return false
}

// allocatesRequest reports whether e is new(http.Request) or
// &http.Request{...}.
func allocatesRequest(info *types.Info, e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if id, ok := ast.Unparen(e.Fun).(*ast.Ident); ok && len(e.Args) == 1 {
			if _, builtin := info.Uses[id].(*types.Builtin); builtin && id.Name == "new" {
				return astutil.IsNamed(info.TypeOf(e.Args[0]), httpPkg, "Request")
			}
		}
	case *ast.UnaryExpr:
		if lit, ok := ast.Unparen(e.X).(*ast.CompositeLit); ok && e.Op == token.AND {
			return astutil.IsNamed(info.TypeOf(lit), httpPkg, "Request")
		}
	}
	return false
}

// returns reports whether the function fn returns the variable obj.
func returns(info *types.Info, fn inspector.Cursor, obj *types.Var) bool {
	for ret := range fn.Preorder((*ast.ReturnStmt)(nil)) {
		if outer, ok := astutil.EnclosingFunc(ret); !ok || outer.Node() != fn.Node() {
			continue // a return of a nested literal
		}
		for _, r := range ret.Node().(*ast.ReturnStmt).Results {
			if id, ok := ast.Unparen(r).(*ast.Ident); ok && info.Uses[id] == obj {
				return true
			}
		}
	}
	return false
}

// readsRequest reports whether call parses a request from a
// *bufio.Reader.
func readsRequest(info *types.Info, call *ast.CallExpr) bool {
	sig, ok := info.TypeOf(call.Fun).(*types.Signature)
	return ok && readsRequestSig(sig)
}

// readsRequestSig reports whether sig takes a *bufio.Reader and returns
// an *http.Request first.
func readsRequestSig(sig *types.Signature) bool {
	if sig.Results().Len() == 0 || !astutil.IsPointerTo(sig.Results().At(0).Type(), httpPkg, "Request") {
		return false
	}
	for v := range sig.Params().Variables() {
		if astutil.IsPointerTo(v.Type(), "bufio", "Reader") {
			return true
		}
	}
	return false
}

// isTopLevelOfHandler reports whether the call is a statement of its own at
// the top level of a handler, a function with an http.ResponseWriter and an
// *http.Request parameter: it runs on every request, not only on an
// overload or drain branch. A helper taking only the ResponseWriter may be
// called on such a branch, so it is not judged.
func isTopLevelOfHandler(info *types.Info, call inspector.Cursor) bool {
	stmt := call.Parent()
	if _, ok := stmt.Node().(*ast.ExprStmt); !ok {
		return false
	}
	body := stmt.Parent()
	fn := body.Parent()
	ftype := funcType(fn.Node())
	if ftype == nil {
		return false
	}
	switch f := fn.Node().(type) {
	case *ast.FuncDecl:
		if f.Body != body.Node() {
			return false
		}
	case *ast.FuncLit:
		if f.Body != body.Node() {
			return false
		}
	}
	return hasParamOfType(info, ftype, httpPkg, "ResponseWriter") && hasParamOfType(info, ftype, httpPkg, "Request")
}

func (c *checker) isTrue(e ast.Expr) bool {
	v, ok := astutil.BoolConst(c.pass.TypesInfo, e)
	return ok && v
}

func (c *checker) isConnectionHeader(e ast.Expr) bool {
	name, ok := astutil.StringConst(c.pass.TypesInfo, e)
	return ok && strings.EqualFold(strings.TrimSpace(name), "Connection")
}

// anyClose reports whether e is a constant string, or a slice literal with
// a constant string, whose comma-separated tokens include "close".
func (c *checker) anyClose(e ast.Expr) bool {
	if lit, ok := ast.Unparen(e).(*ast.CompositeLit); ok {
		for _, elt := range lit.Elts {
			if c.anyClose(elt) {
				return true
			}
		}
		return false
	}
	value, ok := astutil.StringConst(c.pass.TypesInfo, e)
	if !ok {
		return false
	}
	for part := range strings.SplitSeq(value, ",") {
		if strings.EqualFold(strings.TrimSpace(part), "close") {
			return true
		}
	}
	return false
}

func (c *checker) fix(msg string, edit analysis.TextEdit) []analysis.SuggestedFix {
	return []analysis.SuggestedFix{{Message: msg, TextEdits: []analysis.TextEdit{edit}}}
}

// isFieldKey reports whether kv's key is the struct field name.
func isFieldKey(info *types.Info, kv *ast.KeyValueExpr, name string) bool {
	id, ok := kv.Key.(*ast.Ident)
	if !ok {
		return false
	}
	field, ok := info.Uses[id].(*types.Var)
	return ok && field.IsField() && field.Name() == name
}

func funcType(n ast.Node) *ast.FuncType {
	switch f := n.(type) {
	case *ast.FuncDecl:
		return f.Type
	case *ast.FuncLit:
		return f.Type
	}
	return nil
}

func declaresParam(info *types.Info, ftype *ast.FuncType, obj types.Object) bool {
	for _, field := range ftype.Params.List {
		for _, name := range field.Names {
			if info.Defs[name] == obj {
				return true
			}
		}
	}
	return false
}

func hasParamOfType(info *types.Info, ftype *ast.FuncType, pkgPath, name string) bool {
	for _, field := range ftype.Params.List {
		if astutil.IsNamed(info.TypeOf(field.Type), pkgPath, name) {
			return true
		}
	}
	return false
}

// deleteElement returns the edit that removes element i of lit: its whole
// line when it stands alone on it (the gofmt layout of a multi-line
// literal), otherwise the element and the comma that separates it.
func deleteElement(fset *token.FileSet, lit *ast.CompositeLit, i int) analysis.TextEdit {
	elt := lit.Elts[i]
	before, after := lit.Lbrace, lit.Rbrace
	if i > 0 {
		before = lit.Elts[i-1].End()
	}
	if i+1 < len(lit.Elts) {
		after = lit.Elts[i+1].Pos()
	}
	if edit, ok := deleteLines(fset, elt, before, after); ok {
		return edit
	}
	switch {
	case i+1 < len(lit.Elts):
		return analysis.TextEdit{Pos: elt.Pos(), End: lit.Elts[i+1].Pos()}
	case i > 0:
		return analysis.TextEdit{Pos: lit.Elts[i-1].End(), End: elt.End()}
	default:
		return analysis.TextEdit{Pos: lit.Lbrace + 1, End: lit.Rbrace}
	}
}

// deleteStatement returns the edit that removes the statement at cur,
// when it stands alone on its lines.
func deleteStatement(fset *token.FileSet, cur inspector.Cursor) (analysis.TextEdit, bool) {
	parent := cur.Parent().Node()
	before, after := parent.Pos(), parent.End()
	if prev, ok := cur.PrevSibling(); ok {
		before = prev.Node().End()
	}
	if next, ok := cur.NextSibling(); ok {
		after = next.Node().Pos()
	}
	return deleteLines(fset, cur.Node(), before, after)
}

// deleteLines returns the edit that removes the lines n spans, from the
// start of its first line to the start of the line after its last one, so
// that indentation, a trailing comma and a trailing comment go with it. It
// refuses when the code ending at before or starting at after shares those
// lines.
func deleteLines(fset *token.FileSet, n ast.Node, before, after token.Pos) (analysis.TextEdit, bool) {
	file := fset.File(n.Pos())
	first, last := file.Line(n.Pos()), file.Line(n.End())
	if file.Line(before) >= first || file.Line(after) <= last || last >= file.LineCount() {
		return analysis.TextEdit{}, false
	}
	return analysis.TextEdit{Pos: file.LineStart(first), End: file.LineStart(last + 1)}, true
}
