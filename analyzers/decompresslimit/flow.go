package decompresslimit

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// An origin is where a reader's data may come from: a decompressor (the
// stream to bound), or the value a parameter had on entry (for the
// summaries of the package's helpers).
type origin struct {
	pos   token.Pos  // the decompressing call or expression
	what  string     // gzip.NewReader, (*zip.File).Open, a *gzip.Reader
	via   string     // the helper that returned it, if any
	param *types.Var // non-nil: the entry value of this parameter

	// An archive entry is bounded by the size its header declares
	// (archive/zip fails a read past UncompressedSize64; a tar.Reader
	// stops at Header.Size), so a comparison of that size in the code
	// that opens or reads the entry is a limit. sizeCheck names the
	// header field that counts; sizeAt is the Open or tar.NewReader call.
	sizeCheck sizeField
	sizeAt    token.Pos
}

// An assignment is one definition of a local variable.
type assignment struct {
	pos   token.Pos
	rhs   ast.Expr // nil: declared without a value
	index int      // result index when rhs is a call returning several values
	// scope is the node directly around the statement (a block, a case
	// clause, an if/for/switch whose init it is): the assignment reaches
	// every later use inside it.
	scope ast.Node
}

// maxDepth bounds the recursion of eval through variables and helpers.
const maxDepth = 24

// indexAssignments records every definition of every local variable.
func (c *checker) indexAssignments() {
	for cur := range c.root.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
		switch n := cur.Node().(type) {
		case *ast.AssignStmt:
			if n.Tok != token.ASSIGN && n.Tok != token.DEFINE {
				continue // op-assignments do not produce readers
			}
			c.recordAssign(n.Lhs, n.Rhs, n.Pos(), cur.Parent().Node())
		case *ast.ValueSpec:
			stmt := cur.Parent().Parent() // GenDecl, then DeclStmt or File
			if _, local := stmt.Node().(*ast.DeclStmt); !local {
				continue
			}
			lhs := make([]ast.Expr, len(n.Names))
			for i, name := range n.Names {
				lhs[i] = name
			}
			c.recordAssign(lhs, n.Values, n.Pos(), stmt.Parent().Node())
		}
	}
}

func (c *checker) recordAssign(lhs, rhs []ast.Expr, pos token.Pos, scope ast.Node) {
	for i, l := range lhs {
		id, ok := ast.Unparen(l).(*ast.Ident)
		if !ok {
			continue
		}
		v, ok := c.pass.TypesInfo.ObjectOf(id).(*types.Var)
		if !ok || !c.isLocal(v) {
			continue
		}
		a := assignment{pos: pos, scope: scope, index: -1}
		switch {
		case len(rhs) == len(lhs):
			a.rhs = rhs[i]
		case len(rhs) == 1:
			a.rhs, a.index = rhs[0], i
		}
		c.assigns[v] = append(c.assigns[v], a)
	}
}

// isLocal reports whether v is a local variable or parameter of one of
// the package's functions.
func (c *checker) isLocal(v *types.Var) bool {
	return !v.IsField() && v.Pkg() == c.pass.Pkg && v.Parent() != nil && v.Parent() != c.pass.Pkg.Scope()
}

// eval returns the origins of the reader expression e evaluated at pos.
func (c *checker) eval(e ast.Expr, at token.Pos, depth int) []origin {
	if depth > maxDepth {
		return nil
	}
	e = astutil.Unparen(e)
	switch x := e.(type) {
	case *ast.Ident:
		if v, ok := c.pass.TypesInfo.Uses[x].(*types.Var); ok && c.isLocal(v) {
			return c.evalVar(v, at, depth+1)
		}
	case *ast.CallExpr:
		return c.evalCall(x, 0, at, depth+1)
	case *ast.TypeAssertExpr:
		if o, ok := c.typed(e); ok {
			return []origin{o}
		}
		return c.eval(x.X, at, depth+1)
	}
	if o, ok := c.typed(e); ok {
		return []origin{o}
	}
	return nil
}

// typed returns an origin for e when its type is a decompressing reader.
func (c *checker) typed(e ast.Expr) (origin, bool) {
	t := c.pass.TypesInfo.TypeOf(e)
	if t == nil || !isDecompressorType(t) {
		return origin{}, false
	}
	return origin{pos: e.Pos(), what: "a " + typeName(t)}, true
}

