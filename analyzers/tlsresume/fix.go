package tlsresume

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// sharedCacheName is the package-level variable the per-call fixes
// declare: one cache that every config built per connection points to.
const sharedCacheName = "tlsSessionCache"

// sharedCache is where the per-call fixes declare the shared cache: the
// first file of the package that imports crypto/tls, after its imports.
// Every fix of the package inserts the same text at the same place, so
// applying several of them declares the variable once.
type sharedCache struct {
	ok   bool
	at   token.Pos
	decl string
}

// tlsName returns the name under which the literal's file refers to
// crypto/tls, taken from the literal's own type (tls.Config).
func (c *collector) tlsName(lit *ast.CompositeLit) (string, bool) {
	sel, ok := lit.Type.(*ast.SelectorExpr)
	if !ok {
		return "", false
	}
	pkgIdent, ok := sel.X.(*ast.Ident)
	if !ok {
		return "", false
	}
	if pkg, ok := c.pass.TypesInfo.Uses[pkgIdent].(*types.PkgName); !ok || pkg.Imported().Path() != tlsPkg {
		return "", false
	}
	return pkgIdent.Name, true
}

// addCache returns the fix that adds a new ClientSessionCache to the
// literal, when the literal names its type through the file's crypto/tls
// import (tls.Config or a renamed import), which the fix reuses.
func (c *collector) addCache(lit *ast.CompositeLit) []analysis.SuggestedFix {
	name, ok := c.tlsName(lit)
	if !ok {
		return nil
	}
	edit := c.addField(lit, "ClientSessionCache: "+name+".NewLRUClientSessionCache(0)")
	return []analysis.SuggestedFix{{Message: "add a ClientSessionCache", TextEdits: []analysis.TextEdit{edit}}}
}

// addField returns the edit that adds field (as "Name: value") to lit.
func (c *collector) addField(lit *ast.CompositeLit, field string) analysis.TextEdit {
	switch {
	case len(lit.Elts) == 0:
		return analysis.TextEdit{Pos: lit.Lbrace + 1, End: lit.Lbrace + 1, NewText: []byte(field)}
	case c.line(lit.Rbrace) > c.line(lit.Elts[len(lit.Elts)-1].End()):
		// One field per line: a new last line, indented like the others.
		last := lit.Elts[len(lit.Elts)-1]
		indent := strings.Repeat("\t", c.pass.Fset.Position(last.Pos()).Column-1)
		start := c.pass.Fset.File(lit.Rbrace).LineStart(c.line(lit.Rbrace))
		return analysis.TextEdit{Pos: start, End: start, NewText: []byte(indent + field + ",\n")}
	default:
		end := lit.Elts[len(lit.Elts)-1].End()
		return analysis.TextEdit{Pos: end, End: end, NewText: []byte(", " + field)}
	}
}

// shareCache returns the fix for a config built per connection: point it
// at one package-level cache, declared by the fix. cache is the call that
// creates a cache per call, replaced by the shared variable; nil when the
// literal has no cache yet. No fix is offered when the name is taken or
// the cache is created anywhere but directly in the literal or assignment.
func (c *collector) shareCache(lit *ast.CompositeLit, cache ast.Expr) []analysis.SuggestedFix {
	if _, ok := c.tlsName(lit); !ok {
		return nil
	}
	shared := c.sharedCacheDecl()
	if !shared.ok || c.nameTaken(lit.Pos()) {
		return nil
	}
	var use analysis.TextEdit
	switch {
	case cache == nil:
		use = c.addField(lit, "ClientSessionCache: "+sharedCacheName)
	case c.createsCacheDirectly(cache):
		use = analysis.TextEdit{Pos: cache.Pos(), End: cache.End(), NewText: []byte(sharedCacheName)}
	default:
		return nil
	}
	decl := analysis.TextEdit{Pos: shared.at, End: shared.at, NewText: []byte(shared.decl)}
	return []analysis.SuggestedFix{{
		Message:   "share one package-level ClientSessionCache",
		TextEdits: []analysis.TextEdit{use, decl},
	}}
}

func (c *collector) createsCacheDirectly(e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	return ok && astutil.IsFunc(c.pass.TypesInfo, call, tlsPkg, "NewLRUClientSessionCache")
}

// nameTaken reports whether sharedCacheName already means something at
// pos or at package level.
func (c *collector) nameTaken(pos token.Pos) bool {
	if c.pass.Pkg.Scope().Lookup(sharedCacheName) != nil {
		return true
	}
	inner := c.pass.Pkg.Scope().Innermost(pos)
	if inner == nil {
		return false
	}
	_, obj := inner.LookupParent(sharedCacheName, pos)
	return obj != nil
}

// sharedCacheDecl finds, once, where the shared cache is declared.
func (c *collector) sharedCacheDecl() sharedCache {
	if c.sharedCache != nil {
		return *c.sharedCache
	}
	c.sharedCache = &sharedCache{}
	for _, f := range c.pass.Files {
		if f.Name == nil || strings.HasSuffix(c.pass.Fset.File(f.Pos()).Name(), "_test.go") {
			continue
		}
		var last *ast.GenDecl
		name := ""
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.IMPORT {
				break
			}
			last = gd
			for _, spec := range gd.Specs {
				imp := spec.(*ast.ImportSpec)
				if path, _ := strconv.Unquote(imp.Path.Value); path == tlsPkg {
					name = "tls"
					if imp.Name != nil {
						name = imp.Name.Name
					}
				}
			}
		}
		if last == nil || name == "" || name == "_" || name == "." {
			continue
		}
		c.sharedCache = &sharedCache{
			ok: true,
			at: last.End(),
			decl: "\n\n// " + sharedCacheName + " is shared by the TLS configs built for each connection, so that\n" +
				"// they resume earlier sessions instead of making full handshakes.\n" +
				"var " + sharedCacheName + " = " + name + ".NewLRUClientSessionCache(0)",
		}
		break
	}
	return *c.sharedCache
}

// assignedValue returns X in `cfg.ClientSessionCache = X`, where sel is
// the cursor of the selector on the left.
func assignedValue(sel inspector.Cursor) ast.Expr {
	assign, ok := sel.Parent().Node().(*ast.AssignStmt)
	if !ok || sel.ParentEdgeKind() != edge.AssignStmt_Lhs || len(assign.Lhs) != len(assign.Rhs) {
		return nil
	}
	return assign.Rhs[sel.ParentEdgeIndex()]
}

func (c *collector) line(p token.Pos) int { return c.pass.Fset.Position(p).Line }
