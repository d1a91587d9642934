package transportreuse_test

import (
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/analyzers/transportreuse"
)

// TestAnalyzer checks the fixtures in one load (unusual: a dot import and
// an alias of http.Transport), and the related positions of packages
// helpers and truse.
func TestAnalyzer(t *testing.T) {
	results := atest.Run(t, transportreuse.Analyzer,
		"nethttp", "frameworks", "loops", "helpers", "crossuse", "dials", "gateway", "trlib", "truse", "unusual")
	t.Run("related position", func(t *testing.T) { checkRelatedPosition(t, atest.Only(t, results, "helpers")) })
	t.Run("cross-package related", func(t *testing.T) { checkCrossPackageRelated(t, atest.Only(t, results, "truse")) })
}

func TestSuggestedFix(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.RunWithSuggestedFixes(t, dir, transportreuse.Analyzer, "fix")
}

// checkRelatedPosition checks that a helper call's diagnostic points at
// the literal inside the helper, and the diagnostic lines DESIGN.md fixes.
func checkRelatedPosition(t *testing.T, results []*analysistest.Result) {
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

// checkCrossPackageRelated checks that a call of another package's
// helper relates to the helper's declaration (the literal inside it has
// no position the importer can resolve; the message names it as
// file:line).
func checkCrossPackageRelated(t *testing.T, results []*analysistest.Result) {
	want := map[string]int{ // helper -> line of its declaration in trlib.go
		"trlib.NewHelper": 59,
		"trlib.Insecure":  22,
	}
	n := 0
	for _, r := range results {
		if r.Action.Package.PkgPath != "truse" {
			continue
		}
		fset := r.Action.Package.Fset
		for _, d := range r.Action.Diagnostics {
			n++
			if len(d.Related) != 1 {
				t.Errorf("%s: %d related positions, want 1", fset.Position(d.Pos), len(d.Related))
				continue
			}
			name, _, _ := strings.Cut(d.Message, " ")
			rel := fset.Position(d.Related[0].Pos)
			if filepath.Base(rel.Filename) != "trlib.go" || rel.Line != want[name] {
				t.Errorf("%s: %s related to %s, want trlib.go:%d", fset.Position(d.Pos), name, rel, want[name])
			}
		}
	}
	if n != 3 {
		t.Errorf("got %d diagnostics in truse, want 3", n)
	}
}
