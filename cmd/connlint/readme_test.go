package main

import (
	"bufio"
	"debug/elf"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every command README.md shows — each line of a ```sh block and each
// `run:` of a ```yaml block — is run here exactly as written (bash, with
// the connlint under test first on PATH) and must exit as the README says,
// or is a synopsis that must equal the command's own usage line, or is run
// by a script of .ci/run. A new command in the README that is none of these
// fails the test, and so does an entry here that the README lost.

// Where a README command runs.
const (
	inRepo   = "repository root"         // the checkout: commands that name its paths
	inVetmod = "copy of testdata/vetmod" // a small module with findings; -fix may rewrite it
	inDemo   = "copy of testdata/demo"   // the demo; the command may write files
	inEmpty  = "empty directory"
	// inApp is a module example.com/app with the checkout beside it as
	// ../connlint, shared by the commands of one test run in README order.
	inApp = "module beside the checkout"
)

type readmeCommand struct {
	dir  string
	exit int
	// check, when set, looks at what the command did.
	check func(t *testing.T, r ran)
}

// ran is what a README command did.
type ran struct {
	dir   string // where it ran
	gobin string // GOBIN, for go install
	out   string // standard output and error
}

var readmeCommands = map[string]readmeCommand{
	"CGO_ENABLED=0 go install ./cmd/connlint": {dir: inRepo, exit: 0, check: func(t *testing.T, r ran) {
		exe := filepath.Join(r.gobin, "connlint")
		if _, err := os.Stat(exe); err != nil {
			t.Errorf("go install did not install connlint in GOBIN: %v", err)
			return
		}
		// README.md says why: a binary without the dynamic loader.
		if f, err := elf.Open(exe); err == nil {
			defer f.Close()
			for _, p := range f.Progs {
				if p.Type == elf.PT_INTERP {
					t.Errorf("the installed connlint is dynamically linked")
				}
			}
		}
	}},
	"go mod edit -require=github.com/connlint/connlint@v0.0.0 -replace=github.com/connlint/connlint=../connlint -tool=github.com/connlint/connlint/cmd/connlint": {dir: inApp, exit: 0},
	"go mod tidy":                               {dir: inApp, exit: 0},
	"go tool connlint version":                  {dir: inApp, exit: 0, check: contains("connlint v0.0.0\n")},
	"go run ./cmd/connlint check testdata/demo": {dir: inRepo, exit: 1, check: contains("[transportreuse]", "[chain-heartbeat]", "[nginx-body-size]")},

	"go vet -vettool=$(command -v connlint) ./...":                  {dir: inVetmod, exit: 1, check: contains("DisableKeepAlives: true")},
	"go vet -vettool=$(command -v connlint) -keepalive=false ./...": {dir: inVetmod, exit: 1, check: lacks("DisableKeepAlives: true")},
	"go vet -vettool=$(command -v connlint) -fix ./...":             {dir: inVetmod, exit: 0, check: fixed},
	"connlint ./...":              {dir: inVetmod, exit: 3, check: contains("DisableKeepAlives: true")},
	"connlint -json ./...":        {dir: inVetmod, exit: 0, check: contains(`"keepalive": [`)},
	"connlint -fix ./...":         {dir: inVetmod, exit: 0, check: fixed},
	"connlint help":               {dir: inEmpty, exit: 0, check: contains("Commands:", "Driver flags:")},
	"connlint rules":              {dir: inEmpty, exit: 0, check: contains("transportreuse ")},
	"connlint rules -format json": {dir: inEmpty, exit: 0, check: contains(`"id": "transportreuse"`)},
	"connlint explain keepalive":  {dir: inEmpty, exit: 0, check: contains("# keepalive\n")},
	"connlint version":            {dir: inEmpty, exit: 0, check: contains("connlint ")},
	"connlint check -format sarif -o connlint.sarif . || [ $? -eq 1 ]": {dir: inDemo, exit: 0, check: sarifWritten},
}

// readmeSynopses are usage lines: each must be the command's own usage
// line, as `connlint COMMAND -h` prints it.
var readmeSynopses = map[string]string{
	"connlint check [-config FILE] [-fix] [-format text|json|sarif|markdown] [-json] [-o FILE] [-srcroot DIR] [DIR | PATTERN... | FILE...]": "check",
	"connlint nginx [-config FILE] [-format text|json|sarif|markdown] [-json] [-srcroot DIR] FILE... | DIR":                                 "nginx",
	"connlint chain [-config FILE] [-fix] [-format text|json|sarif|markdown|dot|mermaid] [-json] [-srcroot DIR] [DIR]":                      "chain",
}

// readmeElsewhere are commands a script of .ci/run runs, which must
// contain them exactly as written.
var readmeElsewhere = map[string]string{
	"go test ./...": ".ci/run",
}

func TestREADMECommands(t *testing.T) {
	t.Parallel()
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	commands := readmeShellCommands(t, filepath.Join(repo, "README.md"))
	app := appBesideCheckout(t, repo)
	seen := map[string]bool{}
	for _, line := range commands {
		key := commandKey(line)
		seen[key] = true
		if rc, ok := readmeCommands[key]; ok {
			t.Run(key, func(t *testing.T) { runREADMECommand(t, repo, app, line, rc) })
			continue
		}
		if cmd, ok := readmeSynopses[key]; ok {
			_, _, usage := runBinary(t, t.TempDir(), cmd, "-h")
			if first, _, _ := strings.Cut(usage, "\n"); first != "usage: "+key {
				t.Errorf("README.md's synopsis\n\t%s\nis not connlint %s's usage line\n\t%s", key, cmd, first)
			}
			continue
		}
		if script, ok := readmeElsewhere[key]; ok {
			data, err := os.ReadFile(filepath.Join(repo, script))
			if err != nil || !regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(key)+`$`).Match(data) {
				t.Errorf("README.md says %s runs %q, but it does not (%v)", script, key, err)
			}
			continue
		}
		t.Errorf("README.md shows the command %q, which no test runs: add it to readmeCommands (with the exit code the README states), readmeSynopses or readmeElsewhere", line)
	}
	for _, m := range []map[string]readmeCommand{readmeCommands} {
		for key := range m {
			if !seen[key] {
				t.Errorf("readmeCommands lists %q, which README.md no longer shows", key)
			}
		}
	}
	for _, m := range []map[string]string{readmeSynopses, readmeElsewhere} {
		for key := range m {
			if !seen[key] {
				t.Errorf("%q is mapped here but README.md no longer shows it", key)
			}
		}
	}
}

// readmeShellCommands returns the command lines of README.md: every line
// of a ```sh block but comments, and the value of every `run:` line of a
// ```yaml block.
func readmeShellCommands(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	run := regexp.MustCompile(`^\s*(?:-\s+)?run:\s+(.+)$`)
	var lines []string
	lang := ""
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "```") {
			if lang == "" {
				lang = strings.TrimPrefix(line, "```")
				if lang == "" {
					t.Errorf("README.md: a code block without a language; say sh, yaml, toml, text…")
					lang = "?"
				}
			} else {
				lang = ""
			}
			continue
		}
		text := strings.TrimSpace(line)
		switch {
		case lang == "sh" && text != "" && !strings.HasPrefix(text, "#"):
			lines = append(lines, text)
		case lang == "yaml" && run.MatchString(line):
			lines = append(lines, strings.TrimSpace(run.FindStringSubmatch(line)[1]))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(lines) < 10 {
		t.Fatalf("found only %d commands in README.md: %q", len(lines), lines)
	}
	return lines
}

// commandKey is a command line without its trailing comment.
func commandKey(line string) string {
	if i := regexp.MustCompile(`\s+#\s`).FindStringIndex(line); i != nil {
		line = line[:i[0]]
	}
	return strings.TrimSpace(line)
}

// appBesideCheckout makes the layout of README.md's tool-dependency
// commands: a new module app/ and the checkout as connlint/ beside it.
func appBesideCheckout(t *testing.T, repo string) string {
	t.Helper()
	base := t.TempDir()
	if err := os.Symlink(repo, filepath.Join(base, "connlint")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	app := filepath.Join(base, "app")
	if err := os.Mkdir(app, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(app, "go.mod"), []byte("module example.com/app\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return app
}

func runREADMECommand(t *testing.T, repo, app, line string, rc readmeCommand) {
	var dir string
	switch rc.dir {
	case inRepo:
		dir = repo
	case inApp:
		dir = app
	case inVetmod:
		dir = fixture(t)
	case inDemo:
		dir = t.TempDir()
		if err := os.CopyFS(dir, os.DirFS(filepath.Join(repo, "testdata", "demo"))); err != nil {
			t.Fatal(err)
		}
	case inEmpty:
		dir = t.TempDir()
	}
	cmd := exec.Command("bash", "-c", line)
	cmd.Dir = dir
	// go install installs into a temporary GOBIN, not the user's.
	gobin := t.TempDir()
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOBIN="+gobin,
		"PATH="+filepath.Dir(connlintBinary(t))+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	code := 0
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	if code != rc.exit {
		t.Fatalf("%s (in the %s): exit %d, README.md says %d\n%s", line, rc.dir, code, rc.exit, out)
	}
	if rc.check != nil {
		rc.check(t, ran{dir: dir, gobin: gobin, out: string(out)})
	}
}

func contains(wants ...string) func(t *testing.T, r ran) {
	return func(t *testing.T, r ran) {
		for _, w := range wants {
			if !strings.Contains(r.out, w) {
				t.Errorf("the output does not contain %q:\n%s", w, r.out)
			}
		}
	}
}

func lacks(s string) func(t *testing.T, r ran) {
	return func(t *testing.T, r ran) {
		if strings.Contains(r.out, s) {
			t.Errorf("the output contains %q:\n%s", s, r.out)
		}
	}
}

// fixed checks that -fix rewrote the module: the keep-alive line of
// testdata/vetmod is gone.
func fixed(t *testing.T, r ran) {
	data, err := os.ReadFile(filepath.Join(r.dir, "app", "app.go"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "DisableKeepAlives: true") {
		t.Errorf("-fix left app/app.go unchanged:\n%s", r.out)
	}
}

func sarifWritten(t *testing.T, r ran) {
	data, err := os.ReadFile(filepath.Join(r.dir, "connlint.sarif"))
	if err != nil || !strings.Contains(string(data), `"version": "2.1.0"`) || !strings.Contains(string(data), `"ruleId": "transportreuse"`) {
		t.Errorf("connlint.sarif: %v\n%.300s", err, data)
	}
}
