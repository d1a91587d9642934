package bodylimit

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/lint"
	"github.com/connlint/connlint/analyzers/internal/routes"
)

// collector makes the one walk over the package and records what the
// resolver needs afterwards: the reads and limits of every function, and
// the places where handlers, middleware and routers are used.
type collector struct {
	pass   *analysis.Pass
	info   *types.Info
	root   inspector.Cursor
	routes *routes.Routes // the package's route registrations

	owners   []*owner               // FuncDecls and handler FuncLits, in source order
	decls    map[*types.Func]*owner // the FuncDecls among them
	limitPos []token.Pos            // every limit; sorted by newResolver
	pkgCalls []pkgCall              // calls of the package's own functions
	callsOf  map[*types.Func][]*ast.CallExpr
	origins  map[*types.Var]ast.Expr   // local var -> the last value assigned to it
	defs     map[*types.Var][]ast.Expr // router, handler and middleware vars -> every value assigned
	uses     map[types.Object][]inspector.Cursor
	lits     map[*types.Func][]inspector.Cursor // composite literals of a type with this ServeHTTP
	typeVars map[*types.Func][]*types.Var       // variables of a type with this ServeHTTP
	served   []inspector.Cursor                 // http.ListenAndServe(addr, nil): DefaultServeMux served

	deferred  []deferredRead      // reads whose reader may come from a package helper
	afterWalk bool                // the walk is done: helpers may be followed
	through   map[*types.Func]int // memo of passThrough

	tracked map[types.Object]bool // memo of isTracked
	length  types.Object          // net/http.Request.ContentLength
	defMux  types.Object          // net/http.DefaultServeMux
}

// An owner is a function whose reads are checked together: a FuncDecl,
// or a function literal with a handler signature. Other function literals
// (goroutines, deferred closures, local helpers) belong to their owner.
type owner struct {
	node   ast.Node // *ast.FuncDecl or *ast.FuncLit
	cur    inspector.Cursor
	obj    *types.Func // FuncDecls only
	sig    *types.Signature
	kind   httpmodel.Framework
	reads  []bodyRead
	limits []*types.Var // whose body a limit wraps; nil: a reader of unknown origin
	calls  []helperCall
	checks []token.Pos // uses of Request.ContentLength
}

// A bodyRead is a call that reads the body of root's request without a
// bound of its own.
type bodyRead struct {
	node ast.Node
	what string
	root *types.Var
	via  token.Pos // for a helper call: the read inside the helper
}

// A helperCall passes a request, context or body to a function of the
// package; its summary says whether that function reads or limits it.
type helperCall struct {
	call   *ast.CallExpr
	callee *types.Func
	args   map[int]*types.Var // argument index -> root
}

// A deferredRead is a read whose reader was not traced to a body during
// the walk.
type deferredRead struct {
	own  *owner
	node ast.Node
	what string
	src  ast.Expr
}

// resolveDeferred traces the deferred reads again, now that the helpers
// that build readers (jsonDecoder(r io.Reader) *json.Decoder) are known.
func (c *collector) resolveDeferred() {
	c.afterWalk = true
	for _, d := range c.deferred {
		if root := c.bodyRoot(d.src, 0); root != nil {
			d.own.reads = append(d.own.reads, bodyRead{node: d.node, what: d.what, root: root})
		}
	}
}

// passThrough returns the index of the parameter whose body (or reader)
// the package function fn returns wrapped in a decoder or reader, or -1.
func (c *collector) passThrough(fn *types.Func) int {
	if i, done := c.through[fn]; done {
		return i
	}
	c.through[fn] = -1 // recursion
	o := c.decls[fn]
	if o == nil {
		return -1
	}
	i := -1
	ast.Inspect(o.node.(*ast.FuncDecl).Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) > 0 && i < 0 {
				if root := c.bodyRoot(n.Results[0], 0); root != nil {
					i = astutil.ParamIndex(o.sig, root)
				}
			}
		}
		return true
	})
	c.through[fn] = i
	return i
}

type pkgCall struct {
	pos    token.Pos
	callee *types.Func
}

