package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

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

// validSARIF validates a SARIF document, the bytes connlint writes,
// against the OASIS SARIF 2.1.0 JSON schema (testdata/README.md says where
// the copy comes from) and parses it.
func validSARIF(t *testing.T, doc []byte) *sarifLog {
	t.Helper()
	schema, err := sarifSchemaOnce()
	if err != nil {
		t.Fatalf("the SARIF 2.1.0 schema: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Fatalf("SARIF output does not validate: %v\n%s", err, doc)
	}
	var log sarifLog
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&log); err != nil {
		t.Fatal(err)
	}
	return &log
}

var sarifSchemaOnce = sync.OnceValues(func() (*jsonschema.Schema, error) {
	const path = "testdata/sarif-schema-2.1.0.json"
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(path, doc); err != nil {
		return nil, err
	}
	return c.Compile(path)
})

// TestSARIFSchemaRejects: the validator really validates: documents that
// break the schema in ways a reporter could are refused.
func TestSARIFSchemaRejects(t *testing.T) {
	schema, err := sarifSchemaOnce()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, sample(), Options{Format: SARIF, Version: "v0.1.0"}); err != nil {
		t.Fatal(err)
	}
	good := b.String()
	for name, bad := range map[string]string{
		"wrong version":        strings.Replace(good, `"version": "2.1.0"`, `"version": "2.0.0"`, 1),
		"unknown run property": strings.Replace(good, `"columnKind": "utf16CodeUnits"`, `"columnKind": "utf16CodeUnits", "colour": "blue"`, 1),
		"bad level":            strings.Replace(good, `"level": "warning"`, `"level": "severe"`, 1),
		"line 0":               strings.Replace(good, `"startLine": 10`, `"startLine": 0`, 1),
		"bad column kind":      strings.Replace(good, `"utf16CodeUnits"`, `"bytes"`, 1),
	} {
		if bad == good {
			t.Fatalf("%s: the replacement did not apply", name)
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if err != nil {
			t.Fatal(err)
		}
		if schema.Validate(inst) == nil {
			t.Errorf("%s: the schema accepted it", name)
		}
	}
}

func TestSARIFValidates(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample(), Options{Format: SARIF, Version: "v0.1.0"}); err != nil {
		t.Fatal(err)
	}
	rep := validSARIF(t, b.Bytes())
	run := rep.Runs[0]
	if len(run.Tool.Driver.Rules) != len(rules.All()) {
		t.Errorf("%d reportingDescriptors, want one per rule (%d)", len(run.Tool.Driver.Rules), len(rules.All()))
	}
	for _, d := range run.Tool.Driver.Rules {
		r, ok := rules.Lookup(d.ID)
		if !ok || d.HelpURI != r.DocURL() || d.ShortDescription.Text != r.Title {
			t.Errorf("descriptor %s: helpUri/shortDescription do not match the rule metadata", d.ID)
		}
		if d.FullDescription == nil || d.Help == nil || !strings.HasPrefix(d.Help.Markdown, "# "+r.ID) {
			t.Errorf("descriptor %s: no fullDescription or help.markdown from the rule page", d.ID)
		}
		if d.Properties.Precision != r.Precision() || d.Properties.SecuritySeverity != r.SecuritySeverity() || len(d.Properties.Tags) != len(r.Tags()) {
			t.Errorf("descriptor %s: precision, security-severity or tags missing", d.ID)
		}
	}
	if len(run.Results) != 3 {
		t.Fatalf("%d results, want 3", len(run.Results))
	}
	res := run.Results[1]
	if res.RuleID != "transportreuse" || res.Level != "warning" || len(res.RelatedLocations) != 1 || len(res.Fixes) != 1 {
		t.Errorf("result 1 = %+v", res)
	}
	idx := res.RuleIndex
	if run.Tool.Driver.Rules[idx].ID != "transportreuse" {
		t.Errorf("ruleIndex %d points at %s", idx, run.Tool.Driver.Rules[idx].ID)
	}
	reg := res.Locations[0].PhysicalLocation.Region
	if reg.StartLine != 10 || reg.StartColumn != 5 || reg.EndLine != 12 || reg.EndColumn != 3 {
		t.Errorf("region = %+v", reg)
	}
	if len(run.Invocations) != 1 || !run.Invocations[0].ExecutionSuccessful {
		t.Errorf("invocations = %+v, want one successful", run.Invocations)
	}
}

// TestSARIFNoPlaceholders: GitHub code scanning reads every field it finds,
// so the document carries no empty arrays or objects and no -1 placeholders.
func TestSARIFNoPlaceholders(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample(), Options{Format: SARIF}); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if len(v) == 0 {
				t.Errorf("%s: empty object", path)
			}
			for k, e := range v {
				walk(path+"."+k, e)
			}
		case []any:
			if len(v) == 0 {
				t.Errorf("%s: empty array", path)
			}
			for i, e := range v {
				walk(fmt.Sprintf("%s[%d]", path, i), e)
			}
		case float64:
			if v < 0 {
				t.Errorf("%s: placeholder %v", path, v)
			}
		case string:
			if v == "" {
				t.Errorf("%s: empty string", path)
			}
		}
	}
	walk("$", doc)
	if !strings.Contains(b.String(), `"columnKind": "utf16CodeUnits"`) {
		t.Error("no columnKind")
	}
}

