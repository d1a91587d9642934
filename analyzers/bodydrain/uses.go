package bodydrain

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// An effect is what one use of a response (or of its body) does to the body.
type effect uint8

const (
	reads   effect = 1 << iota // reads part of the body
	drains                     // reads the body to EOF
	closes                     // closes the body
	escapes                    // hands the body on: someone else owns it now
)

// knownEffects are standard functions whose effect on a reader argument is
// not visible from their signature alone: they read it to EOF.
// bufio.NewScanner counts as a drain because its idiomatic use is a loop
// that runs until Scan reports the end of the input.
var knownEffects = map[string]struct {
	arg int
	eff effect
}{
	"io.ReadAll":                 {0, drains},
	"io/ioutil.ReadAll":          {0, drains},
	"io.Copy":                    {1, drains},
	"io.CopyBuffer":              {1, drains},
	"(*bytes.Buffer).ReadFrom":   {0, drains},
	"(*os.File).ReadFrom":        {0, drains},
	"(*bufio.Writer).ReadFrom":   {0, drains},
	"bufio.NewScanner":           {0, drains},
	"(*net/http.Response).Write": {-1, closes | drains}, // resp.Write(w): "Body is closed after it is sent"
}

// printers format their arguments and keep nothing: printing a response
// or its body hands nothing on.
var printers = map[string]bool{}

func init() {
	for _, name := range []string{"Print", "Printf", "Println", "Sprint", "Sprintf", "Sprintln",
		"Fprint", "Fprintf", "Fprintln", "Errorf", "Append", "Appendf", "Appendln"} {
		printers["fmt."+name] = true
	}
	for _, name := range []string{"Print", "Printf", "Println", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln"} {
		printers["log."+name] = true
		printers["(*log.Logger)."+name] = true
	}
}

// responseUses summarises every use of a response variable in its function.
type responseUses struct {
	deferredClose bool              // closed by a defer registered before the request: covers every path
	closes        []token.Pos       // positions of the other closes, deferred ones included
	firstClose    token.Pos         // first close of any kind, for related information
	read, drained bool              // some use reads (part of) the body / reads it to EOF
	overwrites    map[ast.Node]bool // statements that assign a new response to the variable
}

func (u *responseUses) closed() bool { return u.deferredClose || len(u.closes) > 0 }

// closesWithin reports whether node n contains a close. A defer statement
// that closes counts where it is registered: every return after it closes.
func (u *responseUses) closesWithin(n ast.Node) bool {
	for _, p := range u.closes {
		if n.Pos() <= p && p < n.End() {
			return true
		}
	}
	return false
}

// responseUses collects the uses of src's response variable, and of the
// local variables that hold its body wrapped by http.MaxBytesReader. ok is
// false when the response escapes: returned, stored, sent, passed to a
// function that may keep it, captured by a goroutine, or its Body
// replaced. Escapes are judged per request: a use that runs before the
// request, or after the variable receives another response, is that other
// response's business.
func (c *checker) responseUses(src source) (uses responseUses, ok bool) {
	uses.overwrites = map[ast.Node]bool{src.stmt: true}
	var idents []inspector.Cursor
	for id := range src.fn.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)] != src.resp {
			continue
		}
		if stmt, isSource := c.sourceAssignment(id); isSource {
			uses.overwrites[stmt] = true
			continue
		}
		idents = append(idents, id)
	}
	c.aliasing, c.aliases = true, nil
	defer func() { c.aliasing, c.aliases = false, nil }()
	for _, id := range idents {
		if !c.addUse(src, &uses, id, c.effectOf(id, true)) {
			return uses, false
		}
	}
	for i := 0; i < len(c.aliases); i++ { // an alias may find more aliases
		alias := c.aliases[i]
		for id := range src.fn.Preorder((*ast.Ident)(nil)) {
			if c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)] == alias && !c.addUse(src, &uses, id, c.bodyEffect(id)) {
				return uses, false
			}
		}
	}
	return uses, true
}

