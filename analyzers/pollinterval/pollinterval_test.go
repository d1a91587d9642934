package pollinterval_test

import (
	"fmt"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/analyzers/pollinterval"
)

// TestAnalyzer checks the fixtures of the default flags in one load, and
// the related positions of package helpers.
func TestAnalyzer(t *testing.T) {
	results := atest.Run(t, pollinterval.Analyzer, "poller", "helpers", "gateway", "crossuse", "robots", "cloud", "subscriber", "gobot.io/x/gobot/v2")
	t.Run("related", func(t *testing.T) { checkRelated(t, atest.Only(t, results, "helpers")) })
}

func TestThreshold(t *testing.T) {
	atest.SetFlag(t, pollinterval.Analyzer, "min", "5m")
	atest.Run(t, pollinterval.Analyzer, "threshold")
}

func TestFlagRejectsBadDurations(t *testing.T) {
	f := pollinterval.Analyzer.Flags.Lookup("min")
	if f == nil {
		t.Fatal("no -min flag")
	}
	if got := f.DefValue; got != "1h0m0s" {
		t.Errorf("default = %q, want 1h0m0s", got)
	}
	for _, bad := range []string{"", "ten minutes", "0s", "-1m"} {
		if err := f.Value.Set(bad); err == nil {
			t.Errorf("Set(%q) accepted", bad)
		}
	}
	if f.Value.String() != "1h0m0s" {
		t.Errorf("a rejected value changed the flag to %s", f.Value)
	}
}

// checkRelated checks the related positions: the GET inside a helper,
// and the call that sets the period.
func checkRelated(t *testing.T, results []*analysistest.Result) {
	got := make(map[int][]string)
	for _, r := range results {
		for _, d := range r.Diagnostics {
			line := r.Pass.Fset.Position(d.Pos).Line
			for _, rel := range d.Related {
				got[line] = append(got[line], fmt.Sprintf("%d: %s", r.Pass.Fset.Position(rel.Pos).Line, rel.Message))
			}
		}
	}
	want := map[int][]string{
		64: {"21: the GET request is sent here", "57: the polling period is set here"}, // latestRelease in a select on a ticker
		73: {"21: the GET request is sent here", "72: the polling period is set here"}, // two levels deep, through checkFirmware
		81: {"47: the GET request is sent here", "84: the polling period is set here"}, // c.do(ctx, http.MethodGet, …), period from time.Sleep
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("related positions:\n got %v\nwant %v", got, want)
	}
}

// TestTestCode checks the test-code policy: nothing is reported in
// _test.go files and test-only packages unless -tests is set.
func TestTestCode(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	atest.TestCodePolicy(t, dir, pollinterval.Analyzer, "relay/...")
}
