package statuscode

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
)

// This file classifies the calls of a statement and applies each one to
// the state: status calls, body writes, Retry-After sets, and calls that
// hand the response to code the analyzer does not follow.

// frameworkCall is a gin or echo method that sends a status, given as its
// first argument.
type frameworkCall struct {
	pkg, name string
	body      bool // the arguments after the status are the body
	lazy      bool // the status is only recorded: headers set later still go out
}

// frameworkCalls are the status-sending methods of *gin.Context and
// echo.Context. gin's Context.Status only records the code in its
// ResponseWriter; the header is written with the first body byte
// (gin response_writer.go, WriteHeader and WriteHeaderNow), so a
// Retry-After set after c.Status is still sent.
var frameworkCalls = []frameworkCall{
	{httpmodel.Gin, "JSON", true, false},
	{httpmodel.Gin, "IndentedJSON", true, false},
	{httpmodel.Gin, "PureJSON", true, false},
	{httpmodel.Gin, "XML", true, false},
	{httpmodel.Gin, "String", true, false},
	{httpmodel.Gin, "AbortWithStatusJSON", true, false},
	{httpmodel.Gin, "AbortWithStatus", false, false},
	{httpmodel.Gin, "AbortWithError", false, false},
	{httpmodel.Gin, "Status", false, true},
	{httpmodel.Echo, "JSON", true, false},
	{httpmodel.Echo, "JSONPretty", true, false},
	{httpmodel.Echo, "XML", true, false},
	{httpmodel.Echo, "String", true, false},
	{httpmodel.Echo, "HTML", true, false},
	{httpmodel.Echo, "NoContent", false, false},
}

// calls applies every call in node, in evaluation order (callee and
// arguments before the call), to st. Function literals are not entered:
// they run when called, not here.
func (c *checker) calls(u *unit, node ast.Node, st state, ctx context) {
	if node == nil {
		return
	}
	if as, ok := node.(*ast.AssignStmt); ok {
		c.headerIndexAssign(u, as, st)
	}
	var stack []ast.Node
	ast.Inspect(node, func(n ast.Node) bool {
		if n == nil {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if call, ok := top.(*ast.CallExpr); ok {
				c.call(u, call, st, ctx)
			}
			return false
		}
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		stack = append(stack, n)
		return true
	})
}

// call applies one call to st.
func (c *checker) call(u *unit, call *ast.CallExpr, st state, ctx context) {
	info := c.pass.TypesInfo
	fn := astutil.Callee(info, call)
	if fn == nil {
		return
	}
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	var recv ast.Expr
	if sel != nil && fn.Signature().Recv() != nil {
		recv = sel.X
	}

	switch {
	case astutil.FuncIs(fn, httpmodel.NetHTTP, "Error") && len(call.Args) == 3:
		s := sent{call: call, root: u.root(info, call.Args[0]), netHTTP: true, writesBody: true, httpError: true}
		s.code, s.known = c.statusCode(call.Args[2])
		c.send(u, s, st, ctx)
	case recv != nil && fn.Name() == "WriteHeader" && len(call.Args) == 1 && isResponseWriter(info.TypeOf(recv)):
		s := sent{call: call, root: u.root(info, recv), netHTTP: true}
		s.code, s.known = c.statusCode(call.Args[0])
		c.send(u, s, st, ctx)
	case recv != nil && c.sendsFrameworkStatus(u, call, fn, recv, st, ctx):
	case c.sendsOtherStatus(u, call, fn, recv, st, ctx):
	default:
		if root, bodies, ok := c.writeTarget(u, call); ok {
			c.write(u, call, root, bodies, st, ctx)
			return
		}
		if root := c.retryAfterTarget(u, call, fn, recv); root != nil {
			c.setRetryAfter(u, root, call.Pos(), st)
			return
		}
		c.otherCall(u, call, fn, recv, st)
	}
}

// sendsFrameworkStatus applies a gin or echo status method and reports
// whether call was one.
func (c *checker) sendsFrameworkStatus(u *unit, call *ast.CallExpr, fn *types.Func, recv ast.Expr, st state, ctx context) bool {
	if len(call.Args) == 0 {
		return false
	}
	for _, fc := range frameworkCalls {
		if !astutil.MethodIs(fn, fc.pkg, "Context", fc.name) {
			continue
		}
		s := sent{call: call, root: u.root(c.pass.TypesInfo, recv), lazy: fc.lazy, writesBody: fc.body}
		if fc.body {
			s.bodies = call.Args[1:]
		}
		s.code, s.known = c.statusCode(call.Args[0])
		c.send(u, s, st, ctx)
		return true
	}
	return false
}

// Import path of chi's render package, whose Status records the status
// in the request context for the render.JSON (and friends) that follows.
const chiRender = "github.com/go-chi/render"

