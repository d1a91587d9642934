package reconnectbackoff_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/analyzers/reconnectbackoff"
)

// TestReconnectBackoff checks the fixtures of the default flags in one
// load, and where package policies' fixed intervals come from.
func TestReconnectBackoff(t *testing.T) {
	results := atest.Run(t, reconnectbackoff.Analyzer, "gateway", "mqttbridge", "retry", "libs", "periodic", "policies", "stream")
	t.Run("origin", func(t *testing.T) { checkOrigin(t, atest.Only(t, results, "policies")) })
}

func TestReconnectBackoffFix(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.RunWithSuggestedFixes(t, dir, reconnectbackoff.Analyzer, "fix")
}

// TestTestCode checks the test-code policy: nothing is reported in
// _test.go files and test-only packages unless -tests is set.
func TestTestCode(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	atest.TestCodePolicy(t, dir, reconnectbackoff.Analyzer, "relay/...")
}

// checkOrigin checks that a fixed interval read from a field names where
// its value comes from, and never a number the code does not show.
func checkOrigin(t *testing.T, results []*analysistest.Result) {
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			pos := r.Pass.Fset.Position(d.Pos)
			if filepath.Base(pos.Filename) != "config.go" {
				continue
			}
			line := fmt.Sprintf("%d:", pos.Line)
			for _, rel := range d.Related {
				line += fmt.Sprintf(" %d %s;", r.Pass.Fset.Position(rel.Pos).Line, rel.Message)
			}
			got = append(got, line)
		}
	}
	slices.Sort(got) // loop findings come before library findings
	want := []string{
		"35: 31 the connection attempt this wait retries; 14 the interval comes from this field, set outside this package's code (configuration);",
		"47: 25 the interval is set here; 41 retries with this policy;",
		"78: 73 the connection attempt this wait retries; 68 the interval is set here, through its address (a flag or a decoder);",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("related positions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
