package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/timeoutchain"
)

// TestMergeAssumptions: the chains and notes of several discoveries are
// printed and returned once each; their chain-source findings all count.
func TestMergeAssumptions(t *testing.T) {
	at := timeoutchain.Source{File: "compose.yaml", Line: 3}
	chain := &timeoutchain.Chain{Name: "assumed: compose haproxy service lb", Decl: at}
	same := &timeoutchain.Chain{Name: "assumed: compose haproxy service lb", Decl: at}
	other := &timeoutchain.Chain{Name: "assumed: compose haproxy service lb", Decl: timeoutchain.Source{File: "deploy/compose.yaml", Line: 3}}
	found := []timeoutchain.Assumption{
		{Chains: []*timeoutchain.Chain{chain}, Notes: []string{"cannot look for load balancers: x", "assumed lb"}},
		{Chains: []*timeoutchain.Chain{same, other}, Notes: []string{"cannot look for load balancers: x"}, Errors: []report.Finding{{Rule: "chain-source"}}},
	}
	var stderr bytes.Buffer
	chains, errs := mergeAssumptions(found, &stderr)
	if len(chains) != 2 || chains[0] != chain || chains[1] != other || len(errs) != 1 {
		t.Errorf("chains %v, errs %v: want the first of two equal chains and the other one", chains, errs)
	}
	if got := strings.Count(stderr.String(), "connlint: note: cannot look for load balancers: x\n"); got != 1 || !strings.Contains(stderr.String(), "connlint: note: assumed lb\n") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
}