// sendsOtherStatus applies the status helpers that are not methods of a
// gin or echo context, and reports whether call was one:
//
//   - fiber: c.Status(code) records the status (fasthttp writes headers
//     with the body, so a later c.Set("Retry-After") still goes out);
//     c.SendStatus(code) sends it; c.JSON(v), c.SendString(s) write the
//     body with the recorded status, 200 by default;
//   - chi render: render.Status(r, code) records the status for the
//     request; render.JSON(w, r, v) writes the body with it;
//   - echo.NewHTTPError(code, …) and fiber.NewError(code, …), returned
//     from a handler, send code through the framework's error handler.
func (c *checker) sendsOtherStatus(u *unit, call *ast.CallExpr, fn *types.Func, recv ast.Expr, st state, ctx context) bool {
	info := c.pass.TypesInfo
	switch {
	case recv != nil && len(call.Args) >= 1 && astutil.MethodIs(fn, httpmodel.Fiber, "Ctx", "Status"):
		s := sent{call: call, root: u.root(info, recv), lazy: true}
		s.code, s.known = c.statusCode(call.Args[0])
		c.send(u, s, st, ctx)
	case recv != nil && len(call.Args) == 1 && astutil.MethodIs(fn, httpmodel.Fiber, "Ctx", "SendStatus"):
		s := sent{call: call, root: u.root(info, recv), writesBody: true}
		s.code, s.known = c.statusCode(call.Args[0])
		c.send(u, s, st, ctx)
	case recv != nil && len(call.Args) >= 1 && (astutil.MethodIs(fn, httpmodel.Fiber, "Ctx", "JSON") ||
		astutil.MethodIs(fn, httpmodel.Fiber, "Ctx", "SendString")):
		c.recordedStatusWrite(u, call, u.root(info, recv), call.Args[:1], st, ctx)
	case len(call.Args) == 2 && astutil.FuncIs(fn, chiRender, "Status"):
		s := sent{call: call, root: u.writerParam(info), lazy: true}
		s.code, s.known = c.statusCode(call.Args[1])
		c.send(u, s, st, ctx)
	case len(call.Args) == 3 && (astutil.FuncIs(fn, chiRender, "JSON") || astutil.FuncIs(fn, chiRender, "PlainText") ||
		astutil.FuncIs(fn, chiRender, "XML") || astutil.FuncIs(fn, chiRender, "Data")):
		c.recordedStatusWrite(u, call, u.root(info, call.Args[0]), call.Args[2:], st, ctx)
	case len(call.Args) >= 1 && (astutil.FuncIs(fn, httpmodel.Echo, "NewHTTPError") || astutil.FuncIs(fn, httpmodel.Fiber, "NewError")):
		s := sent{call: call, root: u.writerParam(info)}
		s.code, s.known = c.statusCode(call.Args[0])
		c.send(u, s, st, ctx)
	default:
		return false
	}
	return true
}

// recordedStatusWrite applies a body write that goes out with the status
// recorded before it (fiber, chi render), or 200.
func (c *checker) recordedStatusWrite(u *unit, call *ast.CallExpr, root types.Object, bodies []ast.Expr, st state, ctx context) {
	if root == nil {
		return
	}
	r := st[root]
	code, known := 200, true
	if r.statusMaybe {
		code, known = r.code, r.code != 0
	}
	if known && code >= 200 && code < 300 && c.judgesErrorBody(u, r, ctx, bodies) {
		u.add(ctx, c.frameworkErrorBody(sent{call: call, root: root, code: code}))
	}
	if !r.statusMaybe {
		r.statusMaybe, r.code = true, 200
	}
	st[root] = wrote(r, call.Pos())
}

// writerParam returns the function's first parameter that writes the
// response (w, c), for the helpers that reach it through the request.
func (u *unit) writerParam(info *types.Info) types.Object {
	var sig *types.Signature
	switch n := u.node.(type) {
	case *ast.FuncDecl:
		if obj := info.Defs[n.Name]; obj != nil {
			sig, _ = obj.Type().(*types.Signature)
		}
	case *ast.FuncLit:
		sig, _ = info.TypeOf(n).(*types.Signature)
	}
	if sig == nil {
		return nil
	}
	for v := range sig.Params().Variables() {
		if isResponseType(v.Type()) {
			return v
		}
	}
	return nil
}

// statusCode folds a status code argument.
func (c *checker) statusCode(e ast.Expr) (int, bool) {
	n, ok := c.fold.Int(e)
	return int(n), ok
}

// sent is one call that sends a status.
type sent struct {
	call       *ast.CallExpr
	root       types.Object
	code       int
	known      bool
	netHTTP    bool       // WriteHeader or http.Error: a second status is superfluous
	httpError  bool       // http.Error
	lazy       bool       // gin's Context.Status
	writesBody bool       // the call writes a body too
	bodies     []ast.Expr // the body arguments, for gin and echo
}

