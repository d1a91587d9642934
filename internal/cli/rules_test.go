package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/connlint/connlint/internal/rules"
)

func rulesCmd(args []string, o, e *bytes.Buffer) int { return Rules(args, o, e) }

// TestRulesAligned: every column of `connlint rules` starts at the same
// offset on every line, whatever the length of the longest rule ID.
func TestRulesAligned(t *testing.T) {
	code, out, errOut := run(t, rulesCmd)
	if code != ExitClean || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(rules.All())+1 || !strings.HasPrefix(lines[0], "RULE ") {
		t.Fatalf("want a header and one line per rule:\n%s", out)
	}
	header := lines[0]
	cols := []int{strings.Index(header, "SOURCE"), strings.Index(header, "SEVERITY"), strings.Index(header, "FINDS")}
	for i, r := range rules.All() {
		line := lines[i+1]
		for j, field := range []string{string(r.Source), string(r.Severity), r.Title} {
			if c := cols[j]; len(line) < c || !strings.HasPrefix(line[c:], field) || line[c-1] != ' ' {
				t.Errorf("line %q: %q does not start at column %d", line, field, c)
			}
		}
		if !strings.HasPrefix(line, r.ID+" ") {
			t.Errorf("line %q does not start with %s", line, r.ID)
		}
	}
}

// TestRulesJSON: `connlint rules -format json` carries every rule with the
// fields README.md documents, and nothing empty.
func TestRulesJSON(t *testing.T) {
	code, out, errOut := run(t, rulesCmd, "-format", "json")
	if code != ExitClean || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	all := rules.All()
	if len(got) != len(all) {
		t.Fatalf("%d rules, want %d", len(got), len(all))
	}
	documented := readmeFields(t, "rules-json")
	for i, r := range all {
		g := got[i]
		want := map[string]any{
			"id": r.ID, "source": string(r.Source), "severity": string(r.Severity),
			"title": r.Title, "url": r.DocURL(), "precision": r.Precision(),
		}
		if r.SecuritySeverity() != "" {
			want["security_severity"] = r.SecuritySeverity()
		}
		for k, v := range want {
			if g[k] != v {
				t.Errorf("%s: %s = %v, want %v", r.ID, k, g[k], v)
			}
		}
		if tags, _ := g["tags"].([]any); len(tags) != len(r.Tags()) {
			t.Errorf("%s: tags %v, want %v", r.ID, g["tags"], r.Tags())
		}
		for k, v := range g {
			if _, ok := documented[k]; !ok {
				t.Errorf("%s: field %q is not documented in README.md", r.ID, k)
			}
			if v == "" || v == nil {
				t.Errorf("%s: field %q is empty", r.ID, k)
			}
		}
	}
	for _, args := range [][]string{{"-format", "markdown"}, {"-markdown"}} {
		if code, out, _ := run(t, rulesCmd, args...); code != ExitClean || out != RuleTable() {
			t.Errorf("rules %v: exit %d, not the README table", args, code)
		}
	}
	if code, _, errOut := run(t, rulesCmd, "-format", "xml"); code != ExitError || errOut != "connlint rules: unknown -format \"xml\" (want text, json or markdown)\n" {
		t.Errorf("rules -format xml: exit %d, stderr %q", code, errOut)
	}
}
