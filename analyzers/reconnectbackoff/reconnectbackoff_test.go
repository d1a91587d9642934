package reconnectbackoff_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/analyzers/reconnectbackoff"
)

func TestReconnectBackoff(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, reconnectbackoff.Analyzer, "gateway", "mqttbridge", "retry", "libs", "periodic")
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
