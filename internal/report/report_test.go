package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/connlint/connlint/internal/rules"
)

func sample() []Finding {
	return []Finding{
		{Rule: "keepalive", Severity: rules.Warning, Position: Position{File: "b.go", Line: 3, Column: 2}, Message: "keep-alive off"},
		{
			Rule: "transportreuse", Severity: rules.Warning, Position: Position{File: "a/x.go", Line: 10, Column: 5},
			End: Position{File: "a/x.go", Line: 12, Column: 3}, Message: "Transport per request",
			URL:     rules.MustLookup("transportreuse").DocURL(),
			Related: []Related{{Position: Position{File: "a/helper.go", Line: 4, Column: 9}, Message: "the Transport literal"}},
			Fixes: []Fix{{Message: "hoist", Edits: []Edit{{
				File: "a/x.go", StartOffset: 100, EndOffset: 120,
				Start: Position{File: "a/x.go", Line: 10, Column: 5}, End: Position{File: "a/x.go", Line: 10, Column: 25}, NewText: "sharedTransport",
			}}}},
		},
		{Rule: "keepalive", Severity: rules.Warning, Position: Position{File: "b.go", Line: 3, Column: 2}, Message: "keep-alive off"},
		{Rule: "suppress", Severity: rules.Error, Position: Position{File: "a/x.go", Line: 2, Column: 1}, Message: "directive needs a reason"},
	}
}

func TestText(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample(), Options{Format: Text}); err != nil {
		t.Fatal(err)
	}
	want := `a/x.go:2:1: directive needs a reason [suppress]
a/x.go:10:5: Transport per request [transportreuse]
	a/helper.go:4:9: the Transport literal
b.go:3:2: keep-alive off [keepalive]
connlint: 3 findings (1 error, 2 warnings)
`
	if got := b.String(); got != want {
		t.Errorf("text output:\n%s\nwant:\n%s", got, want)
	}
}

func TestTextColorAndEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample()[:1], Options{Format: Text, Color: true}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), yellow+"[keepalive]"+reset) || !strings.Contains(b.String(), bold+"b.go:3:2"+reset) {
		t.Errorf("no colour in %q", b.String())
	}
	b.Reset()
	if err := Write(&b, nil, Options{}); err != nil || b.String() != "connlint: no findings\n" {
		t.Errorf("empty text output = %q, %v", b.String(), err)
	}
}

// TestJSONContract pins the fields DESIGN.md promises to scripts.
func TestJSONContract(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample(), Options{Format: JSON}); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Findings) != 3 {
		t.Fatalf("got %d findings, want 3 (sorted, de-duplicated)", len(got.Findings))
	}
	first := got.Findings[0]
	want := map[string]any{"rule": "suppress", "severity": "error", "file": "a/x.go", "line": 2.0, "column": 1.0, "message": "directive needs a reason"}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("findings[0][%q] = %v, want %v", k, first[k], v)
		}
	}
	b.Reset()
	if err := Write(&b, nil, Options{Format: JSON}); err != nil || !strings.Contains(b.String(), `"findings": []`) {
		t.Errorf("empty JSON = %q, %v; want an empty array, not null", b.String(), err)
	}
}

func TestSARIFValidates(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample(), Options{Format: SARIF, Version: "v0.1.0"}); err != nil {
		t.Fatal(err)
	}
	rep, err := sarif.FromBytes(b.Bytes(), sarif.WithStrictValidation())
	if err != nil {
		t.Fatal(err)
	}
	// Validate checks the document against the official SARIF 2.1.0 JSON
	// schema that go-sarif embeds.
	if err := rep.Validate(); err != nil {
		t.Fatalf("SARIF output does not validate: %v\n%s", err, b.String())
	}
	run := rep.Runs[0]
	if len(run.Tool.Driver.Rules) != len(rules.All()) {
		t.Errorf("%d reportingDescriptors, want one per rule (%d)", len(run.Tool.Driver.Rules), len(rules.All()))
	}
	for _, d := range run.Tool.Driver.Rules {
		r, ok := rules.Lookup(*d.ID)
		if !ok || d.HelpURI == nil || *d.HelpURI != r.DocURL() || d.ShortDescription == nil || *d.ShortDescription.Text != r.Title {
			t.Errorf("descriptor %s: helpUri/shortDescription do not match the rule metadata", *d.ID)
		}
	}
	if len(run.Results) != 3 {
		t.Fatalf("%d results, want 3", len(run.Results))
	}
	res := run.Results[1]
	if *res.RuleID != "transportreuse" || res.Level != "warning" || len(res.RelatedLocations) != 1 || len(res.Fixes) != 1 {
		t.Errorf("result 1 = %+v", res)
	}
	idx := res.RuleIndex
	if *run.Tool.Driver.Rules[idx].ID != "transportreuse" {
		t.Errorf("ruleIndex %d points at %s", idx, *run.Tool.Driver.Rules[idx].ID)
	}
	reg := res.Locations[0].PhysicalLocation.Region
	if *reg.StartLine != 10 || *reg.StartColumn != 5 || *reg.EndLine != 12 || *reg.EndColumn != 3 {
		t.Errorf("region = %+v", reg)
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(new(bytes.Buffer), nil, Options{Format: "xml"}); err == nil {
		t.Error("want an error for format xml")
	}
}
