package bodydrain

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
	"github.com/connlint/connlint/analyzers/internal/lint"
)

// doc is Analyzer.Doc, taken from the package documentation in doc.go.
var doc = astutil.AnalyzerDoc(docSource, "bodydrain")

// Analyzer reports HTTP responses whose body is not closed on every path,
// or closed without ever being read.
var Analyzer = lint.New(&analysis.Analyzer{
	Name:      "bodydrain",
	Doc:       doc,
	Requires:  []*analysis.Analyzer{lazyinspect.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(paramEffects), new(returnsResponse)},
})

// includeTests is the -tests flag: test code is left out by default
// (lint.IsTestCode says why).
var includeTests bool

func init() { lint.TestsFlag(Analyzer, &includeTests) }

// Flags of the analyzer (-bodydrain.drain, -bodydrain.strict).
var (
	checkDrain  = true
	strictDrain = false
)

func init() {
	Analyzer.Flags.BoolVar(&checkDrain, "drain", true,
		"also report bodies that are closed without ever being read (the connection is not reused)")
	Analyzer.Flags.BoolVar(&strictDrain, "strict", false,
		"with -drain, also report bodies that are only partly read (json/xml Decode, io.CopyN, bufio.Reader) and never drained")
}

// sourceFuncs are the calls that hand the caller a *http.Response whose
// body the caller must close, as "Func" or "Type.Method" of net/http.
// Head is absent on purpose: the transport gives a HEAD response
// http.NoBody and returns the connection to the pool before the caller
// sees it (net/http transport.go, hasBody), so neither closing nor
// draining matters. http.ReadResponse is absent too: it reads from a
// connection the caller dialled itself, with no pool to return to.
var sourceFuncs = []string{
	"Get", "Post", "PostForm",
	"Client.Do", "Client.Get", "Client.Post", "Client.PostForm",
	"Transport.RoundTrip", "RoundTripper.RoundTrip",
}

// closerIface and readerIface are io.Closer and io.Reader, built here so
// that packages which do not import io can be checked against them.
var (
	errorType   = types.Universe.Lookup("error").Type()
	closerIface = methodInterface("Close", nil, []types.Type{errorType})
	readerIface = methodInterface("Read",
		[]types.Type{types.NewSlice(types.Typ[types.Byte])},
		[]types.Type{types.Typ[types.Int], errorType})
)

func run(pass *analysis.Pass) (any, error) {
	// Helper packages that import only io still need their facts: a
	// CloseQuietly(io.Closer) in internal/httpx closes bodies for others.
	if !lint.Imports(pass.Pkg, "net/http", "io", "io/ioutil") {
		return nil, nil
	}
	c := newChecker(pass)
	if c.respType == nil && !c.anyTrackedParam() {
		// Neither a response to follow nor a function that takes a body:
		// nothing to export or report, and no need to build the
		// package's inspector (most io-importing packages).
		return nil, nil
	}
	c.root = lazyinspect.Of(pass).Root()
	c.exportFacts()
	if len(c.sources) == 0 { // the package does not import net/http
		return nil, nil
	}
	for cur := range c.root.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if !c.isSource(call) || lint.SkipAt(pass, call.Pos(), includeTests) {
			continue
		}
		c.checkSource(cur, call)
	}
	return nil, nil
}

// checker holds what one pass needs: type information, the net/http
// objects compared against, and the lazily computed effects of the
// package's own functions.
type checker struct {
	pass                     *analysis.Pass
	root                     inspector.Cursor     // set once run knows the package needs walking
	sources                  map[*types.Func]bool // the functions of sourceFuncs
	bodyField                *types.Var           // net/http.Response.Body
	statusField, lengthField *types.Var           // net/http.Response.StatusCode, .ContentLength
	respType                 types.Type           // net/http.Response
	reqType                  types.Type           // net/http.Request

	decls    map[*types.Func]inspector.Cursor // every function declaration of the package
	declList []*types.Func                    // the same, in source order
	wrappers map[*types.Func]bool             // which of them return a fresh response
	aliasing bool                             // effects may record aliases of a body (in responseUses)
	aliases  []*types.Var                     // local variables found holding a wrapped body

	funcs   map[*types.Func]inspector.Cursor // the package's functions with a tracked parameter
	effects map[*types.Func]*paramEffects    // computed so far; nil value: in progress
	cfgs    map[ast.Node]*cfg.CFG
}