// addUse records one use of the response (or of its body) at id with
// effect eff. It returns false when the use hands the response on.
func (c *checker) addUse(src source, uses *responseUses, id inspector.Cursor, eff effect) bool {
	deferred, inGoroutine, uncalled := false, false, false
	for anc := range id.Enclosing((*ast.DeferStmt)(nil), (*ast.GoStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if anc == src.fn {
			break
		}
		switch anc.Node().(type) {
		case *ast.DeferStmt:
			deferred = true
		case *ast.GoStmt:
			inGoroutine = true
		case *ast.FuncLit:
			uncalled = uncalled || !c.litRuns(anc, src)
		}
	}
	if eff&escapes != 0 || inGoroutine {
		return c.otherRequest(src, uses, id) // false: this request's response escapes
	}
	if uncalled {
		return true // a close written in a function that never runs closes nothing
	}
	uses.read = uses.read || eff&(reads|drains) != 0
	uses.drained = uses.drained || eff&drains != 0
	if eff&closes == 0 {
		return true
	}
	if !uses.firstClose.IsValid() {
		uses.firstClose = id.Node().Pos()
	}
	if deferred && id.Node().Pos() < src.stmt.Pos() {
		// A deferred closure registered before the request closes
		// whatever the variable holds when the function returns.
		uses.deferredClose = true
	} else {
		// A close, or a defer registered after the request, covers
		// the paths that go through it.
		uses.closes = append(uses.closes, id.Node().Pos())
	}
	return true
}

// otherRequest reports whether the use at id belongs to another request
// assigned to the same variable: it is written before src's request, not
// in a loop around both, or after a later request's assignment.
func (c *checker) otherRequest(src source, uses *responseUses, id inspector.Cursor) bool {
	pos := id.Node().Pos()
	if pos < src.stmt.Pos() {
		for loop := range id.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil)) {
			if loop.Node().Pos() <= src.stmt.Pos() && src.stmt.End() <= loop.Node().End() {
				return false // the loop comes back to it after the request
			}
		}
		return true
	}
	for stmt := range uses.overwrites {
		if stmt != src.stmt && src.stmt.Pos() < stmt.Pos() && stmt.Pos() <= pos && c.precedesInBlock(src, stmt, pos) {
			return true
		}
	}
	return false
}

// precedesInBlock reports whether stmt runs on every path to pos: pos is
// later in the block (statement list) that holds stmt. An overwrite in
// one branch of an if does not cover a return after the if.
func (c *checker) precedesInBlock(src source, stmt ast.Node, pos token.Pos) bool {
	cur, ok := src.fn.FindNode(stmt)
	if !ok {
		return false
	}
	switch block := cur.Parent().Node().(type) {
	case *ast.BlockStmt:
		return stmt.End() <= pos && pos < block.End()
	case *ast.CaseClause:
		return stmt.End() <= pos && pos < block.End()
	case *ast.CommClause:
		return stmt.End() <= pos && pos < block.End()
	}
	return false // the init of an if: its branches decide
}

// litRuns reports whether the function literal at lit runs: it is called
// where it is written (also by defer or go), passed to a function (a
// callback), or stored in a local variable that is called or passed on.
// A literal stored and never called closes nothing.
func (c *checker) litRuns(lit inspector.Cursor, src source) bool {
	parent := lit.Parent()
	switch p := parent.Node().(type) {
	case *ast.CallExpr:
		return true // called at once, or a callback argument
	case *ast.AssignStmt:
		if len(p.Lhs) != len(p.Rhs) {
			return true
		}
		id, ok := p.Lhs[lit.ParentEdgeIndex()].(*ast.Ident)
		if !ok {
			return true // stored in a field or a map: may run anywhere
		}
		v := c.pass.TypesInfo.ObjectOf(id)
		for use := range src.fn.Preorder((*ast.Ident)(nil)) {
			if use.Node() == id || c.pass.TypesInfo.Uses[use.Node().(*ast.Ident)] != v {
				continue
			}
			if as, ok := use.Parent().Node().(*ast.AssignStmt); ok && assignedToBlank(as, use.Node()) {
				continue // _ = cleanup
			}
			return true // called, deferred or passed on
		}
		return false
	}
	return true
}

