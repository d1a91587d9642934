package httpmodel_test

import (
	"go/ast"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
)

// probe reports what httpmodel says about every function and call of the
// package under test, so that the testdata's want comments pin the model.
var probe = &analysis.Analyzer{
	Name:     "httpmodelprobe",
	Doc:      "reports httpmodel's classification of functions and calls (test only)",
	Requires: []*analysis.Analyzer{lazyinspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		in := lazyinspect.Of(pass)
		nodes := []ast.Node{(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.CallExpr)(nil)}
		in.Preorder(nodes, func(n ast.Node) {
			switch n := n.(type) {
			case *ast.FuncDecl, *ast.FuncLit:
				kind := httpmodel.HandlerKind(httpmodel.FuncSignature(pass.TypesInfo, n))
				if httpmodel.IsHandlerFunc(pass.TypesInfo, n) {
					pass.Reportf(n.Pos(), "%s handler", kind)
				}
			case *ast.CallExpr:
				info := pass.TypesInfo
				switch {
				case astutil.IsFunc(info, n, httpmodel.TLS, "Dial"):
					pass.Reportf(n.Pos(), "tls.Dial call")
				case astutil.IsMethod(info, n, httpmodel.NetHTTP, "Transport", "Clone"):
					pass.Reportf(n.Pos(), "Transport.Clone call")
				case astutil.IsMethod(info, n, httpmodel.Net, "Conn", "Close"):
					pass.Reportf(n.Pos(), "net.Conn.Close call")
				}
			}
		})
		return nil, nil
	},
}

func TestModel(t *testing.T) {
	analysistest.Run(t, atest.Dir(t, analysistest.TestData()), probe, "handlers")
}

func TestFrameworkString(t *testing.T) {
	for kind, want := range map[httpmodel.Framework]string{
		httpmodel.NotHandler:     "none",
		httpmodel.NetHTTPHandler: "net/http",
		httpmodel.GinHandler:     "gin",
		httpmodel.EchoHandler:    "echo",
	} {
		if got := kind.String(); got != want {
			t.Errorf("Framework(%d).String() = %q, want %q", kind, got, want)
		}
	}
}

func TestPathIs(t *testing.T) {
	for _, c := range []struct {
		got, want string
		ok        bool
	}{
		{"net/http", "net/http", true},
		{"example.com/app/vendor/github.com/gin-gonic/gin", httpmodel.Gin, true},
		{"example.com/notgin", httpmodel.Gin, false},
		{"github.com/labstack/echo", httpmodel.Echo, false}, // v3 and older are a different API
	} {
		if astutil.PathIs(c.got, c.want) != c.ok {
			t.Errorf("PathIs(%q, %q) = %v, want %v", c.got, c.want, !c.ok, c.ok)
		}
	}
}
