package bodylimit_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/bodylimit"
	"github.com/connlint/connlint/analyzers/internal/atest"
)

func TestBodyLimit(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, bodylimit.Analyzer, "nethttp", "ginapp", "echoapp", "chiapp")
}

// TestRouteShapes checks handlers registered the ways services do it:
// routers in fields, parameters and return values, wrapper methods,
// route tables, go-kit decoders, pat, alice, registrars of other
// packages.
func TestRouteShapes(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, bodylimit.Analyzer, "routeshapes", "routesuser", "routetable", "routetablelimited")
}

// TestUnregistered checks the exported handlers whose registration is in
// another package, with the report on (default) and off.
func TestUnregistered(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, bodylimit.Analyzer, "exported")
	atest.SetFlag(t, bodylimit.Analyzer, "unregistered", "false")
	analysistest.Run(t, dir, bodylimit.Analyzer, "unregoff")
}

func TestCrossPackageFact(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, bodylimit.Analyzer, "crossuse")
}

// TestSuggestedFix checks the inserted MaxBytesReader line, with the size
// from -bodylimit.max.
func TestSuggestedFix(t *testing.T) {
	atest.SetFlag(t, bodylimit.Analyzer, "max", "512k")
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.RunWithSuggestedFixes(t, dir, bodylimit.Analyzer, "fix")
}

func TestMaxFlag(t *testing.T) {
	f := bodylimit.Analyzer.Flags.Lookup("max")
	if got := f.Value.String(); got != "1m" {
		t.Errorf("default -bodylimit.max = %s, want 1m (config.DefaultMaxBodySize)", got)
	}
	if err := f.Value.Set("lots"); err == nil {
		t.Error("-bodylimit.max=lots: no error")
	}
}

func TestDoc(t *testing.T) {
	if !strings.HasPrefix(bodylimit.Analyzer.Doc, "report HTTP handlers that read the request body without a size limit\n") {
		t.Errorf("Doc does not start with the summary line:\n%s", bodylimit.Analyzer.Doc)
	}
}

// TestUnusualCode: a dot import, an alias of a net/http type, a generic
// helper and method values as handlers are found like plain ones.
func TestUnusualCode(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, bodylimit.Analyzer, "unusual")
}
