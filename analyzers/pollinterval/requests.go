package pollinterval

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/lint"
)

// index is what the single walk over the package records.
type index struct {
	sends       []send             // http.Get and (*http.Client).Get calls
	dos         []inspector.Cursor // (*http.Client).Do calls, resolved by resolveSends
	calls       []inspector.Cursor // calls of this package's functions and of imported getters
	runnerCalls []inspector.Cursor // calls of this package's functions and of imported runners
	afterFuncs  []*ast.CallExpr    // time.AfterFunc calls

	assigns      map[*types.Var][]assignment    // every value assigned to a local or package variable
	fieldAssigns map[*types.Var][]ast.Expr      // values assigned to struct fields of ticker or channel type
	methodSet    map[*types.Var]bool            // variables whose Request.Method is assigned: the method is unknown
	resets       map[*types.Var][]*ast.CallExpr // t.Reset(d) calls per *time.Ticker / *time.Timer variable
}

// An assignment is one value given to a variable; index selects a result
// of a multi-value call (req, err := http.NewRequest(...)). A nil expr is
// a value the analyzer cannot see (a range variable, x += y).
type assignment struct {
	expr  ast.Expr
	index int
}

// A send is a call that sends an HTTP GET.
type send struct {
	cur inspector.Cursor
	url ast.Expr // the URL argument
	// methodParam is the parameter of the enclosing function that the
	// request method comes from (a helper do(method, url)), or -1 when the
	// call always sends a GET.
	methodParam int
}

func (s send) what(info *types.Info) target {
	return describe(urlText(info, s.url), "")
}

// collect walks the package once, outside test files.
func (c *checker) collect(root inspector.Cursor) *index {
	ix := &index{
		assigns:      make(map[*types.Var][]assignment),
		fieldAssigns: make(map[*types.Var][]ast.Expr),
		methodSet:    make(map[*types.Var]bool),
		resets:       make(map[*types.Var][]*ast.CallExpr),
	}
	kinds := []ast.Node{(*ast.CallExpr)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.RangeStmt)(nil), (*ast.KeyValueExpr)(nil)}
	for file := range root.Children() {
		if lint.SkipFile(c.pass, file.Node().(*ast.File), includeTests) {
			continue
		}
		for cur := range file.Preorder(kinds...) {
			switch n := cur.Node().(type) {
			case *ast.CallExpr:
				c.collectCall(ix, cur, n)
			case *ast.AssignStmt:
				c.collectAssign(ix, n)
				for i, lhs := range n.Lhs {
					if len(n.Lhs) == len(n.Rhs) {
						c.collectFieldValue(ix, lhs, n.Rhs[i])
					}
				}
			case *ast.KeyValueExpr:
				if _, ok := cur.Parent().Node().(*ast.CompositeLit); ok {
					if id, ok := n.Key.(*ast.Ident); ok {
						c.collectFieldValue(ix, id, n.Value)
					}
				}
			case *ast.ValueSpec:
				for i, name := range n.Names {
					ix.addAssign(c.info, name, n.Values, len(n.Names), i)
				}
			case *ast.RangeStmt:
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if id, ok := e.(*ast.Ident); ok {
						ix.addAssign(c.info, id, nil, 1, 0)
					}
				}
			}
		}
	}
	return ix
}

