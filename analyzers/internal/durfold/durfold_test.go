package durfold_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/durfold"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
)

// probe reports the folded value of the argument of every call of use.
var probe = &analysis.Analyzer{
	Name:     "durfoldprobe",
	Doc:      "reports folded durations (test only)",
	Requires: []*analysis.Analyzer{lazyinspect.Analyzer, durfold.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		folder := pass.ResultOf[durfold.Analyzer].(*durfold.Folder)
		ins := lazyinspect.Of(pass)
		ins.Preorder([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node) {
			call := n.(*ast.CallExpr)
			if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "use" || len(call.Args) != 1 {
				return
			}
			if d, ok := folder.Duration(call.Args[0]); ok {
				pass.Reportf(call.Pos(), "%v", d)
			} else {
				pass.Reportf(call.Pos(), "unknown")
			}
		})
		return nil, nil
	},
}

func TestFold(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe, "a")
}