func newChecker(pass *analysis.Pass) *checker {
	c := &checker{
		pass:    pass,
		sources: make(map[*types.Func]bool),
		funcs:   make(map[*types.Func]inspector.Cursor),
		effects: make(map[*types.Func]*paramEffects),
		cfgs:    make(map[ast.Node]*cfg.CFG),

		decls:    make(map[*types.Func]inspector.Cursor),
		wrappers: make(map[*types.Func]bool),
	}
	http := findPackage(pass.Pkg, "net/http")
	if http == nil {
		return c
	}
	resp, _ := http.Scope().Lookup("Response").(*types.TypeName)
	if resp == nil {
		return c
	}
	c.respType = resp.Type()
	if req, ok := http.Scope().Lookup("Request").(*types.TypeName); ok {
		c.reqType = req.Type()
	}
	c.bodyField, _ = lookup(http, "Response.Body").(*types.Var)
	c.statusField, _ = lookup(http, "Response.StatusCode").(*types.Var)
	c.lengthField, _ = lookup(http, "Response.ContentLength").(*types.Var)
	for _, name := range sourceFuncs {
		if fn, ok := lookup(http, name).(*types.Func); ok {
			c.sources[fn] = true
		}
	}
	return c
}

// lookup finds "Name" or "Type.Member" in pkg.
func lookup(pkg *types.Package, name string) types.Object {
	typeName, member, isMember := strings.Cut(name, ".")
	obj := pkg.Scope().Lookup(typeName)
	if !isMember || obj == nil {
		return obj
	}
	found, _, _ := types.LookupFieldOrMethod(obj.Type(), true, pkg, member) // addressable: pointer methods too
	return found
}

