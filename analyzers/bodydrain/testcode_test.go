package bodydrain_test

import (
	"testing"

	"github.com/connlint/connlint/analyzers/bodydrain"
	"github.com/connlint/connlint/analyzers/internal/atest"
	"golang.org/x/tools/go/analysis/analysistest"
)

// Test harnesses (end-to-end suites, test utilities) are left out unless
// -tests is set.
func TestTestCode(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	atest.TestCodePolicy(t, dir, bodydrain.Analyzer, "harness/...")
}