// sourceAssignment reports whether the identifier at id is a left-hand
// side of an assignment whose right-hand side is a response-returning call
// (another request in a retry loop), and returns that statement.
func (c *checker) sourceAssignment(id inspector.Cursor) (ast.Node, bool) {
	assign, ok := id.Parent().Node().(*ast.AssignStmt)
	if !ok || len(assign.Rhs) != 1 || !isLHS(assign, id.Node()) {
		return nil, false
	}
	call, ok := ast.Unparen(assign.Rhs[0]).(*ast.CallExpr)
	return assign, ok && c.isSource(call)
}

func isLHS(assign *ast.AssignStmt, n ast.Node) bool {
	for _, l := range assign.Lhs {
		if l == n {
			return true
		}
	}
	return false
}

// effectOf classifies the use of a tracked variable at cur. whole is true
// for a *http.Response, false for a body-like reader or closer.
func (c *checker) effectOf(cur inspector.Cursor, whole bool) effect {
	if !whole {
		return c.bodyEffect(cur)
	}
	parent, child := parentExpr(cur)
	switch p := parent.Node().(type) {
	case *ast.SelectorExpr:
		sel := c.pass.TypesInfo.Selections[p]
		if sel == nil {
			return escapes
		}
		if sel.Obj() == c.bodyField {
			return c.bodyEffect(parent)
		}
		if fn, ok := sel.Obj().(*types.Func); ok {
			if k, ok := knownEffects[fn.FullName()]; ok && k.arg < 0 {
				return k.eff
			}
		}
		return 0 // StatusCode, Header, Cookies(): the body is untouched
	case *ast.BinaryExpr:
		return 0 // resp != nil
	case *ast.CallExpr:
		return c.argEffect(p, child, true)
	case *ast.AssignStmt:
		if assignedToBlank(p, child) {
			return 0 // _ = resp silences the compiler, nothing more
		}
	}
	return escapes
}

// assignedToBlank reports whether rhs, a right-hand side of assign, is
// assigned to the blank identifier.
func assignedToBlank(assign *ast.AssignStmt, rhs ast.Node) bool {
	if len(assign.Lhs) != len(assign.Rhs) {
		return false
	}
	for i, r := range assign.Rhs {
		if r == rhs {
			id, ok := assign.Lhs[i].(*ast.Ident)
			return ok && id.Name == "_"
		}
	}
	return false
}

// bodyEffect classifies the use of a body expression at cur: resp.Body,
// or a parameter of reader or closer type.
func (c *checker) bodyEffect(cur inspector.Cursor) effect {
	parent, child := parentExpr(cur)
	switch p := parent.Node().(type) {
	case *ast.SelectorExpr:
		return c.bodyMethodEffect(parent, p)
	case *ast.CallExpr:
		if c.wrapsBody(p, child) {
			// http.MaxBytesReader(w, resp.Body, n) is the body, capped:
			// what happens to the wrapper happens to the body.
			return c.bodyEffect(parent)
		}
		return c.argEffect(p, child, false)
	case *ast.BinaryExpr:
		return 0 // resp.Body != nil
	case *ast.AssignStmt:
		if assignedToBlank(p, child) {
			return 0
		}
		return c.bodyAssigned(p, child)
	}
	return escapes // aliased, replaced, returned, stored, sent
}

// wrapsBody reports whether call is http.MaxBytesReader with arg as the
// reader it wraps: closing the wrapper closes the body.
func (c *checker) wrapsBody(call *ast.CallExpr, arg ast.Node) bool {
	fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func)
	return ok && fn.FullName() == "net/http.MaxBytesReader" && argIndex(call, arg) == 1
}

// bodyAssigned classifies a body expression used in an assignment:
// resp.Body = http.MaxBytesReader(w, resp.Body, n) keeps the body where
// it was (on both sides); capped := http.MaxBytesReader(…) makes capped an
// alias whose uses are followed, while responseUses collects aliases.
func (c *checker) bodyAssigned(assign *ast.AssignStmt, n ast.Node) effect {
	if len(assign.Lhs) != 1 || len(assign.Rhs) != 1 {
		return escapes
	}
	lhs, rhs := assign.Lhs[0], ast.Unparen(assign.Rhs[0])
	if call, ok := rhs.(*ast.CallExpr); ok && len(call.Args) == 3 && c.wrapsBody(call, call.Args[1]) {
		if sameExpr(c.pass.TypesInfo, lhs, call.Args[1]) {
			return 0 // resp.Body = http.MaxBytesReader(w, resp.Body, n), either side
		}
		if n == rhs && c.aliasing {
			if id, ok := lhs.(*ast.Ident); ok {
				if v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var); ok && v.Parent() != v.Pkg().Scope() && !v.IsField() {
					c.aliases = append(c.aliases, v)
					return 0
				}
			}
		}
	}
	return escapes
}