func methodInterface(name string, params, results []types.Type) *types.Interface {
	vars := func(ts []types.Type) *types.Tuple {
		vs := make([]*types.Var, len(ts))
		for i, t := range ts {
			vs[i] = types.NewParam(token.NoPos, nil, "", t)
		}
		return types.NewTuple(vs...)
	}
	sig := types.NewSignatureType(nil, nil, nil, vars(params), vars(results), false)
	return types.NewInterfaceType([]*types.Func{types.NewFunc(token.NoPos, nil, name, sig)}, nil).Complete()
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

// isResponsePtr reports whether t is *net/http.Response.
func (c *checker) isResponsePtr(t types.Type) bool {
	ptr, ok := types.Unalias(t).(*types.Pointer)
	return ok && c.respType != nil && types.Identical(ptr.Elem(), c.respType)
}

// checkSource checks one call that returns a response.
func (c *checker) checkSource(cur inspector.Cursor, call *ast.CallExpr) {
	src, ok := c.bindSource(cur, call)
	if !ok {
		return // returned, stored, passed on: someone else owns it
	}
	if src.resp == nil {
		c.pass.Report(analysis.Diagnostic{
			Pos: call.Pos(), End: call.End(),
			Message: fmt.Sprintf("response of %s is discarded, so its body is never closed: the connection and its reader goroutine leak; "+
				"assign it and add `defer resp.Body.Close()` after the error check", callName(call)),
		})
		return
	}
	uses, ok := c.responseUses(src)
	if !ok {
		return
	}
	if !uses.deferredClose {
		if exit, found := c.leakingPath(src, uses); found {
			c.reportNotClosed(src, exit)
			return
		}
	}
	if checkDrain && uses.closed() && !uses.drained && (!uses.read || strictDrain) && !c.throwawayClient(src) {
		c.reportNotDrained(src, uses)
	}
}

// A source is a call returning a response, bound to a local variable.
type source struct {
	call *ast.CallExpr
	stmt ast.Node         // the statement (or var spec) that binds the response
	fn   inspector.Cursor // innermost function containing the call
	body *ast.BlockStmt   // its body
	resp *types.Var       // the response variable; nil when discarded
	err  *types.Var       // the error variable, if any
}

// bindSource finds the variable that receives call's response. It fails
// when the response goes anywhere but a local variable of the enclosing
// function: a return, a field, an argument, a variable of an outer
// function (a closure passed to a retry helper), a named result.
func (c *checker) bindSource(cur inspector.Cursor, call *ast.CallExpr) (source, bool) {
	src := source{call: call}
	fn, ok := astutil.EnclosingFunc(cur)
	if !ok {
		return src, false // a package-level var initialised by a request
	}
	src.fn = fn
	switch n := fn.Node().(type) {
	case *ast.FuncDecl:
		src.body = n.Body
	case *ast.FuncLit:
		src.body = n.Body
	}
	if src.body == nil {
		return src, false
	}
	var lhs []ast.Expr
	switch p := cur.Parent().Node().(type) {
	case *ast.ExprStmt:
		src.stmt = p
		return src, true
	case *ast.AssignStmt:
		if len(p.Rhs) != 1 {
			return src, false
		}
		src.stmt, lhs = p, p.Lhs
	case *ast.ValueSpec:
		if len(p.Values) != 1 {
			return src, false
		}
		src.stmt = p
		for _, name := range p.Names {
			lhs = append(lhs, name)
		}
	default:
		return src, false
	}
	resp, ok := c.localVar(src, lhs[0])
	if !ok {
		return src, false
	}
	src.resp = resp
	if len(lhs) > 1 {
		src.err = c.errVar(src, lhs[1])
	}
	return src, true
}

// errVar returns the variable that receives the request's error: a local
// of src's function, or one of its named results (func f() (err error)).
func (c *checker) errVar(src source, e ast.Expr) *types.Var {
	id, ok := e.(*ast.Ident)
	if !ok || id.Name == "_" {
		return nil
	}
	v, _ := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	fn := src.fn.Node()
	if v == nil || v.Pos() < fn.Pos() || v.Pos() >= fn.End() {
		return nil
	}
	return v
}

// localVar returns the variable that e names when it is a local of src's
// function (nil for the blank identifier). ok is false for anything else.
func (c *checker) localVar(src source, e ast.Expr) (v *types.Var, ok bool) {
	id, isIdent := e.(*ast.Ident)
	if !isIdent {
		return nil, false
	}
	if id.Name == "_" {
		return nil, true
	}
	v, _ = c.pass.TypesInfo.ObjectOf(id).(*types.Var)
	if v == nil || v.Pos() < src.body.Lbrace || v.Pos() > src.body.Rbrace {
		return nil, false
	}
	return v, true
}

func (c *checker) reportNotClosed(src source, exit leakExit) {
	c.pass.Report(analysis.Diagnostic{
		Pos: src.call.Pos(), End: src.call.End(),
		Message: fmt.Sprintf("response body of %s is not closed on every path: the connection and its reader goroutine leak; "+
			"add `defer %s.Body.Close()` after the error check", callName(src.call), src.resp.Name()),
		Related: []analysis.RelatedInformation{{Pos: exit.pos, Message: exit.why}},
	})
}

func (c *checker) reportNotDrained(src source, uses responseUses) {
	d := analysis.Diagnostic{
		Pos: src.call.Pos(), End: src.call.End(),
		Message: fmt.Sprintf("response body of %s is closed without being read to EOF: the connection is not reused; "+
			"drain it with `io.Copy(io.Discard, %s.Body)` before closing", callName(src.call), src.resp.Name()),
	}
	if uses.firstClose.IsValid() {
		d.Related = []analysis.RelatedInformation{{Pos: uses.firstClose, Message: "closed here before the body reached EOF"}}
	}
	c.pass.Report(d)
}

// callName renders the called function as written: http.Get, s.client.Do.
func callName(call *ast.CallExpr) string { return types.ExprString(call.Fun) }