func (c *checker) collectCall(ix *index, cur inspector.Cursor, call *ast.CallExpr) {
	fn := astutil.Callee(c.info, call)
	switch {
	case fn == nil:
	case astutil.FuncIs(fn, httpmodel.NetHTTP, "Get"), astutil.MethodIs(fn, httpmodel.NetHTTP, "Client", "Get"):
		if len(call.Args) == 1 {
			ix.sends = append(ix.sends, send{cur: cur, url: call.Args[0], methodParam: -1})
		}
	case astutil.MethodIs(fn, httpmodel.NetHTTP, "Client", "Do"):
		ix.dos = append(ix.dos, cur)
	case astutil.FuncIs(fn, "time", "AfterFunc"):
		ix.afterFuncs = append(ix.afterFuncs, call)
	case astutil.MethodIs(fn, "time", "Ticker", "Reset"), astutil.MethodIs(fn, "time", "Timer", "Reset"):
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if v := c.varOf(sel.X); v != nil {
				ix.resets[v] = append(ix.resets[v], call)
			}
		}
	default:
		static := typeutil.StaticCallee(c.info, call)
		if static != nil && c.mayGet(static) {
			ix.calls = append(ix.calls, cur)
		}
		if static != nil && (static.Pkg() == c.pass.Pkg || c.runnerOf(static) != nil) {
			ix.runnerCalls = append(ix.runnerCalls, cur)
		}
	}
}

// collectFieldValue records value as assigned to the struct field that
// lhs names (p.ticker = …, Poller{ticker: …}), when the field holds a
// ticker or a channel of times: the only fields whose values the
// schedule follows.
func (c *checker) collectFieldValue(ix *index, lhs, value ast.Expr) {
	var f *types.Var
	switch l := ast.Unparen(lhs).(type) {
	case *ast.SelectorExpr:
		f = c.fieldOf(l)
	case *ast.Ident:
		if v, ok := c.info.Uses[l].(*types.Var); ok && v.IsField() {
			f = v
		}
	}
	if f == nil {
		return
	}
	t := f.Type()
	ch, isChan := t.Underlying().(*types.Chan)
	if astutil.IsPointerTo(t, "time", "Ticker") || isChan && astutil.IsNamed(ch.Elem(), "time", "Time") {
		ix.fieldAssigns[f] = append(ix.fieldAssigns[f], value)
	}
}

func (c *checker) collectAssign(ix *index, n *ast.AssignStmt) {
	for i, lhs := range n.Lhs {
		lhs = ast.Unparen(lhs)
		if sel, ok := lhs.(*ast.SelectorExpr); ok && astutil.IsField(c.info, sel, httpmodel.NetHTTP, "Request", "Method") {
			if v := c.varOf(sel.X); v != nil {
				ix.methodSet[v] = true
			}
			continue
		}
		id, ok := lhs.(*ast.Ident)
		if !ok {
			continue
		}
		if n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
			ix.addAssign(c.info, id, nil, 1, 0) // x += y: a value the analyzer does not follow
			continue
		}
		ix.addAssign(c.info, id, n.Rhs, len(n.Lhs), i)
	}
}

// addAssign records that name (of a list of n names) receives its value
// from values.
func (ix *index) addAssign(info *types.Info, name *ast.Ident, values []ast.Expr, n, i int) {
	v, ok := info.ObjectOf(name).(*types.Var)
	if !ok {
		return
	}
	switch {
	case len(values) == n:
		ix.assigns[v] = append(ix.assigns[v], assignment{expr: values[i]})
	case len(values) == 1:
		ix.assigns[v] = append(ix.assigns[v], assignment{expr: values[0], index: i})
	case values == nil && n == 1:
		ix.assigns[v] = append(ix.assigns[v], assignment{})
	}
}

// varOf returns the variable e names, or nil.
func (c *checker) varOf(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := c.info.Uses[id].(*types.Var)
	return v
}

// resolveSends returns the GET sends: http.Get, (*http.Client).Get, and
// (*http.Client).Do of a request built with the GET method. A GET whose
// response is read as a stream (httpmodel.StreamsResponse) is left out:
// it subscribes, and sending it again after a wait is a reconnect (the
// reconnectbackoff rule), not a poll.
func (c *checker) resolveSends() []send {
	var sends []send
	for _, s := range c.index.sends {
		s.methodParam = c.methodGuard(s.cur)
		sends = c.appendPoll(sends, s)
	}
	for _, cur := range c.index.dos {
		call := cur.Node().(*ast.CallExpr)
		if len(call.Args) != 1 {
			continue
		}
		if url, param, ok := c.getRequest(cur, call.Args[0]); ok {
			sends = c.appendPoll(sends, send{cur: cur, url: url, methodParam: param})
		}
	}
	return sends
}