func newCollector(pass *analysis.Pass, root inspector.Cursor) *collector {
	c := &collector{
		pass:     pass,
		root:     root,
		info:     pass.TypesInfo,
		decls:    make(map[*types.Func]*owner),
		callsOf:  make(map[*types.Func][]*ast.CallExpr),
		origins:  make(map[*types.Var]ast.Expr),
		defs:     make(map[*types.Var][]ast.Expr),
		uses:     make(map[types.Object][]inspector.Cursor),
		lits:     make(map[*types.Func][]inspector.Cursor),
		typeVars: make(map[*types.Func][]*types.Var),
		tracked:  make(map[types.Object]bool),
		through:  make(map[*types.Func]int),
	}
	if http := findPackage(pass.Pkg, httpmodel.NetHTTP); http != nil {
		c.defMux = http.Scope().Lookup("DefaultServeMux")
		if req := http.Scope().Lookup("Request"); req != nil {
			c.length, _, _ = types.LookupFieldOrMethod(req.Type(), false, http, "ContentLength")
		}
	}
	return c
}

// findPackage returns pkg itself or its direct import with the given path.
func findPackage(pkg *types.Package, path string) *types.Package {
	if pkg.Path() == path {
		return pkg
	}
	for _, imp := range pkg.Imports() {
		if imp.Path() == path {
			return imp
		}
	}
	return nil
}

var walkTypes = []ast.Node{
	(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil), (*ast.AssignStmt)(nil),
	(*ast.ValueSpec)(nil), (*ast.Ident)(nil), (*ast.CompositeLit)(nil), (*ast.File)(nil),
}

