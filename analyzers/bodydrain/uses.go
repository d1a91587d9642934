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

// responseUses collects the uses of src's response variable. ok is false
// when the response escapes: returned, stored, sent, passed to a function
// that may keep it, captured by a goroutine, or its Body replaced.
func (c *checker) responseUses(src source) (uses responseUses, ok bool) {
	uses.overwrites = map[ast.Node]bool{src.stmt: true}
	for id := range src.fn.Preorder((*ast.Ident)(nil)) {
		if c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)] != src.resp {
			continue
		}
		if stmt, isSource := c.sourceAssignment(id); isSource {
			uses.overwrites[stmt] = true
			continue
		}
		eff, deferred, inGoroutine := c.effectOf(id, true), false, false
		for anc := range id.Enclosing((*ast.DeferStmt)(nil), (*ast.GoStmt)(nil), (*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
			if anc == src.fn {
				break
			}
			switch anc.Node().(type) {
			case *ast.DeferStmt:
				deferred = true
			case *ast.GoStmt:
				inGoroutine = true
			}
		}
		if eff&escapes != 0 || inGoroutine {
			return uses, false
		}
		uses.read = uses.read || eff&(reads|drains) != 0
		uses.drained = uses.drained || eff&drains != 0
		if eff&closes == 0 {
			continue
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
	}
	return uses, true
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
	}
	return escapes
}

// bodyEffect classifies the use of a body expression at cur: resp.Body,
// or a parameter of reader or closer type.
func (c *checker) bodyEffect(cur inspector.Cursor) effect {
	parent, child := parentExpr(cur)
	switch p := parent.Node().(type) {
	case *ast.SelectorExpr:
		return c.bodyMethodEffect(parent, p)
	case *ast.CallExpr:
		return c.argEffect(p, child, false)
	case *ast.BinaryExpr:
		return 0 // resp.Body != nil
	}
	return escapes // aliased, replaced, returned, stored, sent
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
