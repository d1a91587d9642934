package tlsresume_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/analyzers/tlsresume"
)

func TestTLSResume(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.Run(t, dir, tlsresume.Analyzer, "reconnect", "iot", "oneshot", "percall")
	analysistest.RunWithSuggestedFixes(t, dir, tlsresume.Analyzer, "fix", "percallfix")
}