// walk is the analyzer's only traversal of the syntax trees.
func (c *collector) walk() {
	var stack []*owner // enclosing owners; popped by position
	skip := token.NoPos
	for cur := range c.root.Preorder(walkTypes...) {
		n := cur.Node()
		if n.Pos() < skip {
			continue
		}
		for len(stack) > 0 && n.Pos() >= stack[len(stack)-1].node.End() {
			stack = stack[:len(stack)-1]
		}
		var own *owner
		if len(stack) > 0 {
			own = stack[len(stack)-1]
		}
		switch n := n.(type) {
		case *ast.File:
			if lint.SkipFile(c.pass, n, includeTests) {
				skip = n.End()
			}
		case *ast.FuncDecl:
			if o := c.newOwner(cur, n); o != nil {
				stack = append(stack, o)
			}
		case *ast.FuncLit:
			if o := c.newOwner(cur, n); o != nil {
				stack = append(stack, o)
			}
		case *ast.CallExpr:
			c.call(cur, n, own)
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, lhs := range n.Lhs {
					c.assign(lhs, n.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, name := range n.Names {
					c.assign(name, n.Values[i])
				}
			}
		case *ast.CompositeLit:
			c.compositeLit(cur, n, own)
		case *ast.Ident:
			c.ident(cur, n, own)
		}
	}
}

// newOwner registers fn as an owner: every FuncDecl, and the literals
// with a handler signature. It returns nil for other literals.
func (c *collector) newOwner(cur inspector.Cursor, fn ast.Node) *owner {
	sig := httpmodel.FuncSignature(c.info, fn)
	if sig == nil {
		return nil
	}
	o := &owner{node: fn, cur: cur, sig: sig, kind: httpmodel.HandlerKind(sig)}
	if decl, ok := fn.(*ast.FuncDecl); ok {
		if decl.Body == nil {
			return nil
		}
		o.obj, _ = c.info.Defs[decl.Name].(*types.Func)
		if o.obj != nil {
			c.decls[o.obj] = o
		}
	} else if o.kind == httpmodel.NotHandler && !c.isDecoderLit(fn) {
		return nil
	}
	c.owners = append(c.owners, o)
	return o
}

// isDecoderLit reports whether fn is a function literal registered as
// a go-kit request decoder.
func (c *collector) isDecoderLit(fn ast.Node) bool {
	lit, ok := fn.(*ast.FuncLit)
	if !ok {
		return false
	}
	reg := c.routes.At(lit)
	return reg != nil && reg.Decoder
}

// isDecoder reports whether the owner o is a go-kit request decoder: a
// function that reads the request for a transport server, which serves
// it as a handler.
func (c *collector) isDecoder(o *owner) bool {
	if o.obj == nil {
		return c.isDecoderLit(o.node)
	}
	for _, reg := range c.routes.Of(o.obj) {
		if reg.Decoder {
			return true
		}
	}
	return false
}

// call records what a call does to a request body: read it, limit it,
// pass it to a helper, serve the default mux.
func (c *collector) call(cur inspector.Cursor, call *ast.CallExpr, own *owner) {
	fn := astutil.Callee(c.info, call)
	if fn == nil {
		return
	}
	switch {
	case astutil.FuncIs(fn, httpmodel.NetHTTP, "MaxBytesReader") && len(call.Args) == 3:
		c.limit(call, call.Args[1], own)
		return
	case astutil.FuncIs(fn, ioPath, "LimitReader") && len(call.Args) == 2:
		c.limit(call, call.Args[0], own)
		return
	case astutil.FuncIs(fn, httpmodel.NetHTTP, "MaxBytesHandler"), isLimiterConstructor(fn):
		c.limitPos = append(c.limitPos, call.Pos())
		return
	case astutil.FuncIs(fn, httpmodel.NetHTTP, "ListenAndServe"), astutil.FuncIs(fn, httpmodel.NetHTTP, "ListenAndServeTLS"):
		if last := call.Args[len(call.Args)-1]; c.info.Types[last].IsNil() {
			c.served = append(c.served, cur)
		}
		return
	}
	if fn.Pkg() == c.pass.Pkg {
		c.pkgCalls = append(c.pkgCalls, pkgCall{call.Pos(), fn.Origin()})
		c.callsOf[fn.Origin()] = append(c.callsOf[fn.Origin()], call)
		if own != nil {
			c.helperCall(call, fn.Origin(), own)
		}
		return
	}
	if fn.Pkg() != nil && c.pass.ImportObjectFact(fn.Origin(), new(limitsBody)) {
		c.limitPos = append(c.limitPos, call.Pos())
		return
	}
	if own == nil {
		return
	}
	if what, src, ok := c.readOf(call, fn); ok {
		if root := c.bodyRoot(src, 0); root != nil {
			own.reads = append(own.reads, bodyRead{node: call, what: what, root: root})
		} else {
			// jsonDecoder(r.Body).Decode(&v): the helper may be declared
			// later in the walk; try again when every function is known.
			c.deferred = append(c.deferred, deferredRead{own: own, node: call, what: what, src: src})
		}
	} else if what, req, ok := c.requestReadOf(call, fn); ok {
		if root := c.requestRoot(req, 0); root != nil {
			own.reads = append(own.reads, bodyRead{node: call, what: what, root: root})
		}
	}
}

// limit records a limit wrapped around reader. A limit on an upstream
// response body (resp.Body) protects nothing on the server side.
func (c *collector) limit(at ast.Node, reader ast.Expr, own *owner) {
	if sel, ok := unparen(reader).(*ast.SelectorExpr); ok && astutil.IsField(c.info, sel, httpmodel.NetHTTP, "Response", "Body") {
		return
	}
	c.limitPos = append(c.limitPos, at.Pos())
	if own != nil {
		own.limits = append(own.limits, c.bodyRoot(reader, 0))
	}
}

// helperCall records the arguments of a call of a package function that
// carry a request, a framework context or a request body.
func (c *collector) helperCall(call *ast.CallExpr, fn *types.Func, own *owner) {
	var args map[int]*types.Var
	for i, arg := range call.Args {
		root := c.bodyRoot(arg, 0)
		if root == nil && isRequestCarrier(c.info.TypeOf(arg)) {
			root = c.requestRoot(arg, 0)
		}
		if root != nil {
			if args == nil {
				args = make(map[int]*types.Var)
			}
			args[i] = root
		}
	}
	if args != nil {
		own.calls = append(own.calls, helperCall{call: call, callee: fn, args: args})
	}
}

// readOf recognises the calls that read a reader to its end, or for as
// long as data comes, and returns that reader. io.CopyN, io.ReadFull and
// Read are bounded by their count or buffer and are not reads here.
func (c *collector) readOf(call *ast.CallExpr, fn *types.Func) (what string, src ast.Expr, ok bool) {
	what = types.ExprString(call.Fun)
	switch {
	case astutil.FuncIs(fn, ioPath, "ReadAll"), astutil.FuncIs(fn, ioutilPkg, "ReadAll"):
		return what, call.Args[0], true
	case astutil.FuncIs(fn, ioPath, "Copy"), astutil.FuncIs(fn, ioPath, "CopyBuffer"):
		if c.isDiscard(call.Args[0]) {
			return "", nil, false // draining costs no memory
		}
		return what, call.Args[1], true
	}
	recv, isSel := unparen(call.Fun).(*ast.SelectorExpr)
	if !isSel {
		return "", nil, false
	}
	switch {
	case astutil.MethodIs(fn, encodingJSON, "Decoder", "Decode"), astutil.MethodIs(fn, encodingXML, "Decoder", "Decode"),
		astutil.MethodIs(fn, encodingGob, "Decoder", "Decode"), astutil.MethodIs(fn, bufioPath, "Scanner", "Scan"):
		return what, recv.X, true
	case fn.Signature().Recv() != nil && astutil.IsNamed(fn.Signature().Recv().Type(), bufioPath, "Reader"):
		switch fn.Name() {
		case "ReadString", "ReadBytes", "ReadLine", "ReadSlice", "WriteTo":
			return what, recv.X, true
		}
	}
	return "", nil, false
}

// requestReadOf recognises the request and framework methods that read
// the body themselves and returns the request or context they read from.
// ParseForm and FormValue are not among them: net/http caps a url-encoded
// body at 10 MB (request.go, parsePostForm: maxFormSize = 10 << 20).
// ParseMultipartForm and FormFile (which calls ParseMultipartForm with
// defaultMaxMemory, 32 MB) bound the memory but spill the rest to disk,
// without limit.
func (c *collector) requestReadOf(call *ast.CallExpr, fn *types.Func) (what string, req ast.Expr, ok bool) {
	sel, isSel := unparen(call.Fun).(*ast.SelectorExpr)
	recv := fn.Signature().Recv()
	if !isSel || recv == nil {
		return "", nil, false
	}
	what = types.ExprString(call.Fun)
	name := fn.Name()
	switch {
	case astutil.IsNamed(recv.Type(), httpmodel.NetHTTP, "Request"):
		ok = name == "ParseMultipartForm" || name == "FormFile"
	case astutil.IsNamed(recv.Type(), httpmodel.Gin, "Context"):
		ok = isGinBodyMethod(name) && !(strings.HasSuffix(name, "With") && len(call.Args) == 2 && c.isNonBodyBinding(call.Args[1]))
	case astutil.IsNamed(recv.Type(), httpmodel.Echo, "Context"):
		ok = name == "Bind" || name == "FormFile" || name == "MultipartForm"
	}
	return what, sel.X, ok
}

// ginBinding is the import path of gin's binding package.
const ginBinding = "github.com/gin-gonic/gin/binding"

// isNonBodyBinding reports whether e is one of gin's binders that read no
// body: binding.Query, binding.Uri, binding.Header (for ShouldBindWith).
func (c *collector) isNonBodyBinding(e ast.Expr) bool {
	sel, ok := unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := c.info.Uses[sel.Sel].(*types.Var)
	if !ok || v.Pkg() == nil || !astutil.PathIs(v.Pkg().Path(), ginBinding) {
		return false
	}
	switch v.Name() {
	case "Query", "Uri", "Header":
		return true
	}
	return false
}

// isGinBodyMethod reports whether the gin.Context method name reads the
// body: GetRawData, FormFile, MultipartForm and the Bind families, except
// the binders of the query string, URI parameters and headers.
func isGinBodyMethod(name string) bool {
	switch name {
	case "GetRawData", "FormFile", "MultipartForm":
		return true
	}
	if !strings.HasPrefix(name, "Bind") && !strings.HasPrefix(name, "ShouldBind") && !strings.HasPrefix(name, "MustBind") {
		return false
	}
	for _, notBody := range []string{"Query", "Uri", "Header"} {
		if strings.HasSuffix(name, notBody) {
			return false
		}
	}
	return true
}

func (c *collector) isDiscard(e ast.Expr) bool {
	sel, ok := unparen(e).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	v, ok := c.info.Uses[sel.Sel].(*types.Var)
	return ok && v.Name() == "Discard" && v.Pkg() != nil && (v.Pkg().Path() == ioPath || v.Pkg().Path() == ioutilPkg)
}

// maxDepth bounds the chains of local variables followed back to a body.
const maxDepth = 8

// bodyRoot returns the variable whose request body e is: the request
// parameter for r.Body, c.Request.Body, c.Request().Body, a local alias
// of them, a decoder, scanner or bufio.Reader over them; or a reader
// parameter (for helpers). It returns nil for anything else, including a
// body already wrapped in a limit.
func (c *collector) bodyRoot(e ast.Expr, depth int) *types.Var {
	if depth > maxDepth {
		return nil
	}
	switch e := unparen(e).(type) {
	case *ast.SelectorExpr:
		if astutil.IsField(c.info, e, httpmodel.NetHTTP, "Request", "Body") {
			return c.requestRoot(e.X, depth+1)
		}
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return nil
		}
		if origin, ok := c.origins[v]; ok {
			return c.bodyRoot(origin, depth+1)
		}
		if v.Kind() == types.ParamVar && types.IsInterface(v.Type()) {
			return v
		}
	case *ast.CallExpr:
		fn := astutil.Callee(c.info, e)
		switch {
		case len(e.Args) == 0:
		case astutil.FuncIs(fn, encodingJSON, "NewDecoder"), astutil.FuncIs(fn, encodingXML, "NewDecoder"),
			astutil.FuncIs(fn, encodingGob, "NewDecoder"), astutil.FuncIs(fn, bufioPath, "NewScanner"),
			astutil.FuncIs(fn, bufioPath, "NewReader"), astutil.FuncIs(fn, bufioPath, "NewReaderSize"),
			astutil.FuncIs(fn, ioPath, "TeeReader"), astutil.FuncIs(fn, ioPath, "NopCloser"), astutil.FuncIs(fn, ioutilPkg, "NopCloser"):
			return c.bodyRoot(e.Args[0], depth+1)
		case c.afterWalk && fn != nil && fn.Pkg() == c.pass.Pkg:
			if i := c.passThrough(fn.Origin()); i >= 0 && i < len(e.Args) {
				if root := c.bodyRoot(e.Args[i], depth+1); root != nil {
					return root
				}
				return c.requestRoot(e.Args[i], depth+1)
			}
		}
	}
	return nil
}

