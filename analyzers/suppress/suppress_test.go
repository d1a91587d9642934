package suppress_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
	"github.com/connlint/connlint/analyzers/internal/lint"
	"github.com/connlint/connlint/analyzers/suppress"
)

// fakeRule stands in for a rule analyzer: it reports every call of a
// function named bad. It borrows the ID of a real Go rule, because
// lint.New accepts only catalogue IDs.
func fakeRule(id string) *analysis.Analyzer {
	return lint.New(&analysis.Analyzer{
		Name:     id,
		Doc:      "test rule",
		Requires: []*analysis.Analyzer{lazyinspect.Analyzer},
		Run: func(pass *analysis.Pass) (any, error) {
			ins := lazyinspect.Of(pass)
			ins.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
				call := n.(*ast.CallExpr)
				if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "bad" {
					pass.Reportf(call.Pos(), "bad call")
				}
			})
			return nil, nil
		},
	})
}

// TestSuppress runs the fake rule and the suppress analyzer together: the
// "want" comments check both that directives silence the rule and that
// faulty directives are reported.
func TestSuppress(t *testing.T) {
	rule := fakeRule("keepalive")
	a := suppress.New(rule)
	dir := analysistest.TestData()
	analysistest.Run(t, dir, rule, "b")
	analysistest.Run(t, dir, a, "a", "gen")
}
