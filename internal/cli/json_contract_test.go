package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/connlint/connlint/internal/rules"
)

// readmeFields reads the field table of README.md between
// <!-- NAME:begin --> and <!-- NAME:end -->: the field names of its first
// column, each with its second column.
func readmeFields(t *testing.T, name string) map[string]string {
	t.Helper()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	begin, end := "<!-- "+name+":begin -->", "<!-- "+name+":end -->"
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %s ... %s block", begin, end)
	}
	row := regexp.MustCompile("(?m)^\\s*\\| `([a-z_]+)` \\| ([^|]+) \\|")
	fields := map[string]string{}
	for _, m := range row.FindAllStringSubmatch(s[i:j], -1) {
		fields[m[1]] = strings.TrimSpace(m[2])
	}
	if len(fields) == 0 {
		t.Fatalf("README.md's %s block lists no fields", name)
	}
	return fields
}

// TestJSONContract holds the JSON of check, nginx and chain, on the demo
// and on broken input, to the field list README.md documents: every field
// documented, the "always" ones in every finding, none empty or a
// placeholder, every finding linking its rule page, fixes in go vet's
// shape; and every optional field really occurs, so that the list does not
// go stale either.
func TestJSONContract(t *testing.T) {
	documented := readmeFields(t, "json-fields")
	demo, err := filepath.Abs("../../testdata/demo")
	if err != nil {
		t.Fatal(err)
	}
	broken := module(t, map[string]string{
		"nginx/nginx.conf": "events {}\nhttp {\n    server {\n        listen 80;\n        client_max_body_size 0;\n    }\n}\n}\n",
		"a.go":             "package fixture\n\n//connlint:ignore keepalive\nvar X = 1\n",
	})
	outputs := map[string]string{}
	runJSON := func(name string, cmd func([]string, *bytes.Buffer, *bytes.Buffer) int, args ...string) {
		code, out, errOut := run(t, cmd, args...)
		if code == ExitClean || out == "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %s; want findings", name, code, out, errOut)
		}
		outputs[name] = out
	}
	runJSON("check demo", check, "-json", demo)
	runJSON("chain demo", chainCmd, "-format", "json", demo)
	inDir(t, filepath.Join(demo, "nginx"), func() {
		runJSON("nginx demo", nginxCmd, "-format", "json", "nginx.conf")
	})
	runJSON("check broken", check, "-json", broken)

	seen := map[string]bool{}
	for name, out := range outputs {
		var doc map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, out)
		}
		if len(doc) != 1 || doc["findings"] == nil {
			t.Errorf("%s: want one object with only \"findings\", got keys of %s", name, out)
		}
		var findings []map[string]any
		if err := json.Unmarshal(doc["findings"], &findings); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(findings) == 0 {
			t.Errorf("%s: no findings", name)
		}
		for i, f := range findings {
			where := name + ": findings[" + itoa(i) + "]"
			for k, presence := range documented {
				if _, ok := f[k]; !ok && presence == "always" {
					t.Errorf("%s has no %q: %v", where, k, f)
				}
			}
			for k := range f {
				seen[k] = true
				if _, ok := documented[k]; !ok {
					t.Errorf("%s: field %q is not documented in README.md", where, k)
				}
			}
			checkFinding(t, where, f)
		}
	}
	for k := range documented {
		if !seen[k] {
			t.Errorf("README.md documents %q, but no output of the test has it", k)
		}
	}
}

// checkFinding holds one finding's values to the documented contract.
func checkFinding(t *testing.T, where string, f map[string]any) {
	t.Helper()
	r, ok := rules.Lookup(str(f["rule"]))
	if !ok {
		t.Errorf("%s: unknown rule %v", where, f["rule"])
		return
	}
	if sev := str(f["severity"]); sev != "error" && sev != "warning" && sev != "info" {
		t.Errorf("%s: severity %q", where, sev)
	}
	if f["url"] != r.DocURL() {
		t.Errorf("%s: url %v, want %s", where, f["url"], r.DocURL())
	}
	if str(f["message"]) == "" {
		t.Errorf("%s: empty message", where)
	}
	checkPosition(t, where, f)
	if end, ok := f["end"].(map[string]any); ok {
		checkPosition(t, where+".end", end)
		if end["file"] != f["file"] || num(end["line"]) < num(f["line"]) {
			t.Errorf("%s: end %v is not after the start in the same file", where, end)
		}
	} else if f["end"] != nil {
		t.Errorf("%s: end %v is not an object", where, f["end"])
	}
	for j, rel := range list(t, where, f, "related") {
		rel, _ := rel.(map[string]any)
		checkPosition(t, where+".related["+itoa(j)+"]", rel)
		if str(rel["message"]) == "" || len(rel) != 4 {
			t.Errorf("%s: related %v, want file, line, column and message", where, rel)
		}
	}
	for j, fix := range list(t, where, f, "suggested_fixes") {
		fix, _ := fix.(map[string]any)
		edits, _ := fix["edits"].([]any)
		if str(fix["message"]) == "" || len(edits) == 0 || len(fix) != 2 {
			t.Errorf("%s.suggested_fixes[%d] = %v, want go vet's {message, edits}", where, j, fix)
		}
		for _, e := range edits {
			e, _ := e.(map[string]any)
			_, hasNew := e["new"].(string)
			if len(e) != 4 || str(e["filename"]) == "" || !hasNew || num(e["start"]) < 0 || num(e["end"]) < num(e["start"]) {
				t.Errorf("%s: edit %v, want go vet's {filename, start, end, new}", where, e)
			}
		}
	}
}

// checkPosition: a file relative to the checked directory with forward
// slashes, and 1-based line and column.
func checkPosition(t *testing.T, where string, p map[string]any) {
	t.Helper()
	file := str(p["file"])
	if file == "" || filepath.IsAbs(file) || strings.Contains(file, `\`) || strings.HasPrefix(file, "./") {
		t.Errorf("%s: file %q, want a relative path with forward slashes", where, file)
	}
	if num(p["line"]) < 1 || num(p["column"]) < 1 {
		t.Errorf("%s: line %v, column %v; want both 1-based", where, p["line"], p["column"])
	}
}

// list returns the array field key of f, failing on one that is present
// but empty or not an array: an absent field is left out, never [] or null.
func list(t *testing.T, where string, f map[string]any, key string) []any {
	v, ok := f[key]
	if !ok {
		return nil
	}
	a, _ := v.([]any)
	if len(a) == 0 {
		t.Errorf("%s: %s is %v; leave it out instead", where, key, v)
	}
	return a
}

func str(v any) string { s, _ := v.(string); return s }

func num(v any) float64 {
	n, ok := v.(float64)
	if !ok {
		return -1
	}
	return n
}
