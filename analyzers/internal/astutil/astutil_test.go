package astutil_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

const src = `package p

import (
	"net/http"
	"strings"
)

const yes, name = true, "Connection"

type local struct{ Close bool }

func f(urls []string, r *http.Request, l local) {
	r.Close = yes
	l.Close = true
	_ = strings.ToUpper(name)
	for i := once(); i < len(urls); i++ {
		loopBody()
	}
	for range each() {
		func() { notInLoop() }()
	}
}

func once() int           { return 0 }
func each() []int         { return nil }
func loopBody()           {}
func notInLoop()          {}
`

func load(t *testing.T) (*ast.File, *types.Info) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Uses:       map[*ast.Ident]types.Object{},
		Defs:       map[*ast.Ident]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
	}
	// Export data from the build cache: type-checking net/http from
	// source would cost seconds per call.
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", nil)}
	if _, err := conf.Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	return f, info
}

func TestTypeQuestions(t *testing.T) {
	f, info := load(t)
	var sawField, sawLookalike, sawFunc, sawBool, sawString bool
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			sel, ok := n.Lhs[0].(*ast.SelectorExpr)
			if !ok {
				return true
			}
			isField := astutil.IsField(info, sel, "net/http", "Request", "Close")
			switch sel.X.(*ast.Ident).Name {
			case "r":
				sawField = isField
				v, ok := astutil.BoolConst(info, n.Rhs[0])
				sawBool = ok && v
			case "l":
				sawLookalike = isField
			}
		case *ast.CallExpr:
			if astutil.IsFunc(info, n, "strings", "ToUpper") {
				sawFunc = true
				s, ok := astutil.StringConst(info, n.Args[0])
				sawString = ok && s == "Connection"
			}
			if astutil.IsMethod(info, n, "strings", "Builder", "ToUpper") {
				t.Error("IsMethod matched a package-level function")
			}
		}
		return true
	})
	if !sawField || sawLookalike {
		t.Errorf("IsField: net/http field %v (want true), lookalike %v (want false)", sawField, sawLookalike)
	}
	if !sawFunc || !sawString || !sawBool {
		t.Errorf("IsFunc %v, StringConst %v, BoolConst %v; want all true", sawFunc, sawString, sawBool)
	}
}

func TestEnclosingLoop(t *testing.T) {
	f, info := load(t)
	want := map[string]bool{"once": false, "each": false, "loopBody": true, "notInLoop": false}
	root := inspector.New([]*ast.File{f}).Root()
	for cur := range root.Preorder((*ast.CallExpr)(nil)) {
		id, ok := cur.Node().(*ast.CallExpr).Fun.(*ast.Ident)
		if !ok {
			continue
		}
		if _, isFunc := info.Uses[id].(*types.Func); !isFunc {
			continue
		}
		expect, known := want[id.Name]
		if !known {
			continue
		}
		delete(want, id.Name)
		if _, got := astutil.EnclosingLoop(cur); got != expect {
			t.Errorf("EnclosingLoop(%s()) = %v, want %v", id.Name, got, expect)
		}
	}
	if len(want) != 0 {
		t.Errorf("calls not visited: %v", want)
	}
}

func TestAnalyzerDoc(t *testing.T) {
	const doc = "// Package x does things.\n//\n// # Analyzer x\n//\n// x: find things\n//\n// More text.\npackage x\n"
	if got, want := astutil.AnalyzerDoc(doc, "x"), "find things\n\nMore text."; got != want {
		t.Errorf("AnalyzerDoc = %q, want %q", got, want)
	}
}

// TestPackageComment: the package comment read line by line is the one
// go/parser gives, on every doc.go of the analyzers and on look-alikes:
// directives, comments detached from the clause, blank runs, /* */ code.
func TestPackageComment(t *testing.T) {
	docs, err := filepath.Glob("../../*/doc.go")
	if err != nil || len(docs) < 10 {
		t.Fatalf("doc.go files: %v %v", docs, err)
	}
	srcs := map[string]string{
		"directives": "//go:build linux\n\n// Package x.\n//go:generate stringer\n//\n//\n// Text.  \n//line x.go:1\npackage x\n",
		"detached":   "// Copyright notice.\n\n// Package x does.\npackage x\n",
		"none":       "// Copyright notice.\n\npackage x\n",
		"code after": "// Package x.\npackage x // trailing\n\n// Not this.\nvar v = 1\n",
		"indented":   "// Package x:\n//\n//\tcode()\n//\t\tdeeper()\npackage x\n",
	}
	for _, name := range docs {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		srcs[name] = string(data)
	}
	for name, src := range srcs {
		f, err := parser.ParseFile(token.NewFileSet(), "doc.go", src, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := ""
		if f.Doc != nil {
			want = f.Doc.Text()
		}
		if got := astutil.PackageComment(src); got != want {
			t.Errorf("%s: PackageComment =\n%q\nwant\n%q", name, got, want)
		}
	}
}