// TestSARIFRepositoryRoot: findings of a run on a subdirectory are placed
// relative to the repository root, with the root declared as a base URI;
// lines are read back for fingerprints and UTF-16 columns.
func TestSARIFRepositoryRoot(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "services", "api")
	writeFile(t, filepath.Join(dir, "main.go"), "package main\n\n\tx := \"é\"; tr := &http.Transport{}\n")
	f := Finding{Rule: "transportreuse", Severity: rules.Warning, Position: Position{File: "main.go", Line: 3, Column: 19}, Message: "m"}
	var b bytes.Buffer
	if err := Write(&b, []Finding{f}, Options{Format: SARIF, Dir: dir, SrcRoot: root}); err != nil {
		t.Fatal(err)
	}
	run := validSARIF(t, b.Bytes()).Runs[0]
	loc := run.Results[0].Locations[0].PhysicalLocation
	if got := loc.ArtifactLocation.URI; got != "services/api/main.go" {
		t.Errorf("uri = %q, want services/api/main.go", got)
	}
	if base := run.OriginalURIBaseIDs["%SRCROOT%"]; base.URI != "file://"+filepath.ToSlash(root)+"/" {
		t.Errorf("originalUriBaseIds = %+v", run.OriginalURIBaseIDs)
	}
	// "é" is two bytes and one UTF-16 unit: byte column 19 is column 18.
	if got := loc.Region.StartColumn; got != 18 {
		t.Errorf("startColumn = %d, want 18 (UTF-16 units)", got)
	}
}

// TestSARIFFingerprintSurvivesMovedLines: inserting lines above a finding
// changes its line but not its fingerprint; changing the line itself does.
func TestSARIFFingerprintSurvivesMovedLines(t *testing.T) {
	dir := t.TempDir()
	src := "package p\n\nvar tr = &http.Transport{}\n"
	fingerprint := func(content string, line int) string {
		writeFile(t, filepath.Join(dir, "p.go"), content)
		f := Finding{Rule: "transportreuse", Severity: rules.Warning, Position: Position{File: "p.go", Line: line, Column: 10}, Message: "m"}
		var b bytes.Buffer
		if err := Write(&b, []Finding{f}, Options{Format: SARIF, Dir: dir}); err != nil {
			t.Fatal(err)
		}
		fp := validSARIF(t, b.Bytes()).Runs[0].Results[0].PartialFingerprints["primaryLocationLineHash"]
		if fp == "" {
			t.Fatal("no primaryLocationLineHash")
		}
		return fp
	}
	before := fingerprint(src, 3)
	moved := fingerprint("package p\n\n// a comment\n\n"+src[len("package p\n\n"):], 5)
	if before != moved {
		t.Errorf("fingerprint changed when lines were inserted above: %s → %s", before, moved)
	}
	reindented := fingerprint("package p\n\nvar   tr = &http.Transport{}\n", 3)
	if before != reindented {
		t.Errorf("fingerprint changed with white space: %s → %s", before, reindented)
	}
	if changed := fingerprint("package p\n\nvar tr2 = &http.Transport{}\n", 3); changed == before {
		t.Error("fingerprint did not change when the line itself changed")
	}
}

// TestSARIFFailedRun: errors of the run reach code scanning as tool
// execution notifications of an unsuccessful invocation.
func TestSARIFFailedRun(t *testing.T) {
	var b bytes.Buffer
	notes := []Notification{{Position: Position{File: "nginx.conf", Line: 4, Column: 1}, Message: "unexpected \"}\""}}
	if err := Write(&b, nil, Options{Format: SARIF, Notifications: notes}); err != nil {
		t.Fatal(err)
	}
	inv := validSARIF(t, b.Bytes()).Runs[0].Invocations
	if len(inv) != 1 || inv[0].ExecutionSuccessful || len(inv[0].ToolExecutionNotifications) != 1 {
		t.Fatalf("invocations = %+v, want one failed with one notification", inv)
	}
	n := inv[0].ToolExecutionNotifications[0]
	if n.Message.Text != `unexpected "}"` || n.Locations[0].PhysicalLocation.Region.StartLine != 4 {
		t.Errorf("notification = %+v", n)
	}
}