// appendPoll appends s unless its response is read as a stream.
func (c *checker) appendPoll(sends []send, s send) []send {
	if httpmodel.StreamsResponse(c.info, s.cur) {
		return sends
	}
	return append(sends, s)
}

// methodGuard returns the parameter of the enclosing function that a GET
// at cur is conditional on — a helper request(method, url) that calls
// http.Get under if method == "GET" (gobot's Particle adaptor) sends a GET
// only when called with "GET" — or -1.
func (c *checker) methodGuard(cur inspector.Cursor) int {
	child := cur
	for parent := cur.Parent(); parent.Node() != nil; child, parent = parent, parent.Parent() {
		switch n := parent.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return -1
		case *ast.IfStmt:
			if child.Node() != n.Body {
				continue
			}
			bin, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
			if !ok || bin.Op != token.EQL {
				continue
			}
			for _, pair := range [][2]ast.Expr{{bin.X, bin.Y}, {bin.Y, bin.X}} {
				if m, ok := astutil.StringConst(c.info, pair[1]); ok && isGetMethod(m) {
					if p := c.paramIndex(cur, pair[0]); p >= 0 {
						return p
					}
				}
			}
		}
	}
	return -1
}

// getRequest reports whether req, the argument of a Do call at cur, is a
// request built by http.NewRequest or http.NewRequestWithContext with the
// GET method: the constant "GET" (http.MethodGet) or "", which net/http
// sends as GET (request.go: "For client requests, an empty string means
// GET"; NewRequestWithContext sets method = "GET" when it is empty). A
// method taken from a parameter of the enclosing function makes the call
// a GET only where the function is called with "GET": param is that
// parameter's index. Every assignment of the request variable must agree,
// and no code may set its Method field.
func (c *checker) getRequest(cur inspector.Cursor, req ast.Expr) (url ast.Expr, param int, ok bool) {
	req = c.requestOf(req)
	v := c.varOf(req)
	if v == nil || c.index.methodSet[v] || len(c.index.assigns[v]) == 0 {
		return nil, -1, false
	}
	param = -1
	for i, a := range c.index.assigns[v] {
		method, u, found := c.newRequestArgs(a)
		if !found {
			return nil, -1, false
		}
		p := -1
		if m, isConst := astutil.StringConst(c.info, method); isConst {
			if !isGetMethod(m) {
				return nil, -1, false
			}
		} else if p = c.paramIndex(cur, method); p < 0 {
			return nil, -1, false
		}
		if i == 0 {
			url, param = u, p
		} else if p != param {
			return nil, -1, false
		}
	}
	return url, param, true
}

// requestOf looks through req.WithContext(ctx) and req.Clone(ctx), which
// keep the method of req.
func (c *checker) requestOf(req ast.Expr) ast.Expr {
	for {
		call, ok := ast.Unparen(req).(*ast.CallExpr)
		if !ok {
			return req
		}
		fn := astutil.Callee(c.info, call)
		sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !isSel || !astutil.MethodIs(fn, httpmodel.NetHTTP, "Request", "WithContext") && !astutil.MethodIs(fn, httpmodel.NetHTTP, "Request", "Clone") {
			return req
		}
		req = sel.X
	}
}

