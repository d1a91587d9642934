package gocheck

import (
	"errors"
	"fmt"
	"go/ast"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// flagBad reports every function named Bad: a probe whose findings show
// which packages were analyzed, without the cost of loading net/http.
var flagBad = &analysis.Analyzer{
	Name: "flagbad",
	Doc:  "reports functions named Bad",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "Bad" {
					pass.Reportf(fd.Pos(), "Bad")
				}
			}
		}
		return nil, nil
	},
}

func findings(out *Output) []string {
	var got []string
	for _, f := range out.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column))
	}
	sort.Strings(got)
	return slices.Compact(got)
}

func runProbe(t *testing.T, root string, patterns []string) (*Output, []string) {
	t.Helper()
	out, err := Run(Options{Dir: root, Patterns: patterns, Tests: true}, []*analysis.Analyzer{flagBad})
	var le *LoadError
	if err != nil && !errors.As(err, &le) {
		t.Fatalf("Run: %v", err)
	}
	if le != nil {
		return out, le.Errors
	}
	return out, nil
}

// TestRunBrokenModule: a module that does not type-check is named with its
// first error, and everything else — the other module, and the packages of
// the broken module that do not depend on the broken package — is still
// analyzed.
func TestRunBrokenModule(t *testing.T) {
	t.Setenv("GOWORK", "")
	root := tree(t, map[string]string{
		"good/go.mod":       gomod("example.com/good"),
		"good/good.go":      "package good\n\nfunc Bad() {}\n",
		"broken/go.mod":     gomod("example.com/broken"),
		"broken/ok/ok.go":   "package ok\n\nfunc Bad() {}\n",
		"broken/bad/bad.go": "package bad\n\nfunc Bad() int { return \"x\" }\n\nfunc Other() string { return 1 }\n",
		"broken/use/use.go": "package use\n\nimport \"example.com/broken/bad\"\n\nfunc Bad() { bad.Bad() }\n",
	})
	out, problems := runProbe(t, root, nil)
	same(t, "findings", findings(out), []string{"broken/ok/ok.go:3:1", "good/good.go:3:1"})
	if len(problems) != 1 || !strings.HasPrefix(problems[0], `module example.com/broken (broken/go.mod): broken/bad/bad.go:3:`) || !strings.HasSuffix(problems[0], "(and 1 more error)") {
		t.Errorf("problems = %q", problems)
	}
}

func TestRunWorkspace(t *testing.T) {
	t.Setenv("GOWORK", "")
	root := tree(t, map[string]string{
		"go.work":  "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n",
		"a/go.mod": gomod("example.com/a"),
		"a/a.go":   "package a\n\nfunc Bad() {}\n",
		"b/go.mod": gomod("example.com/b"),
		// b resolves example.com/a only through the workspace.
		"b/b.go": "package b\n\nimport \"example.com/a\"\n\nfunc Bad() { a.Bad() }\n",
	})
	out, problems := runProbe(t, root, nil)
	same(t, "problems", problems, nil)
	same(t, "findings", findings(out), []string{"a/a.go:3:1", "b/b.go:5:1"})
	if out.Note != "" {
		t.Errorf("note = %q", out.Note)
	}
}

func TestRunPatterns(t *testing.T) {
	t.Setenv("GOWORK", "")
	root := tree(t, map[string]string{
		"go.mod":          gomod("example.com/m"),
		"cmd/x/x.go":      "package main\n\nfunc Bad() {}\n\nfunc main() {}\n",
		"internal/y/y.go": "package y\n\nfunc Bad() {}\n",
		"docs/README.md":  "no Go here\n",
	})
	out, problems := runProbe(t, root, []string{"./cmd/...", "./docs/..."})
	same(t, "findings", findings(out), []string{"cmd/x/x.go:3:1"})
	same(t, "problems", problems, []string{"pattern ./docs/... matches no Go package"})

	out, problems = runProbe(t, root, []string{})
	if len(out.Findings) != 0 || len(problems) != 0 || out.Note != "" {
		t.Errorf("no patterns: findings %v, problems %q, note %q", out.Findings, problems, out.Note)
	}
}

func TestRunNoGo(t *testing.T) {
	t.Setenv("GOWORK", "")
	root := tree(t, map[string]string{"nginx/nginx.conf": "events {}\n"})
	out, problems := runProbe(t, root, nil)
	if len(problems) != 0 || !strings.HasPrefix(out.Note, "no Go module (go.mod) in ") {
		t.Errorf("problems %q, note %q", problems, out.Note)
	}
	_, problems = runProbe(t, root, []string{"./..."})
	same(t, "explicit ./... without Go", problems, []string{"pattern ./... matches no Go package"})
}
