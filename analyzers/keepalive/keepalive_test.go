package keepalive_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/analyzers/keepalive"
)

func TestKeepAlive(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.RunWithSuggestedFixes(t, dir, keepalive.Analyzer, "transport", "client", "server")
}
