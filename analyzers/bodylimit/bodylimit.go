package bodylimit

import (
	"flag"
	"go/ast"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
	"github.com/connlint/connlint/analyzers/internal/lint"
	"github.com/connlint/connlint/analyzers/internal/routes"
	"github.com/connlint/connlint/internal/config"
	"github.com/connlint/connlint/internal/units"
)

// doc is Analyzer.Doc, taken from the package documentation in doc.go.
var doc = astutil.AnalyzerDoc(docSource, "bodylimit")

// Analyzer reports HTTP handlers that read the request body with no size
// limit on their path.
var Analyzer = lint.New(&analysis.Analyzer{
	Name:      "bodylimit",
	Doc:       doc,
	Requires:  []*analysis.Analyzer{lazyinspect.Analyzer, routes.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(limitsBody)},
})

// includeTests is the -tests flag: test code is left out by default
// (lint.IsTestCode says why).
var includeTests bool

func init() { lint.TestsFlag(Analyzer, &includeTests) }

// Flags of the analyzer (-bodylimit.max, -bodylimit.unregistered).
var (
	maxBody      = sizeFlag(config.DefaultMaxBodySize)
	unregistered = true
)

func init() {
	Analyzer.Flags.Var(&maxBody, "max",
		"body size limit written by the suggested fix, in nginx or IEC syntax (10m, 512k, 1MiB); [code].max_body_size")
	Analyzer.Flags.BoolVar(&unregistered, "unregistered", true,
		"also report exported handlers whose registration is not visible in their package")
}

// sizeFlag is a flag.Value holding a size parsed by internal/units.
type sizeFlag units.Size

var _ flag.Value = (*sizeFlag)(nil)

func (s *sizeFlag) String() string { return units.Size(*s).String() }

func (s *sizeFlag) Set(v string) error {
	z, err := units.ParseSize(v)
	if err != nil {
		return err
	}
	*s = sizeFlag(z)
	return nil
}

// limitsBody is the fact exported for a function that returns a handler or
// a middleware and limits the request body on the way: wrapping a handler
// in it (or installing it with Use) puts a limit on the handler's path.
type limitsBody struct{}

func (*limitsBody) AFact()         {}
func (*limitsBody) String() string { return "limitsBody" }

func run(pass *analysis.Pass) (any, error) {
	// A handler's signature names net/http, gin or echo, so a package that
	// imports none of them has no handler and no middleware.
	if lint.InStandardLibrary(pass) || !lint.Imports(pass.Pkg, httpmodel.NetHTTP, httpmodel.Gin, httpmodel.Echo) {
		return nil, nil
	}
	root := lazyinspect.Of(pass).Root()
	c := newCollector(pass, root)
	c.routes = pass.ResultOf[routes.Analyzer].(*routes.Routes)
	c.walk()
	c.resolveDeferred()
	r := newResolver(c)
	r.exportFacts()
	r.report()
	return nil, nil
}

// unparen strips parentheses only (not & or *, unlike astutil.Unparen).
func unparen(e ast.Expr) ast.Expr { return ast.Unparen(e) }
