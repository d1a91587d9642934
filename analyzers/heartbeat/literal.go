package heartbeat

import (
	"go/ast"
	"go/token"
	"go/types"

	"github.com/connlint/connlint/internal/records"
)

// timeUnits are the units of package time a literal duration may be
// written in: N * time.Second.
var timeUnits = map[string]bool{"Millisecond": true, "Second": true, "Minute": true, "Hour": true}

// literal returns the span of e when it is a literal a fix can rewrite: a
// whole number (seconds: paho's KeepAlive fields), or a whole number times
// a unit of package time (a time.Duration), written in place or as the
// value of a constant declared at this package's top level. Anything else
// (arithmetic on other constants, flags, fields) gives nil: a fix would
// guess what the author meant.
func (c *checker) literal(e ast.Expr, seconds bool) *records.Literal {
	e = ast.Unparen(e)
	if obj := c.constOf(e); obj != nil {
		e = c.constValue(obj)
		if e == nil {
			return nil
		}
	}
	lit := &records.Literal{Seconds: seconds}
	switch x := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		if !seconds || x.Kind != token.INT {
			return nil
		}
	case *ast.BinaryExpr:
		if seconds || x.Op != token.MUL {
			return nil
		}
		name := c.timeUnit(x.X, x.Y)
		if name == "" {
			name = c.timeUnit(x.Y, x.X)
		}
		if name == "" {
			return nil
		}
		lit.TimeName = name
	default:
		return nil
	}
	start, end := c.pass.Fset.Position(e.Pos()), c.pass.Fset.Position(e.End())
	lit.File, lit.Offset, lit.End = start.Filename, start.Offset, end.Offset
	return lit
}

// timeUnit returns the name package time is imported as when n is an
// integer literal and unit is time.Second (or another unit).
func (c *checker) timeUnit(n, unit ast.Expr) string {
	if b, ok := ast.Unparen(n).(*ast.BasicLit); !ok || b.Kind != token.INT {
		return ""
	}
	sel, ok := ast.Unparen(unit).(*ast.SelectorExpr)
	if !ok || !timeUnits[sel.Sel.Name] {
		return ""
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return ""
	}
	if pn, ok := c.info.Uses[id].(*types.PkgName); ok && pn.Imported().Path() == timePkg {
		return id.Name
	}
	return ""
}

// constOf returns the constant of this package e names, or nil.
func (c *checker) constOf(e ast.Expr) *types.Const {
	var id *ast.Ident
	switch x := e.(type) {
	case *ast.Ident:
		id = x
	case *ast.SelectorExpr:
		id = x.Sel
	default:
		return nil
	}
	k, ok := c.info.Uses[id].(*types.Const)
	if !ok || k.Pkg() != c.pass.Pkg || k.Parent() != c.pass.Pkg.Scope() {
		return nil
	}
	return k
}

// constValue finds the expression a top-level constant is declared with;
// nil for an iota-style spec without its own value.
func (c *checker) constValue(k *types.Const) ast.Expr {
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if c.info.Defs[name] == k && i < len(vs.Values) {
						return vs.Values[i]
					}
				}
			}
		}
	}
	return nil
}

// usesConst reports whether e refers to k, directly or through the values
// of this package's top-level constants, up to depth of them.
func (c *checker) usesConst(e ast.Expr, k *types.Const, depth int) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		id, ok := n.(*ast.Ident)
		if found || !ok {
			return !found
		}
		obj, ok := c.info.Uses[id].(*types.Const)
		switch {
		case !ok:
		case obj == k:
			found = true
		case depth > 0 && obj.Pkg() == c.pass.Pkg && obj.Parent() == c.pass.Pkg.Scope():
			if v := c.constValue(obj); v != nil {
				found = c.usesConst(v, k, depth-1)
			}
		}
		return !found
	})
	return found
}
