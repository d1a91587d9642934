package statuscode

import (
	_ "embed"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/durfold"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
	"github.com/connlint/connlint/analyzers/internal/lint"
	"github.com/connlint/connlint/analyzers/internal/routes"
)

//go:embed doc.go
var docSource string

var doc = astutil.AnalyzerDoc(docSource, "statuscode")

// Analyzer reports HTTP responses whose status code a device cannot act
// on: errors sent with a 2xx status, 503 and 429 without Retry-After, and
// a WriteHeader that comes after the body and is ignored.
var Analyzer = lint.New(&analysis.Analyzer{
	Name:      "statuscode",
	Doc:       doc,
	Requires:  []*analysis.Analyzer{lazyinspect.Analyzer, durfold.Analyzer, routes.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(setsRetryAfter)},
})

// includeTests is the -tests flag: test code is left out by default
// (lint.IsTestCode says why).
var includeTests bool

func init() { lint.TestsFlag(Analyzer, &includeTests) }

func run(pass *analysis.Pass) (any, error) {
	if lint.InStandardLibrary(pass) || !lint.Imports(pass.Pkg, httpmodel.NetHTTP, httpmodel.Gin, httpmodel.Echo, httpmodel.Fiber) {
		return nil, nil
	}
	c := &checker{
		pass:        pass,
		fold:        pass.ResultOf[durfold.Analyzer].(*durfold.Folder),
		decls:       make(map[*types.Func]*ast.FuncDecl),
		retryFacts:  make(map[*types.Func]*setsRetryAfter),
		callerSets:  make(map[*types.Func]bool),
		helperDiags: make(map[*types.Func][]analysis.Diagnostic),
		routes:      pass.ResultOf[routes.Analyzer].(*routes.Routes),
	}
	root := lazyinspect.Of(pass).Root()
	var units []*unit
	for file := range root.Children() {
		if lint.SkipFile(pass, file.Node().(*ast.File), includeTests) {
			continue
		}
		for cur := range file.Preorder((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			if u := c.newUnit(cur.Node()); u != nil {
				units = append(units, u)
			}
		}
	}
	c.exportFacts()
	for _, u := range units {
		c.check(u)
	}
	c.reportHelpers()
	return nil, nil
}

// checker holds what one pass needs across functions: the folder for
// status-code expressions, the package's functions (for facts), and the
// findings inside helpers, which wait until every caller has been seen.
type checker struct {
	pass *analysis.Pass
	fold *durfold.Folder

	decls       map[*types.Func]*ast.FuncDecl         // functions with a response parameter
	retryFacts  map[*types.Func]*setsRetryAfter       // computed so far; nil value: in progress
	callerSets  map[*types.Func]bool                  // a caller set Retry-After before calling it
	helperDiags map[*types.Func][]analysis.Diagnostic // missing Retry-After inside helpers
	routes      *routes.Routes                        // the package's route registrations
}

// A unit is one function that receives a response to write: an HTTP
// handler of any framework, or a helper with a ResponseWriter, gin or
// echo context parameter.
type unit struct {
	node    ast.Node // *ast.FuncDecl or *ast.FuncLit
	body    *ast.BlockStmt
	fn      *types.Func // nil for a function literal
	handler bool        // an HTTP handler, where error bodies are judged

	aliases   map[types.Object]types.Object // enc := json.NewEncoder(w), h := w.Header(): enc, h -> w
	errorVars map[types.Object]bool         // locals that visibly hold an error body
	writeErrs map[types.Object]bool         // error variables that hold the result of a write
	retrySets []retrySet                    // every Retry-After set in the function
	findings  []finding
}

// retrySet is one statement that sets Retry-After on a response.
type retrySet struct {
	root types.Object
	pos  token.Pos
}

// newUnit returns the unit of a function that receives a response, or nil.
func (c *checker) newUnit(n ast.Node) *unit {
	sig := httpmodel.FuncSignature(c.pass.TypesInfo, n)
	if sig == nil || !hasResponseParam(sig) {
		return nil
	}
	u := &unit{
		node:      n,
		handler:   httpmodel.HandlerKind(sig) != httpmodel.NotHandler || c.isRegistered(n),
		aliases:   make(map[types.Object]types.Object),
		errorVars: make(map[types.Object]bool),
		writeErrs: make(map[types.Object]bool),
	}
	switch n := n.(type) {
	case *ast.FuncDecl:
		u.body = n.Body
		u.fn, _ = c.pass.TypesInfo.Defs[n.Name].(*types.Func)
		if u.fn != nil && n.Body != nil {
			c.decls[u.fn] = n
		}
	case *ast.FuncLit:
		u.body = n.Body
	}
	if u.body == nil {
		return nil
	}
	c.index(u)
	return u
}

// isRegistered reports whether the function n is handed to a router
// (a handler type the signature test does not know, such as a
// framework's own handler type).
func (c *checker) isRegistered(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.FuncDecl:
		fn, _ := c.pass.TypesInfo.Defs[n.Name].(*types.Func)
		return fn != nil && len(c.routes.Of(fn)) > 0
	case *ast.FuncLit:
		return c.routes.At(n) != nil
	}
	return false
}

// hasResponseParam reports whether sig takes something a response is
// written through: a ResponseWriter, a gin or echo context, an http.Header.
func hasResponseParam(sig *types.Signature) bool {
	for v := range sig.Params().Variables() {
		if isResponseType(v.Type()) || astutil.IsNamed(v.Type(), httpmodel.NetHTTP, "Header") {
			return true
		}
	}
	return false
}