// evalVar returns the origins of the value v holds at pos: the
// definitions before pos, from the last one backwards up to the first
// that reaches pos on every path (one written in a block around pos).
// A parameter with no such definition holds its entry value.
func (c *checker) evalVar(v *types.Var, at token.Pos, depth int) []origin {
	var out []origin
	defs := c.assigns[v]
	for i := len(defs) - 1; i >= 0; i-- {
		a := defs[i]
		if a.pos >= at {
			continue
		}
		out = append(out, c.evalAssign(v, a, depth)...)
		if a.scope != nil && a.scope.Pos() <= at && at < a.scope.End() {
			return out
		}
	}
	if c.params[v] {
		return append(out, origin{pos: v.Pos(), param: v})
	}
	return out
}

// evalAssign returns the origins of the value assignment a gives v.
func (c *checker) evalAssign(v *types.Var, a assignment, depth int) []origin {
	switch {
	case a.rhs == nil: // var zr gzip.Reader: a reader to Reset
		if isDecompressorType(v.Type()) {
			return []origin{{pos: v.Pos(), what: "a " + typeName(v.Type())}}
		}
		return nil
	case a.index >= 0:
		if call, ok := ast.Unparen(a.rhs).(*ast.CallExpr); ok {
			return c.evalCall(call, a.index, a.pos, depth)
		}
		return nil // v, ok := m[k] and the like: not a reader
	default:
		return c.eval(a.rhs, a.pos, depth)
	}
}

// evalCall returns the origins of result index of call.
func (c *checker) evalCall(call *ast.CallExpr, index int, at token.Pos, depth int) []origin {
	info := c.pass.TypesInfo
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return c.eval(call.Args[0], at, depth) // io.Reader(zr)
	}
	fn := astutil.Callee(info, call)
	if r, known := roleOf(fn); known {
		return c.evalKnown(call, fn, r, index, at, depth)
	}
	if fn != nil && fn.Pkg() == c.pass.Pkg {
		if s := c.summary(fn); s != nil {
			return c.instantiate(s, fn, call, index, at, depth)
		}
	}
	if t, ok := info.Types[call]; ok {
		if tuple, isTuple := t.Type.(*types.Tuple); isTuple && index < tuple.Len() {
			if isDecompressorType(tuple.At(index).Type()) {
				return []origin{{pos: call.Pos(), what: types.ExprString(call.Fun)}}
			}
			return nil
		}
	}
	if o, ok := c.typed(call); ok && index == 0 {
		return []origin{o}
	}
	return nil
}

// evalKnown returns the origins of result index of a call of a function
// whose role the analyzer knows.
func (c *checker) evalKnown(call *ast.CallExpr, fn *types.Func, r callRole, index int, at token.Pos, depth int) []origin {
	if index != 0 {
		return nil // the error result
	}
	switch r.kind {
	case roleSource:
		if c.trustedInput(call, r) {
			return nil
		}
		o := origin{pos: call.Pos(), what: describe(fn)}
		if isZipOpen(fn) {
			o.sizeCheck, o.sizeAt = zipSize, call.Pos()
		}
		return []origin{o}
	case rolePass:
		arg := operand(call, r.arg)
		if arg == nil {
			return nil
		}
		out := c.eval(arg, at, depth)
		if unvendor(fn.Pkg().Path()) == "archive/tar" {
			for i := range out {
				if out[i].sizeCheck == noSize {
					out[i].sizeCheck, out[i].sizeAt = tarSize, call.Pos()
				}
			}
		}
		return out
	case rolePassAll:
		var out []origin
		for _, arg := range call.Args {
			out = append(out, c.eval(arg, at, depth)...)
		}
		return out
	}
	return nil // limits; sinks return no reader
}

// operand returns the argument arg of call, or its receiver.
func operand(call *ast.CallExpr, arg int) ast.Expr {
	if arg == argReceiver {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return sel.X
		}
		return nil
	}
	if arg < len(call.Args) {
		return call.Args[arg]
	}
	return nil
}

// enclosingFuncDecl returns the function declaration around pos.
func (c *checker) enclosingFuncDecl(pos token.Pos) (inspector.Cursor, bool) {
	cur, ok := c.root.FindByPos(pos, pos)
	if !ok {
		return inspector.Cursor{}, false
	}
	return astutil.EnclosingFuncDecl(cur)
}

// typeName renders t with package names: *gzip.Reader.
func typeName(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}