// requestRoot returns the parameter that e, a *http.Request, *gin.Context
// or echo.Context, comes from: r, c.Request, c.Request(), r.WithContext(ctx),
// a local alias. It returns nil for requests built in the function.
func (c *collector) requestRoot(e ast.Expr, depth int) *types.Var {
	if depth > maxDepth {
		return nil
	}
	switch e := astutil.Unparen(e).(type) {
	case *ast.Ident:
		v, ok := c.info.Uses[e].(*types.Var)
		if !ok {
			return nil
		}
		if origin, ok := c.origins[v]; ok {
			return c.requestRoot(origin, depth+1)
		}
		if v.Kind() == types.ParamVar && isRequestCarrier(v.Type()) {
			return v
		}
	case *ast.SelectorExpr:
		if astutil.IsField(c.info, e, httpmodel.Gin, "Context", "Request") {
			return c.requestRoot(e.X, depth+1)
		}
	case *ast.CallExpr:
		fn := astutil.Callee(c.info, e)
		sel, ok := unparen(e.Fun).(*ast.SelectorExpr)
		if ok && (astutil.MethodIs(fn, httpmodel.Echo, "Context", "Request") ||
			astutil.MethodIs(fn, httpmodel.NetHTTP, "Request", "WithContext") ||
			astutil.MethodIs(fn, httpmodel.NetHTTP, "Request", "Clone")) {
			return c.requestRoot(sel.X, depth+1)
		}
	}
	return nil
}

