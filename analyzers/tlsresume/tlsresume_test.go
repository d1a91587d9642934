package tlsresume_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/analyzers/tlsresume"
)

func TestTLSResume(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	// One load for every fixture; each file with a fix has its .golden.
	analysistest.RunWithSuggestedFixes(t, dir, tlsresume.Analyzer, "reconnect", "iot", "oneshot", "percall", "fix", "percallfix")
}
