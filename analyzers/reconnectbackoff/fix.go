package reconnectbackoff

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"
	"go/version"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// maxShift bounds the doubling in the suggested fix: the wait grows to at
// most 64 times its base (5 s → 5 min 20 s).
const maxShift = 6

// fixFixedWait suggests, for a fixed wait in a counted loop
//
//	for attempt := 0; attempt < n; attempt++ { … time.Sleep(2 * time.Second) … }
//
// the capped, jittered exponential wait
//
//	time.Sleep((2*time.Second)<<min(attempt, 6) + rand.N(2*time.Second))
//
// adding the math/rand/v2 import when the file has no rand package. It
// offers nothing where the loop has no counter, a name would resolve to
// something else, or the file's Go version predates min and math/rand/v2
// (go1.22).
func (c *checker) fixFixedWait(s *scope, wait ast.Expr) []analysis.SuggestedFix {
	loop, ok := s.loop.(*ast.ForStmt)
	if !ok || !astutil.IsNamed(c.pass.TypesInfo.TypeOf(wait), timePkg, "Duration") {
		return nil
	}
	counter := c.counterOf(loop)
	file := c.fileOf(wait.Pos())
	if counter == nil || file == nil || !c.atLeast(file, "go1.22") {
		return nil
	}
	if !c.resolvesTo(wait.Pos(), counter.Name(), counter) || !c.resolvesTo(wait.Pos(), "min", types.Universe.Lookup("min")) {
		return nil
	}
	base, err := c.source(wait)
	if err != nil {
		return nil
	}
	jitter, importEdit, ok := c.jitterExpr(file, wait.Pos(), base)
	if !ok {
		return nil
	}
	if !isOperand(wait) {
		base = "(" + base + ")"
	}
	edits := []analysis.TextEdit{{
		Pos:     wait.Pos(),
		End:     wait.End(),
		NewText: fmt.Appendf(nil, "%s<<min(%s, %d) + %s", base, counter.Name(), maxShift, jitter),
	}}
	if importEdit != nil {
		edits = append(edits, *importEdit)
	}
	return []analysis.SuggestedFix{{
		Message:   "double the wait per attempt up to 64 times, plus random jitter",
		TextEdits: edits,
	}}
}

// counterOf returns the integer variable a for loop declares in its init
// statement and increments in its post statement.
func (c *checker) counterOf(loop *ast.ForStmt) *types.Var {
	init, ok := loop.Init.(*ast.AssignStmt)
	if !ok || init.Tok != token.DEFINE || len(init.Lhs) != 1 {
		return nil
	}
	post, ok := loop.Post.(*ast.IncDecStmt)
	if !ok || post.Tok != token.INC {
		return nil
	}
	v := c.varOf(init.Lhs[0])
	if v == nil || c.varOf(post.X) != v {
		return nil
	}
	if b, ok := v.Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsInteger == 0 {
		return nil
	}
	return v
}

func (c *checker) fileOf(pos token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= pos && pos < f.FileEnd {
			return f
		}
	}
	return nil
}

// atLeast reports whether file may use the features of Go version v; an
// unknown version is taken as recent.
func (c *checker) atLeast(file *ast.File, v string) bool {
	fv := c.pass.TypesInfo.FileVersions[file]
	if fv == "" {
		fv = c.pass.Pkg.GoVersion()
	}
	return fv == "" || version.Compare(fv, v) >= 0
}

// resolvesTo reports whether name, written at pos, denotes obj.
func (c *checker) resolvesTo(pos token.Pos, name string, obj types.Object) bool {
	inner := c.pass.Pkg.Scope().Innermost(pos)
	if inner == nil {
		return false
	}
	_, found := inner.LookupParent(name, pos)
	return found == obj
}

func (c *checker) source(e ast.Expr) (string, error) {
	var buf bytes.Buffer
	err := format.Node(&buf, c.pass.Fset, e)
	return buf.String(), err
}

// jitterExpr returns up to one base of random jitter, written with the
// rand package the file already imports, or with math/rand/v2 and the
// edit that imports it.
func (c *checker) jitterExpr(file *ast.File, pos token.Pos, base string) (string, *analysis.TextEdit, bool) {
	for _, imp := range file.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if path != randV2Pkg && path != mathRandPkg {
			continue
		}
		name := "rand"
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "_" || name == "." {
			return "", nil, false
		}
		if path == randV2Pkg {
			return fmt.Sprintf("%s.N(%s)", name, base), nil, true
		}
		return fmt.Sprintf("time.Duration(%s.Int63n(int64(%s)))", name, base), nil, true
	}
	edit := importEdit(file)
	if edit == nil || !c.resolvesTo(pos, "rand", nil) {
		return "", nil, false
	}
	return fmt.Sprintf("rand.N(%s)", base), edit, true
}

// importEdit adds "math/rand/v2" to the file's first import declaration,
// or as a declaration of its own before it when that one is not
// parenthesized. A file without imports gets none: it cannot call
// time.Sleep.
func importEdit(file *ast.File) *analysis.TextEdit {
	for _, decl := range file.Decls {
		gen, ok := decl.(*ast.GenDecl)
		if !ok || gen.Tok != token.IMPORT {
			continue
		}
		if gen.Lparen.IsValid() && len(gen.Specs) > 0 {
			return &analysis.TextEdit{Pos: gen.Specs[0].Pos(), End: gen.Specs[0].Pos(), NewText: []byte(strconv.Quote(randV2Pkg) + "\n\t")}
		}
		return &analysis.TextEdit{Pos: gen.Pos(), End: gen.Pos(), NewText: []byte("import " + strconv.Quote(randV2Pkg) + "\n")}
	}
	return nil
}

// isOperand reports whether e can be shifted without parentheses.
func isOperand(e ast.Expr) bool {
	switch e.(type) {
	case *ast.Ident, *ast.SelectorExpr, *ast.CallExpr, *ast.BasicLit, *ast.ParenExpr:
		return true
	}
	return false
}