// send applies a status-sending call: it checks the status against the
// response's state, then records it.
func (c *checker) send(u *unit, s sent, st state, ctx context) {
	if s.root == nil {
		return
	}
	if s.known && s.code >= 100 && s.code < 200 {
		return // 1xx (103 Early Hints) may precede the final status
	}
	r := st[s.root]
	// A late WriteHeader(200) is only noise in the log: the client gets
	// the 200 the code meant.
	if s.netHTTP && r.wroteSure && !ctx.failedWrite && (!s.known || s.code != 200) {
		u.add(ctx, c.superfluous(s, r.firstWrite))
	}
	is2xx := s.known && s.code >= 200 && s.code < 300
	switch {
	case s.httpError && is2xx:
		u.add(ctx, c.errorWith2xx(s))
	case is2xx && len(s.bodies) > 0 && c.judgesErrorBody(u, r, ctx, s.bodies):
		u.add(ctx, c.frameworkErrorBody(s))
	}
	if s.known && (s.code == 503 || s.code == 429) && !r.retryMaybe {
		u.add(ctx, c.noRetryAfter(s))
	}
	if !r.statusMaybe {
		r.code = 0
		if s.known {
			r.code = s.code
		}
	}
	r.statusMaybe = true
	if s.writesBody {
		r = wrote(r, s.call.Pos())
	}
	st[s.root] = r
}

// reportsErrorBody reports whether an error body written now would be
// judged: in a handler, in an error branch that ends the request, before
// anything was written (once the body has started, the status is already
// on the wire and a status fix is not possible at this point).
func (c *checker) reportsErrorBody(u *unit, r response, ctx context) bool {
	return u.handler && ctx.errBranch && !ctx.failedWrite && !r.wroteMaybe
}

// judgesErrorBody reports whether bodies, written now with a 2xx status,
// make an error body finding: a body that carries an error in an error
// branch, or, anywhere in a handler, a literal that says it is an error
// ({"error": "bad input"}, {"status": "error"}, {"error": err.Error()}).
func (c *checker) judgesErrorBody(u *unit, r response, ctx context, bodies []ast.Expr) bool {
	if c.reportsErrorBody(u, r, ctx) {
		return anyArg(bodies, func(b ast.Expr) bool { return c.carriesError(u, b) })
	}
	return u.handler && !ctx.failedWrite && !r.wroteMaybe &&
		anyArg(bodies, func(b ast.Expr) bool { return c.saysError(b) })
}

func wrote(r response, pos token.Pos) response {
	if !r.wroteSure {
		r.firstWrite = pos
	}
	r.wroteMaybe, r.wroteSure = true, true
	return r
}

// write applies a body write to a net/http response: the first write
// sends the implicit 200 when no status was set.
func (c *checker) write(u *unit, call *ast.CallExpr, root types.Object, bodies []ast.Expr, st state, ctx context) {
	if root == nil {
		return
	}
	r := st[root]
	implicit := !r.statusMaybe
	explicit2xx := r.statusMaybe && r.code >= 200 && r.code < 300
	if (implicit || explicit2xx) && c.judgesErrorBody(u, r, ctx, bodies) {
		u.add(ctx, c.netHTTPErrorBody(call, root, r.code, implicit))
	}
	if !r.statusMaybe {
		r.statusMaybe, r.code = true, 200
	}
	st[root] = wrote(r, call.Pos())
}

// isWriteCall reports whether call writes a body to a response.
func (c *checker) isWriteCall(u *unit, call *ast.CallExpr) bool {
	_, _, ok := c.writeTarget(u, call)
	return ok
}

// writeTarget recognises the calls that write a body to a net/http
// response and returns the response and the values written:
// w.Write(b), w.WriteString(s), io.WriteString(w, s), io.Copy(w, src),
// fmt.Fprint*(w, ...), json.NewEncoder(w).Encode(v) and enc.Encode(v)
// after enc := json.NewEncoder(w).
func (c *checker) writeTarget(u *unit, call *ast.CallExpr) (types.Object, []ast.Expr, bool) {
	info := c.pass.TypesInfo
	fn := astutil.Callee(info, call)
	if fn == nil {
		return nil, nil, false
	}
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	firstIsWriter := len(call.Args) > 0 && isResponseWriter(info.TypeOf(call.Args[0]))
	switch {
	case sel != nil && fn.Signature().Recv() != nil && (fn.Name() == "Write" || fn.Name() == "WriteString") &&
		len(call.Args) == 1 && isResponseWriter(info.TypeOf(sel.X)):
		return u.root(info, sel.X), call.Args, true
	case firstIsWriter && (astutil.FuncIs(fn, "fmt", "Fprint") || astutil.FuncIs(fn, "fmt", "Fprintf") ||
		astutil.FuncIs(fn, "fmt", "Fprintln") || astutil.FuncIs(fn, "io", "WriteString") || astutil.FuncIs(fn, "io", "Copy")):
		return u.root(info, call.Args[0]), call.Args[1:], true
	case sel != nil && astutil.MethodIs(fn, "encoding/json", "Encoder", "Encode") && len(call.Args) == 1:
		if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok {
			if astutil.IsFunc(info, inner, "encoding/json", "NewEncoder") && len(inner.Args) == 1 &&
				isResponseWriter(info.TypeOf(inner.Args[0])) {
				return u.root(info, inner.Args[0]), call.Args, true
			}
			return nil, nil, false
		}
		if target, ok := u.aliases[rootObject(info, sel.X)]; ok {
			return target, call.Args, true
		}
	}
	return nil, nil, false
}

