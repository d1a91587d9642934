package decompresslimit_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/decompresslimit"
	"github.com/connlint/connlint/analyzers/internal/atest"
)

// TestDecompressLimit checks the fixtures of the default flags in one
// load, and the related positions of package helpers.
func TestDecompressLimit(t *testing.T) {
	results := atest.Run(t, decompresslimit.Analyzer, "server", "archives", "helpers", "klaus", "clientoff")
	t.Run("related", func(t *testing.T) { checkRelated(t, atest.Only(t, results, "helpers")) })
}

func TestDoc(t *testing.T) {
	if !strings.HasPrefix(decompresslimit.Analyzer.Doc, "report decompressed streams read whole without a size limit (zip bombs)\n") {
		t.Errorf("Doc does not start with the summary line:\n%s", decompresslimit.Analyzer.Doc)
	}
}

// TestClient runs the client-side check, off by default.
func TestClient(t *testing.T) {
	atest.SetFlag(t, decompresslimit.Analyzer, "client", "true")
	atest.Run(t, decompresslimit.Analyzer, "clientside", "clientnogzip")
}

// checkRelated checks the related positions: where the decompressed
// stream is created and, for a helper, where the helper reads it whole.
func checkRelated(t *testing.T, results []*analysistest.Result) {
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			line := fmt.Sprintf("%d:", r.Pass.Fset.Position(d.Pos).Line)
			for _, rel := range d.Related {
				line += fmt.Sprintf(" %d %s;", r.Pass.Fset.Position(rel.Pos).Line, rel.Message)
			}
			got = append(got, line)
		}
	}
	want := []string{
		"68: 24 the decompressed stream comes from here;",
		"76: 31 the decompressed stream comes from here;",
		"85: 81 the decompressed stream comes from here; 37 read to the end here;",
		"95: 90 the decompressed stream comes from here; 37 read to the end here;",
		"140: 136 the decompressed stream comes from here;",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("related positions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
