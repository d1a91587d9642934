// Package analyzers lists connlint's go/analysis analyzers. Each lives in
// its own package below this one; All is the list every driver runs: the
// check command, the multichecker and go vet.
package analyzers

import (
	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/bodydrain"
	"github.com/connlint/connlint/analyzers/bodylimit"
	"github.com/connlint/connlint/analyzers/decompresslimit"
	"github.com/connlint/connlint/analyzers/heartbeat"
	"github.com/connlint/connlint/analyzers/keepalive"
	"github.com/connlint/connlint/analyzers/pollinterval"
	"github.com/connlint/connlint/analyzers/reconnectbackoff"
	"github.com/connlint/connlint/analyzers/servertimeouts"
	"github.com/connlint/connlint/analyzers/statuscode"
	"github.com/connlint/connlint/analyzers/suppress"
	"github.com/connlint/connlint/analyzers/tlsresume"
	"github.com/connlint/connlint/analyzers/transportreuse"
)

// rules are the analyzers that report connection-management mistakes.
var ruleAnalyzers = []*analysis.Analyzer{
	bodydrain.Analyzer,
	bodylimit.Analyzer,
	decompresslimit.Analyzer,
	heartbeat.Analyzer,
	keepalive.Analyzer,
	pollinterval.Analyzer,
	reconnectbackoff.Analyzer,
	servertimeouts.Analyzer,
	statuscode.Analyzer,
	tlsresume.Analyzer,
	transportreuse.Analyzer,
}

// suppressAnalyzer judges the //connlint:ignore directives after all the
// rule analyzers have run.
var suppressAnalyzer = suppress.New(ruleAnalyzers...)

// All returns every analyzer, rule analyzers first. The slice is new on
// each call; the analyzers are shared.
func All() []*analysis.Analyzer {
	return append(append([]*analysis.Analyzer(nil), ruleAnalyzers...), suppressAnalyzer)
}
