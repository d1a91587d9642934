package transportreuse_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/analyzers/transportreuse"
)

func TestAnalyzer(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, transportreuse.Analyzer,
		"nethttp", "frameworks", "loops", "helpers", "crossuse", "dials", "gateway")
}

func TestSuggestedFix(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.RunWithSuggestedFixes(t, dir, transportreuse.Analyzer, "fix")
}

// TestRelatedPosition checks that a helper call's diagnostic points at the
// literal inside the helper, and the diagnostic lines DESIGN.md fixes.
func TestRelatedPosition(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	results := analysistest.Run(t, dir, transportreuse.Analyzer, "helpers")
	want := map[int]int{ // line of the helper call -> line of the Transport literal
		42: 13, // newClient() in forward
		46: 19, // upload(b) in forward: two levels deep, points at post's literal
		51: 19, // post(...) in ingestHandler
		57: 13, // newUploader() in handle: through newClient
	}
	got := 0
	for _, r := range results {
		fset := r.Action.Package.Fset
		for _, d := range r.Action.Diagnostics {
			line := fset.Position(d.Pos).Line
			lit, ok := want[line]
			if !ok {
				t.Errorf("unexpected diagnostic at line %d: %s", line, d.Message)
				continue
			}
			got++
			if len(d.Related) != 1 {
				t.Errorf("line %d: %d related positions, want 1", line, len(d.Related))
				continue
			}
			if rl := fset.Position(d.Related[0].Pos).Line; rl != lit {
				t.Errorf("line %d: related position on line %d, want %d", line, rl, lit)
			}
		}
	}
	if got != len(want) {
		t.Errorf("got %d helper diagnostics, want %d", got, len(want))
	}
}
