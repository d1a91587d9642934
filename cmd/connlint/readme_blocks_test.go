package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"gopkg.in/yaml.v3"

	"github.com/connlint/connlint/analyzers"
	"github.com/connlint/connlint/internal/config"
)

// readmeBlock is a fenced code block of README.md.
type readmeBlock struct {
	lang, text string
	line       int
}

func readmeBlocks(t *testing.T) []readmeBlock {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []readmeBlock
	var cur *readmeBlock
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case !strings.HasPrefix(line, "```"):
			if cur != nil {
				cur.text += line + "\n"
			}
		case cur == nil:
			cur = &readmeBlock{lang: strings.TrimPrefix(line, "```"), line: i + 1}
		default:
			blocks = append(blocks, *cur)
			cur = nil
		}
	}
	return blocks
}

// TestREADMEConfigBlocks: the configuration README.md shows works as
// shown. Commands (```sh, `run:`) are TestREADMECommands'; here every
// other block is either checked against what reads it — connlint.toml
// against connlint's parser, the golangci-lint settings against the
// plugin, the pre-commit and Action snippets against
// .pre-commit-hooks.yaml and action.yml, the nogo configuration against
// the analyzers — or is an example of output or of Go code, or needs Bazel
// (the one thing no script runs; analyzers/facts_test.go checks the gob
// round trip nogo relies on). A block of another kind fails the test.
func TestREADMEConfigBlocks(t *testing.T) {
	for _, b := range readmeBlocks(t) {
		where := "README.md:" + itoa(b.line)
		switch {
		case b.lang == "sh", b.lang == "yaml" && strings.Contains(b.text, "run: "):
			// Commands: TestREADMECommands.
		case b.lang == "text", b.lang == "go":
			// An example of output, of suppression comments in Go code.
		case b.lang == "toml":
			if _, err := config.Parse("connlint.toml", []byte(b.text)); err != nil {
				t.Errorf("%s: the connlint.toml example does not parse: %v", where, err)
			}
		case b.lang == "yaml" && strings.Contains(b.text, "\nplugins:"):
			checkCustomGCL(t, where, b.text)
		case b.lang == "yaml" && strings.Contains(b.text, "\nlinters:"):
			checkGolangciSettings(t, where, b.text)
		case b.lang == "yaml" && strings.Contains(b.text, "- repo: https://github.com/connlint/connlint"):
			checkPreCommit(t, where, b.text)
		case b.lang == "yaml" && strings.Contains(b.text, "uses: connlint/connlint@"):
			checkAction(t, where, b.text)
		case b.lang == "starlark" && strings.Contains(b.text, "# MODULE.bazel"):
			// Needs Bazel: not run.
		case b.lang == "starlark" && strings.Contains(b.text, "# BUILD.bazel"):
			checkNogoDeps(t, where, b.text)
		case b.lang == "json" && strings.Contains(b.text, "analyzer_flags"):
			checkNogoConfig(t, where, b.text)
		default:
			t.Errorf("%s: a ```%s block that no test checks; add it to TestREADMEConfigBlocks", where, b.lang)
		}
	}
}

// checkCustomGCL: the .custom-gcl.yml shown uses the golangci-lint version
// and plugin that .ci/golangci-lint.sh builds with.
func checkCustomGCL(t *testing.T, where, text string) {
	data, err := os.ReadFile("../../testdata/golangci/.custom-gcl.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"version", "module", "import"} {
		re := regexp.MustCompile(`(?m)^\s*(?:- )?` + key + `: *(\S+)`)
		got, want := re.FindStringSubmatch(text), re.FindStringSubmatch(string(data))
		if got == nil || want == nil || got[1] != want[1] {
			t.Errorf("%s: .custom-gcl.yml %s is %v; .ci/golangci-lint.sh builds with %v", where, key, got, want)
		}
	}
}

