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

// TestUnregistered checks the exported handlers whose registration is in
// another package, with the report on (default) and off.
func TestUnregistered(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, bodylimit.Analyzer, "exported")
	setFlag(t, "unregistered", "false")
	analysistest.Run(t, dir, bodylimit.Analyzer, "unregoff")
}

func TestCrossPackageFact(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, bodylimit.Analyzer, "crossuse")
}

// TestSuggestedFix checks the inserted MaxBytesReader line, with the size
// from -bodylimit.max.
func TestSuggestedFix(t *testing.T) {
	setFlag(t, "max", "512k")
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

// setFlag sets an analyzer flag for the duration of the test.
func setFlag(t *testing.T, name, value string) {
	t.Helper()
	f := bodylimit.Analyzer.Flags.Lookup(name)
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Value.Set(old) })
}