// isRequestCarrier reports whether t gives access to a request body.
func isRequestCarrier(t types.Type) bool {
	return astutil.IsPointerTo(t, httpmodel.NetHTTP, "Request") || astutil.IsPointerTo(t, httpmodel.Gin, "Context") ||
		astutil.IsNamed(t, httpmodel.Echo, "Context")
}

// assign records the value given to a local variable that may carry a
// body, and every value given to a router, handler or middleware variable.
func (c *collector) assign(lhs, rhs ast.Expr) {
	var v *types.Var
	switch lhs := unparen(lhs).(type) {
	case *ast.Ident:
		v, _ = c.info.ObjectOf(lhs).(*types.Var)
	case *ast.SelectorExpr:
		v, _ = c.info.Uses[lhs.Sel].(*types.Var)
	}
	if v == nil {
		return
	}
	t := v.Type()
	if !v.IsField() && v.Parent() != c.pass.Pkg.Scope() && (isRequestCarrier(t) || types.IsInterface(t) ||
		astutil.IsPointerTo(t, encodingJSON, "Decoder") || astutil.IsPointerTo(t, encodingXML, "Decoder") ||
		astutil.IsPointerTo(t, encodingGob, "Decoder") || astutil.IsPointerTo(t, bufioPath, "Scanner") ||
		astutil.IsPointerTo(t, bufioPath, "Reader")) {
		c.origins[v] = rhs
	}
	if c.isTracked(v) {
		c.defs[v] = append(c.defs[v], rhs)
	}
}

