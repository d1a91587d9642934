package statuscode_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/analyzers/statuscode"
)

// TestAnalyzer checks the fixtures in one load, and the related
// positions of package devices.
func TestAnalyzer(t *testing.T) {
	results := atest.Run(t, statuscode.Analyzer, "devices", "ginapi", "echoapi", "retryhelp", "gateway", "frameworks")
	t.Run("related", func(t *testing.T) { checkRelated(t, atest.Only(t, results, "devices")) })
}

// checkRelated checks the related positions: the first write before a
// superfluous WriteHeader, and a Retry-After set too late.
func checkRelated(t *testing.T, results []*analysistest.Result) {
	var got []string
	seen := make(map[string]bool) // the package and its test variant report alike
	for _, r := range results {
		for _, d := range r.Diagnostics {
			for _, rel := range d.Related {
				at, p := r.Pass.Fset.Position(d.Pos), r.Pass.Fset.Position(rel.Pos)
				line := fmt.Sprintf("%s:%d -> %d: %s", filepath.Base(at.Filename), at.Line, p.Line, rel.Message)
				if !seen[line] {
					seen[line] = true
					got = append(got, line)
				}
			}
		}
	}
	want := []string{
		"handlers.go:103 -> 104: Retry-After set here, after the status was sent",
		"handlers.go:110 -> 108: the body is first written here, which sends status 200",
		"handlers.go:119 -> 118: the body is first written here, which sends status 200",
		"handlers.go:363 -> 361: the body is first written here, which sends status 200",
		"stream.go:90 -> 88: the body is first written here, which sends status 200",
	}
	slices.Sort(got)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("related positions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDoc(t *testing.T) {
	if !strings.HasPrefix(statuscode.Analyzer.Doc, "report errors sent with a 2xx status, 503/429 without Retry-After, and a WriteHeader after the body\n") {
		t.Errorf("Doc does not start with the summary line:\n%s", statuscode.Analyzer.Doc)
	}
}