// sameExpr reports whether a and b are the same selector chain of the same
// variables: resp.Body and resp.Body.
func sameExpr(info *types.Info, a, b ast.Expr) bool {
	switch a := ast.Unparen(a).(type) {
	case *ast.Ident:
		bi, ok := ast.Unparen(b).(*ast.Ident)
		return ok && info.ObjectOf(a) != nil && info.ObjectOf(a) == info.ObjectOf(bi)
	case *ast.SelectorExpr:
		bs, ok := ast.Unparen(b).(*ast.SelectorExpr)
		return ok && a.Sel.Name == bs.Sel.Name && sameExpr(info, a.X, bs.X)
	}
	return false
}

// bodyMethodEffect classifies body.Close / body.Read, called or taken as a
// method value (defer check(resp.Body.Close) closes too).
func (c *checker) bodyMethodEffect(selCur inspector.Cursor, sel *ast.SelectorExpr) effect {
	fn, ok := c.pass.TypesInfo.Uses[sel.Sel].(*types.Func)
	if !ok {
		return escapes
	}
	parent, _ := parentExpr(selCur)
	call, called := parent.Node().(*ast.CallExpr)
	called = called && ast.Unparen(call.Fun) == sel
	switch {
	case sameMethod(fn, closerIface):
		return closes
	case sameMethod(fn, readerIface) && called:
		return reads
	}
	return 0
}

// sameMethod reports whether fn has the name and signature of iface's
// single method.
func sameMethod(fn *types.Func, iface *types.Interface) bool {
	m := iface.Method(0)
	return fn.Name() == m.Name() && types.Identical(fn.Signature(), m.Signature())
}

// argEffect classifies passing the tracked value as argument arg of call.
func (c *checker) argEffect(call *ast.CallExpr, arg ast.Node, whole bool) effect {
	idx := argIndex(call, arg)
	tv := c.pass.TypesInfo.Types[call.Fun]
	if idx < 0 || tv.IsType() {
		return escapes // used as the function, or converted
	}
	sig, _ := tv.Type.Underlying().(*types.Signature)
	if sig == nil {
		return escapes // a builtin such as append
	}
	readOnly := !whole && c.readOnly(astutil.ParamType(sig, idx))
	if fn, ok := typeutil.Callee(c.pass.TypesInfo, call).(*types.Func); ok {
		if printers[fn.FullName()] {
			return 0 // fmt.Println(resp): formatted, not kept
		}
		if k, ok := knownEffects[fn.FullName()]; ok && k.arg == idx {
			return k.eff
		}
		if facts, ok := c.effectsOf(fn); ok {
			eff := facts.at(idx)
			if readOnly { // it may keep the reader, but cannot close it
				eff = eff&drains | reads
			}
			return eff
		}
	}
	if readOnly {
		return reads // json.NewDecoder, bufio.NewReader, io.LimitReader...
	}
	return escapes // unknown callee that may close or keep it: its job now
}

// readOnly reports whether a parameter of type t can read a body but not
// close it: an interface with Read and without Close.
func (c *checker) readOnly(t types.Type) bool {
	return types.IsInterface(t) && types.Implements(t, readerIface) && !types.Implements(t, closerIface)
}

func argIndex(call *ast.CallExpr, arg ast.Node) int {
	for i, a := range call.Args {
		if a == arg {
			return i
		}
	}
	return -1
}

// parentExpr returns the parent of the expression at cur, skipping
// parentheses, and the child of that parent that leads to cur.
func parentExpr(cur inspector.Cursor) (inspector.Cursor, ast.Node) {
	child := cur.Node()
	parent := cur.Parent()
	for {
		if _, ok := parent.Node().(*ast.ParenExpr); !ok {
			return parent, child
		}
		child = parent.Node()
		parent = parent.Parent()
	}
}