// compositeLit records limits built as io.LimitedReader literals and the
// literals of types that serve HTTP themselves.
func (c *collector) compositeLit(cur inspector.Cursor, lit *ast.CompositeLit, own *owner) {
	t := c.info.TypeOf(lit)
	if astutil.IsNamed(t, ioPath, "LimitedReader") {
		for _, elt := range lit.Elts {
			if kv, ok := elt.(*ast.KeyValueExpr); ok {
				if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "R" {
					c.limit(lit, kv.Value, own)
				}
			}
		}
		return
	}
	if m := c.serveHTTP(t); m != nil {
		if cur.ParentEdgeKind() == edge.UnaryExpr_X {
			cur = cur.Parent()
		}
		c.lits[m] = append(c.lits[m], cur)
	}
}

// ident records the uses of the package's handlers, factories and
// middleware, of router and handler variables, and of ContentLength.
func (c *collector) ident(cur inspector.Cursor, id *ast.Ident, own *owner) {
	obj := c.info.Uses[id]
	if obj == nil {
		return
	}
	if obj == c.length {
		if own != nil {
			own.checks = append(own.checks, id.Pos())
		}
		return
	}
	if !c.isTracked(obj) {
		return
	}
	if cur.ParentEdgeKind() == edge.KeyValueExpr_Key {
		// A field set in a literal (&API{router: mux.NewRouter()}) is
		// given a value, as by an assignment.
		if v, ok := obj.(*types.Var); ok && v.IsField() {
			c.defs[v] = append(c.defs[v], cur.Parent().Node().(*ast.KeyValueExpr).Value)
		}
		return
	}
	if cur.ParentEdgeKind() == edge.SelectorExpr_Sel {
		cur = cur.Parent()
	}
	c.uses[obj] = append(c.uses[obj], cur)
}

// isTracked reports whether the uses of obj matter: a function of the
// package that is a handler or returns a handler, middleware or router;
// a variable holding a router, handler or middleware.
func (c *collector) isTracked(obj types.Object) bool {
	if t, ok := c.tracked[obj]; ok {
		return t
	}
	t := false
	switch obj := obj.(type) {
	case *types.Func:
		sig := obj.Signature()
		t = obj.Pkg() == c.pass.Pkg && (httpmodel.HandlerKind(sig) != httpmodel.NotHandler || routes.ReturnsWrapper(sig) ||
			len(c.routes.Of(obj)) > 0)
	case *types.Var:
		vt := obj.Type()
		t = obj == c.defMux || routes.KindOf(vt) != routes.NotRouter || routes.IsHandlerType(vt) || routes.IsMiddlewareType(vt)
		if m := c.serveHTTP(vt); m != nil {
			t = true
			c.typeVars[m] = append(c.typeVars[m], obj)
		}
	}
	c.tracked[obj] = t
	return t
}

// serveHTTP returns the ServeHTTP method that t (or *t) declares in this
// package, or nil.
func (c *collector) serveHTTP(t types.Type) *types.Func {
	if t == nil {
		return nil
	}
	if ptr, ok := types.Unalias(t).(*types.Pointer); ok {
		t = ptr.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() != c.pass.Pkg {
		return nil
	}
	for m := range named.Methods() {
		if m.Name() == "ServeHTTP" && httpmodel.HandlerKind(m.Signature()) == httpmodel.NetHTTPHandler {
			return m
		}
	}
	return nil
}