// checkGolangciSettings: the plugin accepts the settings shown.
func checkGolangciSettings(t *testing.T, where, text string) {
	var doc struct {
		Linters struct {
			Enable   []string
			Settings struct {
				Custom map[string]struct {
					Type     string
					Settings map[string]any
				}
			}
		}
	}
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	custom, ok := doc.Linters.Settings.Custom["connlint"]
	if !ok || custom.Type != "module" || !slices.Contains(doc.Linters.Enable, "connlint") {
		t.Errorf("%s: connlint is not enabled as a module plugin: %+v", where, doc.Linters)
	}
	newPlugin, err := register.GetPlugin("connlint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(custom.Settings)
	if err == nil {
		_, err = p.BuildAnalyzers()
	}
	if err != nil {
		t.Errorf("%s: the plugin refuses the settings shown: %v", where, err)
	}
	// The settings set the analyzers' flags; put the defaults back.
	for _, a := range analyzers.All() {
		a.Flags.VisitAll(func(f *flag.Flag) { _ = a.Flags.Set(f.Name, f.DefValue) })
	}
}

// checkPreCommit: the hooks shown are hooks of .pre-commit-hooks.yaml.
func checkPreCommit(t *testing.T, where, text string) {
	var shown []struct {
		Repo  string
		Hooks []struct{ ID string }
	}
	if err := yaml.Unmarshal([]byte(text), &shown); err != nil || len(shown) != 1 {
		t.Fatalf("%s: %v", where, err)
	}
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct{ ID string }
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	for _, h := range shown[0].Hooks {
		if !slices.ContainsFunc(hooks, func(x struct{ ID string }) bool { return x.ID == h.ID }) {
			t.Errorf("%s: hook %q is not in .pre-commit-hooks.yaml", where, h.ID)
		}
	}
}

// checkAction: the inputs the snippet gives and names are action.yml's.
func checkAction(t *testing.T, where, text string) {
	data, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var action struct{ Inputs map[string]any }
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Steps []struct {
			Uses string
			With map[string]any
		}
	}
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	var names []string
	for _, s := range doc.Steps {
		if strings.HasPrefix(s.Uses, "connlint/connlint@") {
			for k := range s.With {
				names = append(names, k)
			}
		}
	}
	// The comment lists the other inputs: "# also: a, b, c".
	if m := regexp.MustCompile(`# also: (.+)`).FindStringSubmatch(text); m != nil {
		for _, n := range strings.Split(m[1], ",") {
			names = append(names, strings.TrimSpace(n))
		}
	}
	if len(names) != len(action.Inputs) {
		t.Errorf("%s names the inputs %v; action.yml has %d", where, names, len(action.Inputs))
	}
	for _, n := range names {
		if _, ok := action.Inputs[n]; !ok {
			t.Errorf("%s: input %q is not in action.yml", where, n)
		}
	}
}

// checkNogoDeps: the nogo target lists every analyzer package that runs on
// its own (all but suppress, which needs every rule in one process).
func checkNogoDeps(t *testing.T, where, text string) {
	dep := regexp.MustCompile(`"@com_github_connlint_connlint//analyzers/([a-z]+)"`)
	var got, want []string
	for _, m := range dep.FindAllStringSubmatch(text, -1) {
		got = append(got, m[1])
	}
	for _, a := range analyzers.All() {
		if a.Name != "suppress" {
			want = append(want, a.Name)
		}
		if _, err := os.Stat(filepath.Join("../../analyzers", a.Name)); err != nil {
			t.Errorf("analyzer %s has no package analyzers/%s for nogo", a.Name, a.Name)
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: nogo deps %v, want %v", where, got, want)
	}
}

// checkNogoConfig: the nogo configuration names analyzers and flags that
// exist, with values the flags accept.
func checkNogoConfig(t *testing.T, where, text string) {
	var cfg map[string]struct {
		AnalyzerFlags map[string]string `json:"analyzer_flags"`
	}
	if err := json.Unmarshal([]byte(text), &cfg); err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	for name, c := range cfg {
		i := slices.IndexFunc(analyzers.All(), func(a *analysis.Analyzer) bool { return a.Name == name })
		if i < 0 {
			t.Errorf("%s: no analyzer %q", where, name)
			continue
		}
		a := analyzers.All()[i]
		for flagName, value := range c.AnalyzerFlags {
			f := a.Flags.Lookup(flagName)
			if f == nil {
				t.Errorf("%s: analyzer %s has no flag %q", where, name, flagName)
				continue
			}
			if err := a.Flags.Set(flagName, value); err != nil {
				t.Errorf("%s: -%s.%s=%s: %v", where, name, flagName, value, err)
			}
			_ = a.Flags.Set(flagName, f.DefValue)
		}
	}
}