// isResponseType reports whether a value of type t writes a response:
// any http.ResponseWriter (wrappers, gin.ResponseWriter, *echo.Response),
// a *gin.Context or an echo.Context.
func isResponseType(t types.Type) bool {
	return isResponseWriter(t) ||
		astutil.IsPointerTo(t, httpmodel.Gin, "Context") ||
		astutil.IsNamed(t, httpmodel.Echo, "Context") ||
		astutil.IsPointerTo(t, httpmodel.Fiber, "Ctx")
}

// isResponseWriter reports whether t has the method set of
// net/http.ResponseWriter. It is decided structurally, so that packages
// that reach net/http only through gin or echo are handled too.
func isResponseWriter(t types.Type) bool {
	if t == nil {
		return false
	}
	if astutil.IsNamed(t, httpmodel.NetHTTP, "ResponseWriter") {
		return true
	}
	header := method(t, "Header")
	writeHeader := method(t, "WriteHeader")
	write := method(t, "Write")
	return header != nil && writeHeader != nil && write != nil &&
		header.Signature().Results().Len() == 1 &&
		astutil.IsNamed(header.Signature().Results().At(0).Type(), httpmodel.NetHTTP, "Header") &&
		writeHeader.Signature().Params().Len() == 1
}

// method returns the exported method name of t (or *t), or nil.
func method(t types.Type, name string) *types.Func {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	fn, _ := obj.(*types.Func)
	return fn
}

// index records, before the walk, what the walk needs to know about the
// function's locals: aliases of the response and variables holding an
// error body. Both are flow-insensitive on purpose: a local that holds an
// error body anywhere is an error body wherever it is written.
func (c *checker) index(u *unit) {
	ast.Inspect(u.body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.AssignStmt:
			c.indexAssign(u, n.Lhs, n.Rhs, n.Tok == token.DEFINE)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, name := range n.Names {
				lhs[i] = name
			}
			c.indexAssign(u, lhs, n.Values, true)
		}
		return true
	})
}

func (c *checker) indexAssign(u *unit, lhs, rhs []ast.Expr, define bool) {
	info := c.pass.TypesInfo
	if len(rhs) == 1 {
		// err := enc.Encode(v); _, err := w.Write(b); n, err := fmt.Fprintf(w, ...)
		if call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok && c.isWriteCall(u, call) {
			for _, l := range lhs {
				if id, ok := l.(*ast.Ident); ok && astutil.IsError(info.TypeOf(id)) {
					u.writeErrs[info.ObjectOf(id)] = true
				}
			}
		}
	}
	if len(lhs) != len(rhs) {
		return
	}
	for i, l := range lhs {
		switch l := ast.Unparen(l).(type) {
		case *ast.Ident:
			obj := info.ObjectOf(l)
			if obj == nil {
				continue
			}
			if define {
				if root := c.aliasTarget(u, rhs[i]); root != nil {
					u.aliases[obj] = root
				}
			}
			if c.carriesError(u, rhs[i]) {
				u.errorVars[obj] = true
			}
		case *ast.SelectorExpr: // resp.Error = err.Error()
			if isErrorField(info, l) && !isZero(info, rhs[i]) {
				if obj := rootObject(info, l.X); obj != nil {
					u.errorVars[obj] = true
				}
			}
		case *ast.IndexExpr: // body["error"] = err.Error()
			if key, ok := astutil.StringConst(info, l.Index); ok && isErrorKey(key) {
				if obj := rootObject(info, l.X); obj != nil {
					u.errorVars[obj] = true
				}
			}
		}
	}
}

// aliasTarget returns the response that a new local made from e writes
// to: h := w.Header(), enc := json.NewEncoder(w), rw := w.
func (c *checker) aliasTarget(u *unit, e ast.Expr) types.Object {
	e = ast.Unparen(e)
	if call, ok := e.(*ast.CallExpr); ok && astutil.IsFunc(c.pass.TypesInfo, call, "encoding/json", "NewEncoder") && len(call.Args) == 1 {
		return u.root(c.pass.TypesInfo, call.Args[0])
	}
	t := c.pass.TypesInfo.TypeOf(e)
	if isResponseType(t) || astutil.IsNamed(t, httpmodel.NetHTTP, "Header") {
		return u.root(c.pass.TypesInfo, e)
	}
	return nil
}

// root returns the variable a response expression is rooted at, through
// the function's aliases: w, c.Writer, c.Response().Header() and h (after
// h := w.Header()) all have the root of the variable they start from.
func (u *unit) root(info *types.Info, e ast.Expr) types.Object {
	obj := rootObject(info, e)
	if target, ok := u.aliases[obj]; ok {
		return target
	}
	return obj
}

// rootObject returns the variable an expression of selectors, calls,
// index and type assertions starts from, or nil.
func rootObject(info *types.Info, e ast.Expr) types.Object {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			e = x.X
		case *ast.TypeAssertExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.CallExpr:
			sel, ok := ast.Unparen(x.Fun).(*ast.SelectorExpr)
			if !ok {
				return nil
			}
			e = sel
		case *ast.SelectorExpr:
			if id, ok := x.X.(*ast.Ident); ok {
				if _, isPkg := info.ObjectOf(id).(*types.PkgName); isPkg {
					v, _ := info.ObjectOf(x.Sel).(*types.Var) // a package-level response
					if v == nil {
						return nil
					}
					return v
				}
			}
			e = x.X
		case *ast.Ident:
			v, _ := info.ObjectOf(x).(*types.Var)
			if v == nil {
				return nil
			}
			return v
		default:
			return nil
		}
	}
}
