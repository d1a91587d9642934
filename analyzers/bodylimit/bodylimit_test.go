package bodylimit_test

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/bodylimit"
	"github.com/connlint/connlint/analyzers/internal/atest"
)

// TestBodyLimit checks the fixtures of the default flags, in one load:
//   - nethttp, ginapp, echoapp, chiapp: net/http and the frameworks;
//   - routeshapes, routesuser, routetable, routetablelimited: handlers
//     registered the ways services do it (routers in fields, parameters
//     and return values, wrapper methods, route tables, go-kit decoders,
//     pat, alice, registrars of other packages);
//   - exported: exported handlers whose registration is in another package;
//   - crossuse: limits and reads learnt across packages (facts);
//   - unusual: a dot import, an alias of a net/http type, a generic helper
//     and method values as handlers, found like plain ones.
func TestBodyLimit(t *testing.T) {
	atest.Run(t, bodylimit.Analyzer,
		"nethttp", "ginapp", "echoapp", "chiapp",
		"routeshapes", "routesuser", "routetable", "routetablelimited",
		"exported", "crossuse", "unusual")
}

// TestUnregisteredOff checks that -unregistered=false leaves exported
// handlers of unknown registration alone.
func TestUnregisteredOff(t *testing.T) {
	atest.SetFlag(t, bodylimit.Analyzer, "unregistered", "false")
	atest.Run(t, bodylimit.Analyzer, "unregoff")
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
