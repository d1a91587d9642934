package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/connlint/connlint/docs"
	"github.com/connlint/connlint/internal/rules"
)

// module writes a Go module with the given files into a new directory.
func module(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["go.mod"]; !ok {
		files["go.mod"] = "module example.com/fixture\n\ngo 1.22\n"
	}
	for name, body := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(t *testing.T, cmd func([]string, *bytes.Buffer, *bytes.Buffer) int, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cmd(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func check(args []string, o, e *bytes.Buffer) int { return Check(args, o, e) }

const keepaliveOff = `package fixture

import "net/http"

var client = &http.Client{Transport: &http.Transport{
	DisableKeepAlives: true,
}}

func Get(url string) (*http.Response, error) { return client.Get(url) }
`

const clean = `package fixture

import (
	"io"
	"net/http"
)

var client = &http.Client{}

func Fetch(url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}
`

func TestCheckClean(t *testing.T) {
	dir := module(t, map[string]string{"fetch.go": clean})
	code, out, errOut := run(t, check, dir)
	if code != ExitClean || out != "connlint: no findings\n" {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and no findings", code, out, errOut)
	}
}

func TestCheckFindingsText(t *testing.T) {
	dir := module(t, map[string]string{"client.go": keepaliveOff})
	code, out, errOut := run(t, check, dir)
	if code != ExitFindings {
		t.Fatalf("exit %d, stderr %q; want 1", code, errOut)
	}
	if !regexp.MustCompile(`(?m)^client\.go:6:2: .+ \[keepalive\]$`).MatchString(out) {
		t.Errorf("no keepalive finding at client.go:6:2 in:\n%s", out)
	}
	if !strings.HasSuffix(out, "connlint: 1 finding (1 warning)\n") {
		t.Errorf("summary line missing in:\n%s", out)
	}
}

func TestCheckJSONAndSARIF(t *testing.T) {
	dir := module(t, map[string]string{"client.go": keepaliveOff})
	code, out, _ := run(t, check, "-format", "json", dir)
	if code != ExitFindings {
		t.Fatalf("exit %d", code)
	}
	var doc struct {
		Findings []struct {
			Rule, Severity, File, Message string
			Line, Column                  int
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, out)
	}
	if len(doc.Findings) != 1 || doc.Findings[0].Rule != "keepalive" || doc.Findings[0].File != "client.go" || doc.Findings[0].Line != 6 || doc.Findings[0].Severity != "warning" {
		t.Errorf("findings = %+v", doc.Findings)
	}

	outFile := filepath.Join(t.TempDir(), "connlint.sarif")
	code, out, errOut := run(t, check, "-format", "sarif", "-o", outFile, dir)
	if code != ExitFindings || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// internal/report validates the bytes against the SARIF schema; here
	// the file must parse and hold the finding.
	data, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Runs []struct{ Results []json.RawMessage }
	}
	if err := json.Unmarshal(data, &rep); err != nil || len(rep.Runs) != 1 {
		t.Fatalf("SARIF file: %v\n%s", err, data)
	}
	if n := len(rep.Runs[0].Results); n != 1 {
		t.Errorf("%d SARIF results, want 1", n)
	}
}

func TestCheckConfigPatterns(t *testing.T) {
	dir := module(t, map[string]string{
		"connlint.toml":   "[code]\npatterns = [\"./good/...\"]\n",
		"good/fetch.go":   strings.Replace(clean, "package fixture", "package good", 1),
		"bad/client.go":   strings.Replace(keepaliveOff, "package fixture", "package bad", 1),
		"other/client.go": strings.Replace(keepaliveOff, "package fixture", "package other", 1),
	})
	if code, out, errOut := run(t, check, dir); code != ExitClean {
		t.Fatalf("exit %d: only ./good/... should be analyzed\n%s%s", code, out, errOut)
	}
	alt := filepath.Join(t.TempDir(), "alt.toml")
	if err := os.WriteFile(alt, []byte("[code]\npatterns = [\"./bad\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := run(t, check, "-config", alt, dir); code != ExitFindings || !strings.Contains(out, "bad/client.go:6:2") {
		t.Fatalf("-config: exit %d\n%s", code, out)
	}
}

// TestCheckBadInput covers every input that must stop the run with exit
// code 2 and a message naming the file and line.
func TestCheckBadInput(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		args  []string
		want  string // regexp on stderr
	}{
		{"type error", map[string]string{"a.go": "package fixture\n\nfunc f() int { return \"x\" }\n"}, nil, `a\.go:3:\d+: .*cannot use "x"`},
		{"syntax error", map[string]string{"a.go": "package fixture\n\nfunc f( {\n"}, nil, `a\.go:3:\d+: `},
		{"missing import", map[string]string{"a.go": "package fixture\n\nimport _ \"example.com/nowhere\"\n"}, nil, `example\.com/nowhere`},
		{"bad config key", map[string]string{"a.go": clean, "connlint.toml": "[code]\npaterns = [\"./...\"]\n"}, nil, `connlint\.toml:2: unknown key "code\.paterns"`},
		{"bad config value", map[string]string{"a.go": clean, "connlint.toml": "[code]\npoll_min_interval = \"often\"\n"}, nil, `connlint\.toml:2: code\.poll_min_interval: invalid duration`},
		{"missing config", map[string]string{"a.go": clean}, []string{"-config", "/nonexistent/connlint.toml"}, `/nonexistent/connlint\.toml: cannot read configuration`},
		{"unknown rule in suppression", map[string]string{"a.go": "package fixture\n\n//connlint:ignore keepalve a typo\nvar X = 1\n"}, nil, `a\.go:3:1: //connlint:ignore names unknown rule "keepalve"`},
		{"unwritable output", map[string]string{"a.go": clean}, []string{"-o", "/nonexistent/dir/out.txt"}, `-o /nonexistent/dir/out\.txt: cannot write the report`},
		{"bad format", map[string]string{"a.go": clean}, []string{"-format", "xml"}, `unknown -format "xml"`},
		{"bad flag", map[string]string{"a.go": clean}, []string{"-frobnicate"}, `flag provided but not defined: -frobnicate`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := module(t, tc.files)
			code, out, errOut := run(t, check, append(tc.args, dir)...)
			if code != ExitError {
				t.Fatalf("exit %d, want 2\nstdout: %s\nstderr: %s", code, out, errOut)
			}
			if !regexp.MustCompile(tc.want).MatchString(errOut) {
				t.Errorf("stderr does not match %s:\n%s", tc.want, errOut)
			}
		})
	}
	if code, _, errOut := run(t, check, "/nonexistent/dir"); code != ExitError || !strings.Contains(errOut, "/nonexistent/dir: no such file or directory") {
		t.Errorf("missing DIR: exit %d, %s", code, errOut)
	}
}

func TestSubcommands(t *testing.T) {
	code, out, _ := run(t, func(a []string, o, e *bytes.Buffer) int { return Rules(a, o, e) })
	if code != 0 || strings.Count(out, "\n") != len(rules.All())+1 || !strings.Contains(out, "transportreuse") {
		t.Errorf("rules: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, func(a []string, o, e *bytes.Buffer) int { return Explain(a, o, e) }, "keepalive")
	if code != 0 || !strings.HasPrefix(out, "# keepalive\n") || !strings.Contains(out, rules.MustLookup("keepalive").DocURL()) {
		t.Errorf("explain keepalive: exit %d\n%s", code, out)
	}
	code, _, errOut := run(t, func(a []string, o, e *bytes.Buffer) int { return Explain(a, o, e) }, "nope")
	if code != ExitError || !strings.Contains(errOut, `unknown rule "nope"`) {
		t.Errorf("explain nope: exit %d, %s", code, errOut)
	}
	code, out, _ = run(t, func(a []string, o, e *bytes.Buffer) int { return Version(a, o, e) })
	if code != 0 || !strings.HasPrefix(out, "connlint ") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

// TestREADMERuleTable fails when README.md's rule table and the rule
// metadata disagree; `go run ./cmd/connlint rules -markdown` prints the
// table to paste.
func TestREADMERuleTable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
	s := string(readme)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md has no %q ... %q block", begin, end)
	}
	if got, want := s[i+len(begin):j], RuleTable(); got != want {
		t.Errorf("README.md rule table is out of date; replace it with the output of `go run ./cmd/connlint rules -markdown`:\n%s", want)
	}
}

// TestRulePages checks that every rule has its page with the required
// sections, and that every page belongs to a rule.
func TestRulePages(t *testing.T) {
	sections := []string{"## The mistake", "## Why it hurts", "## The fix", "## Bad", "## Good"}
	for _, r := range rules.All() {
		page, err := docs.RulePage(r.ID)
		if err != nil {
			t.Errorf("rule %s has no page docs/rules/%s.md", r.ID, r.ID)
			continue
		}
		if !strings.HasPrefix(string(page), "# "+r.ID+"\n") {
			t.Errorf("docs/rules/%s.md must start with \"# %s\"", r.ID, r.ID)
		}
		for _, s := range sections {
			if !strings.Contains(string(page), "\n"+s+"\n") {
				t.Errorf("docs/rules/%s.md lacks section %q", r.ID, s)
			}
		}
	}
	ids, err := docs.RulePages()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if _, ok := rules.Lookup(id); !ok {
			t.Errorf("docs/rules/%s.md has no rule in internal/rules", id)
		}
	}
}

// TestCheckThresholdsReachAnalyzers checks that [code] thresholds of
// connlint.toml are the analyzers' flags: the same poll every 10 minutes
// is a finding under the default 1h threshold and not under 5m.
func TestCheckThresholdsReachAnalyzers(t *testing.T) {
	const poller = `package fixture

import (
	"net/http"
	"time"
)

func Poll() {
	for range time.Tick(10 * time.Minute) {
		resp, err := http.Get("https://fw.example.com/latest")
		if err != nil {
			continue
		}
		resp.Body.Close()
	}
}
`
	dir := module(t, map[string]string{"poll.go": poller})
	if code, out, _ := run(t, check, dir); code != ExitFindings || !strings.Contains(out, "[pollinterval]") {
		t.Fatalf("default threshold: exit %d\n%s", code, out)
	}
	dir = module(t, map[string]string{"poll.go": poller, "connlint.toml": "[code]\npoll_min_interval = \"5m\"\n"})
	if code, out, _ := run(t, check, dir); strings.Contains(out, "[pollinterval]") {
		t.Fatalf("poll_min_interval = 5m: exit %d, still reported\n%s", code, out)
	}
}
