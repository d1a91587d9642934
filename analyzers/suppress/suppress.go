package suppress

import (
	"fmt"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/internal/directive"
	"github.com/connlint/connlint/analyzers/internal/lint"
	"github.com/connlint/connlint/internal/rules"
)

const doc = `report //connlint:ignore directives that are malformed, have no reason, name an unknown rule, or suppress nothing

A directive is written //connlint:ignore RULE[,RULE] reason (line and line
below) or //connlint:file-ignore RULE[,RULE] reason (whole file).`

// New returns the suppress analyzer for a set of rule analyzers. Only the
// rules of those analyzers can be judged unused: a directive for a rule
// that did not run is left alone.
func New(ruleAnalyzers ...*analysis.Analyzer) *analysis.Analyzer {
	ran := make(map[string]bool, len(ruleAnalyzers))
	for _, a := range ruleAnalyzers {
		ran[a.Name] = true
	}
	requires := append([]*analysis.Analyzer{directive.Analyzer}, ruleAnalyzers...)
	return lint.New(&analysis.Analyzer{
		Name:     "suppress",
		Doc:      doc,
		Requires: requires,
		Run: func(pass *analysis.Pass) (any, error) {
			set := pass.ResultOf[directive.Analyzer].(*directive.Set)
			for _, d := range set.Directives {
				check(pass, d, ran)
			}
			return nil, nil
		},
	})
}

func check(pass *analysis.Pass, d *directive.Directive, ran map[string]bool) {
	kind := "//connlint:ignore"
	if d.WholeFile {
		kind = "//connlint:file-ignore"
	}
	if len(d.Rules) == 0 {
		badInput(pass, d, "%s names no rule: write %s RULE reason", kind, kind)
		return
	}
	for _, id := range d.Rules {
		r, ok := rules.Lookup(id)
		switch {
		case !ok:
			badInput(pass, d, "%s names unknown rule %q: `connlint rules` lists the rules", kind, id)
		case r.Source == rules.Nginx || r.Source == rules.Chain:
			report(pass, d, "%s names %s rule %q, which never reports on Go code: remove it", kind, r.Source, id)
		case ran[id] && !d.Used(id):
			report(pass, d, "%s %s suppresses nothing here: remove the stale directive", kind, id)
		}
	}
	if strings.TrimSpace(d.Reason) == "" {
		report(pass, d, "%s %s has no reason: say why the rule does not apply here", kind, strings.Join(d.Rules, ","))
	}
}

func report(pass *analysis.Pass, d *directive.Directive, format string, args ...any) {
	pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.End, Message: fmt.Sprintf(format, args...)})
}

// badInput reports a directive that cannot be understood at all; `connlint
// check` treats it as an input error (exit 2), like a malformed config.
func badInput(pass *analysis.Pass, d *directive.Directive, format string, args ...any) {
	pass.Report(analysis.Diagnostic{Pos: d.Pos, End: d.End, Category: rules.BadInput, Message: fmt.Sprintf(format, args...)})
}
