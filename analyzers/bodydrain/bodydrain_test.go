package bodydrain_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/bodydrain"
	"github.com/connlint/connlint/analyzers/internal/atest"
)

// TestBodyDrain checks the fixtures of the default flags in one load, and
// the related positions of package related.
func TestBodyDrain(t *testing.T) {
	results := atest.Run(t, bodydrain.Analyzer, "helpers", "gateway", "apiclient", "shapes", "related", "probe")
	t.Run("related", func(t *testing.T) { checkRelated(t, atest.Only(t, results, "related")) })
}

func TestStrict(t *testing.T) {
	atest.SetFlag(t, bodydrain.Analyzer, "strict", "true")
	atest.Run(t, bodydrain.Analyzer, "strict")
}

func TestDrainOff(t *testing.T) {
	atest.SetFlag(t, bodydrain.Analyzer, "drain", "false")
	atest.Run(t, bodydrain.Analyzer, "draincheckoff")
}

// checkRelated checks the related position that shows the leaking path:
// the return that leaves the body open.
func checkRelated(t *testing.T, results []*analysistest.Result) {
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, rel := range d.Related {
				p := r.Pass.Fset.Position(rel.Pos)
				got = append(got, fmt.Sprintf("%d: %s", p.Line, rel.Message))
			}
		}
	}
	want := []string{
		"15: this return leaves the body open",
		"25: closed here before the body reached EOF",
		"37: the function ends here with the body still open",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("related positions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDoc(t *testing.T) {
	if !strings.HasPrefix(bodydrain.Analyzer.Doc, "report response bodies that are not drained and closed on every path\n") {
		t.Errorf("Doc does not start with the summary line:\n%s", bodydrain.Analyzer.Doc)
	}
}