// newRequestArgs returns the method and URL arguments of an assignment
// from http.NewRequest or http.NewRequestWithContext.
func (c *checker) newRequestArgs(a assignment) (method, url ast.Expr, ok bool) {
	call, isCall := ast.Unparen(a.expr).(*ast.CallExpr)
	if a.expr == nil || a.index != 0 || !isCall {
		return nil, nil, false
	}
	switch fn := astutil.Callee(c.info, call); {
	case astutil.FuncIs(fn, httpmodel.NetHTTP, "NewRequest") && len(call.Args) == 3:
		return call.Args[0], call.Args[1], true
	case astutil.FuncIs(fn, httpmodel.NetHTTP, "NewRequestWithContext") && len(call.Args) == 4:
		return call.Args[1], call.Args[2], true
	}
	return nil, nil, false
}

// isGetMethod reports whether method, as given to http.NewRequest, sends
// a GET. net/http does not normalise the case of a method (request.go,
// NewRequestWithContext only checks that it is a valid token), so "get"
// is sent as "get", which servers need not treat as GET.
func isGetMethod(method string) bool {
	return method == "GET" || method == ""
}

// paramIndex returns the index of the parameter of the function declared
// around cur that e names, or -1.
func (c *checker) paramIndex(cur inspector.Cursor, e ast.Expr) int {
	decl, ok := enclosingFuncDecl(cur)
	if !ok {
		return -1
	}
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return -1
	}
	obj := c.info.Uses[id]
	i := 0
	for _, field := range decl.Type.Params.List {
		for _, name := range field.Names {
			if c.info.Defs[name] == obj && obj != nil {
				return i
			}
			i++
		}
		if len(field.Names) == 0 {
			i++
		}
	}
	return -1
}

// argAt returns argument i of the call at cur, or nil.
func argAt(cur inspector.Cursor, i int) ast.Expr {
	call := cur.Node().(*ast.CallExpr)
	if i < 0 || i >= len(call.Args) {
		return nil
	}
	return call.Args[i]
}

// A target is what a diagnostic says is polled.
type target struct {
	text   string // "polls https://…", "checkFirmware polls an HTTP endpoint with GET"
	health bool   // the URL is a liveness or readiness probe
}

// describe says what a GET of the URL known as text (possibly "") polls,
// sent through the helper named helper (or directly when helper is "").
func describe(text, helper string) target {
	t := target{text: "polls an HTTP endpoint with GET"}
	if text != "" {
		t.text = "polls " + text
		t.health = isHealthProbe(text)
	}
	if helper != "" {
		t.text = helper + " " + t.text
	}
	return t
}

// urlText returns the URL when it is a constant, its constant prefix or
// suffix followed or preceded by "…" when only part is constant, or "".
func urlText(info *types.Info, e ast.Expr) string {
	if e == nil {
		return ""
	}
	if s, ok := astutil.StringConst(info, e); ok {
		return s
	}
	bin, ok := ast.Unparen(e).(*ast.BinaryExpr)
	if !ok || bin.Op != token.ADD {
		return ""
	}
	switch left := urlText(info, bin.X); {
	case strings.HasPrefix(left, "…"):
		// only a suffix of the left operand is known
	case strings.HasSuffix(left, "…"):
		return left // a prefix of a prefix
	case left != "":
		return left + "…"
	}
	if right, ok := astutil.StringConst(info, bin.Y); ok && right != "" {
		return "…" + right
	}
	return ""
}

// healthPaths are the last path segments of the conventional liveness and
// readiness endpoints (Kubernetes' /healthz, /livez, /readyz and the
// common /health, /ping). A program that probes them checks that a
// dependency is up; it does not poll for updates.
var healthPaths = map[string]bool{"health": true, "healthz": true, "healthcheck": true, "livez": true, "readyz": true, "ping": true}

// isHealthProbe reports whether the (possibly partial) URL text ends with
// a health endpoint's path.
func isHealthProbe(text string) bool {
	if strings.HasSuffix(text, "…") {
		return false
	}
	if i := strings.IndexAny(text, "?#"); i >= 0 {
		text = text[:i]
	}
	text = strings.TrimSuffix(text, "/")
	i := strings.LastIndex(text, "/")
	if i < 0 {
		return false
	}
	return healthPaths[text[i+1:]]
}