// retryAfterTarget returns the response on which call sets Retry-After:
// w.Header().Set/Add("Retry-After", v) (any spelling of the name, any
// constant), gin's c.Header("Retry-After", v), or a call of a function
// with the setsRetryAfter fact, which sets it on a parameter.
func (c *checker) retryAfterTarget(u *unit, call *ast.CallExpr, fn *types.Func, recv ast.Expr) types.Object {
	info := c.pass.TypesInfo
	if recv != nil && len(call.Args) == 2 && isRetryAfter(info, call.Args[0]) &&
		(astutil.MethodIs(fn, httpmodel.NetHTTP, "Header", "Set") || astutil.MethodIs(fn, httpmodel.NetHTTP, "Header", "Add") ||
			astutil.MethodIs(fn, httpmodel.Gin, "Context", "Header") || astutil.MethodIs(fn, httpmodel.Fiber, "Ctx", "Set") ||
			astutil.MethodIs(fn, httpmodel.Fiber, "Ctx", "Append")) {
		return u.root(info, recv)
	}
	fact := c.retryFact(fn)
	if fact == nil {
		return nil
	}
	for _, i := range fact.Params {
		if i < len(call.Args) {
			if root := u.root(info, call.Args[i]); root != nil {
				return root
			}
		}
	}
	return nil
}

func isRetryAfter(info *types.Info, key ast.Expr) bool {
	s, ok := astutil.StringConst(info, key)
	return ok && strings.EqualFold(s, "Retry-After")
}

// headerIndexAssign handles w.Header()["Retry-After"] = []string{"30"}.
func (c *checker) headerIndexAssign(u *unit, as *ast.AssignStmt, st state) {
	info := c.pass.TypesInfo
	for _, lhs := range as.Lhs {
		ix, ok := ast.Unparen(lhs).(*ast.IndexExpr)
		if ok && astutil.IsNamed(info.TypeOf(ix.X), httpmodel.NetHTTP, "Header") && isRetryAfter(info, ix.Index) {
			if root := u.root(info, ix.X); root != nil {
				c.setRetryAfter(u, root, as.Pos(), st)
			}
		}
	}
}

func (c *checker) setRetryAfter(u *unit, root types.Object, pos token.Pos, st state) {
	r := st[root]
	r.retryMaybe = true
	st[root] = r
	u.retrySets = append(u.retrySets, retrySet{root: root, pos: pos})
}

// otherCall handles a call the analyzer does not model. Handing the
// response to it (next.ServeHTTP(w, r), tmpl.Execute(w, v), render(c)),
// or flushing it, may send a status and a body, so the response is no
// longer known to carry the implicit 200. A call of a function of this
// package records whether the caller had set Retry-After, for the
// findings inside that function.
func (c *checker) otherCall(u *unit, call *ast.CallExpr, fn *types.Func, recv ast.Expr, st state) {
	info := c.pass.TypesInfo
	if astutil.FuncIs(fn, httpmodel.NetHTTP, "MaxBytesReader") || astutil.FuncIs(fn, "encoding/json", "NewEncoder") {
		return // they wrap the response; they write nothing
	}
	mark := func(e ast.Expr) {
		root := u.root(info, e)
		if root == nil {
			return
		}
		r := st[root]
		if r.retryMaybe && fn.Pkg() == c.pass.Pkg {
			c.callerSets[fn.Origin()] = true
		}
		r.statusMaybe, r.wroteMaybe, r.code = true, true, 0
		st[root] = r
	}
	for _, arg := range call.Args {
		if isResponseType(info.TypeOf(arg)) {
			mark(arg)
		}
	}
	if recv != nil && fn.Name() != "Header" && isResponseWriter(info.TypeOf(recv)) {
		mark(recv) // w.(http.Flusher).Flush(), c.Writer.Flush()
	}
}
