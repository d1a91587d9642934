package routes_test

import (
	"fmt"
	"go/types"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/analyzers/internal/routes"
)

// show reports every registration the pass finds, so that the fixtures
// can state them with // want.
var show = &analysis.Analyzer{
	Name:     "showroutes",
	Doc:      "report the registrations found by the routes pass",
	Requires: []*analysis.Analyzer{routes.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		rs := pass.ResultOf[routes.Analyzer].(*routes.Routes)
		for _, reg := range rs.Registrations {
			what := "handler"
			if reg.Decoder {
				what = "decoder"
			}
			msg := fmt.Sprintf("%s %s", what, types.ExprString(reg.Handler))
			if reg.Pattern != "" {
				msg += fmt.Sprintf(" at %q", reg.Pattern)
			}
			if reg.Router != nil {
				msg += " on " + types.ExprString(reg.Router)
			}
			if reg.Via != nil {
				msg += " via " + reg.Via.Name()
			}
			if n := len(reg.Middleware); n > 0 {
				msg += fmt.Sprintf(" with %d middleware", n)
			}
			pass.Reportf(reg.Handler.Pos(), "%s", msg)
		}
		for obj, uses := range rs.Use {
			pass.Reportf(uses[0].Pos(), "middleware on %s", obj.Name())
		}
		return nil, nil
	},
}

func TestRoutes(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, show, "shapes", "reguser")
}

// TestRegistrarFact checks the facts of functions that register their
// parameters.
func TestRegistrarFact(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, routes.Analyzer, "reglib")
}