// TestJSONNoPlaceholders: JSON leaves out what a finding does not have
// (no zero end position), links every finding's rule page, and writes
// fixes in go vet's -json shape.
func TestJSONNoPlaceholders(t *testing.T) {
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
	for i, f := range got.Findings {
		if _, ok := f["end"]; ok && f["rule"] != "transportreuse" {
			t.Errorf("findings[%d] has an end it does not know: %v", i, f["end"])
		}
		r := rules.MustLookup(f["rule"].(string))
		if f["url"] != r.DocURL() {
			t.Errorf("findings[%d].url = %v, want %s", i, f["url"], r.DocURL())
		}
	}
	fix := got.Findings[1]["suggested_fixes"].([]any)[0].(map[string]any)
	edit := fix["edits"].([]any)[0].(map[string]any)
	want := map[string]any{"filename": "a/x.go", "start": 100.0, "end": 120.0, "new": "sharedTransport"}
	if len(edit) != len(want) {
		t.Errorf("edit = %v, want go vet's fields %v", edit, want)
	}
	for k, v := range want {
		if edit[k] != v {
			t.Errorf("edit[%q] = %v, want %v", k, edit[k], v)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(new(bytes.Buffer), nil, Options{Format: "xml"}); err == nil {
		t.Error("want an error for format xml")
	}
}

// TestMarkdownGolden pins the job-summary rendering: tally, then findings
// grouped by rule (errors first), each rule linking its page, with the
// chain tables as prelude.
func TestMarkdownGolden(t *testing.T) {
	var b bytes.Buffer
	fs := append(sample(), Finding{Rule: "bodylimit", Severity: rules.Warning, Position: Position{File: "api/h.go", Line: 7, Column: 3}, Message: "reads r.Body with no limit: wrap it in http.MaxBytesReader"})
	if err := Write(&b, fs, Options{Format: Markdown, Prelude: "### chain \"ws\"\n\n| # | HOP |\n|---|---|\n| 1 | alb |\n"}); err != nil {
		t.Fatal(err)
	}
	base := rules.DocBase
	want := "## connlint: 4 findings (1 error, 3 warnings)\n\n" +
		"### chain \"ws\"\n\n| # | HOP |\n|---|---|\n| 1 | alb |\n\n" +
		"| rule | severity | findings |\n|---|---|---|\n" +
		"| [`suppress`](" + base + "suppress.md) | error | 1 |\n" +
		"| [`bodylimit`](" + base + "bodylimit.md) | warning | 1 |\n" +
		"| [`keepalive`](" + base + "keepalive.md) | warning | 1 |\n" +
		"| [`transportreuse`](" + base + "transportreuse.md) | warning | 1 |\n" +
		"\n### [`suppress`](" + base + "suppress.md) — " + mdText(rules.MustLookup("suppress").Title) + "\n\n" +
		"- `a/x.go:2:1` directive needs a reason\n" +
		"\n### [`bodylimit`](" + base + "bodylimit.md) — " + mdText(rules.MustLookup("bodylimit").Title) + "\n\n" +
		"- `api/h.go:7:3` reads r.Body with no limit: wrap it in http.MaxBytesReader\n" +
		"\n### [`keepalive`](" + base + "keepalive.md) — " + mdText(rules.MustLookup("keepalive").Title) + "\n\n" +
		"- `b.go:3:2` keep-alive off\n" +
		"\n### [`transportreuse`](" + base + "transportreuse.md) — " + mdText(rules.MustLookup("transportreuse").Title) + "\n\n" +
		"- `a/x.go:10:5` Transport per request\n" +
		"  - `a/helper.go:4:9` the Transport literal\n"
	if got := b.String(); got != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", got, want)
	}
	b.Reset()
	if err := Write(&b, nil, Options{Format: Markdown}); err != nil || b.String() != "## connlint: no findings\n\n" {
		t.Errorf("empty markdown = %q, %v", b.String(), err)
	}
}

// TestJSONStreamed: writeJSON, which writes a finding at a time, writes
// what json.Encoder with a two-space indent writes of the whole report,
// byte for byte: with no findings, with findings that have every field
// and characters JSON escapes, and with and without chains.
func TestJSONStreamed(t *testing.T) {
	odd := Finding{Rule: "nginx-parse", Severity: rules.Error, Position: Position{File: "a <b>&\"c\".conf", Line: 1, Column: 1}, Message: "unknown directive \"\u00e9\\t\u2028\""}
	chains := []map[string]any{{"name": "mqtt", "hops": []string{"alb", "nginx"}, "ok": false}}
	var typedNil *struct{ X int }
	for _, tc := range []struct {
		name     string
		findings []Finding
		chains   any
	}{
		{"no findings", nil, nil},
		{"empty, with chains", []Finding{}, chains},
		{"findings", sample(), nil},
		{"findings and chains", append(sample(), odd), chains},
		{"a typed nil chain", sample()[:1], typedNil},
	} {
		var got, want bytes.Buffer
		if err := writeJSON(&got, tc.findings, tc.chains); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		fs := tc.findings
		if fs == nil {
			fs = []Finding{}
		}
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		if err := enc.Encode(jsonReport{Findings: fs, Chains: tc.chains}); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("%s: streamed\n%s\nwant\n%s", tc.name, got.String(), want.String())
		}
	}
}
