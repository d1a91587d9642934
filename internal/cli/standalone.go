package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/internal/depcache"
	"github.com/connlint/connlint/internal/vetconfig"
)

// Standalone runs `connlint -json [analyzer flags] PACKAGES` through go
// vet, with connlint itself as the vet tool, and prints what the
// multichecker would print. The multichecker loads every package it
// analyzes, and every dependency, from source at once because connlint's
// analyzers use facts: 4.85 GB over the standard library. go vet analyzes
// one package per process from the build cache's export data and keeps
// the results, so the same run peaks near 300 MB and a repeated one
// replays its cache.
//
// It handles only the runs whose output it reproduces exactly: -json
// with analyzer flags, no other driver flag (-fix, -diff, -c, -test,
// -debug, profiles), package patterns and no .go files, and
// CONNLINT_CACHE not "off"; handled is false for any other, and the
// multichecker runs in-process as before. When go vet fails (a package
// that does not build, a flag go vet refuses), handled is false too: the
// multichecker reports the failure in its own words.
//
// go vet analyzes a package with its internal test files as one unit,
// named by the package's path; the multichecker analyzes both the
// package and its test variant. Standalone restores the multichecker's
// shape (tests.go): a package with internal test files is reported
// without its test files' findings under its path and with them under
// "P [P.test]", an external test package under "P_test [P.test]".
func Standalone(args []string, all []*analysis.Analyzer, stdout, stderr io.Writer) (code int, handled bool) {
	run, ok := parseStandalone(args, all)
	if !ok || depcache.Off() {
		return 0, false
	}
	exe, err := os.Executable()
	if err != nil {
		return 0, false
	}
	vetArgs := append([]string{"vet", "-vettool=" + exe, "-json"}, run.flags...)
	vetArgs = append(vetArgs, run.patterns...)
	cmd := exec.Command("go", vetArgs...)
	// Every setting is in the flags, as the in-process run resolved them
	// from connlint.toml and the command line.
	cmd.Env = append(os.Environ(), vetconfig.SettingsEnv+"=flags")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if cmd.Run() != nil {
		return 0, false
	}
	notes, clean := downloadNotes(errOut.Bytes())
	if !clean {
		return 0, false
	}
	tree, err := decodeTrees(out.Bytes())
	if err != nil {
		return 0, false
	}
	tests, err := listTests(packagesOf(tree))
	if err != nil {
		return 0, false
	}
	stderr.Write(notes)
	data, err := json.MarshalIndent(multicheckerShape(tree, tests), "", "\t")
	if err != nil {
		return 0, false
	}
	fmt.Fprintf(stdout, "%s\n", data)
	return 0, true
}

// standaloneRun is a command line Standalone can hand to go vet: the
// flags to pass (every analyzer setting, and the analyzers enabled or
// disabled) and the package patterns.
type standaloneRun struct {
	flags, patterns []string
}

// parseStandalone parses the command line as the multichecker would, and
// reports whether it is one Standalone handles.
func parseStandalone(args []string, all []*analysis.Analyzer) (standaloneRun, bool) {
	if n := len(args); n > 0 && strings.HasSuffix(args[n-1], ".cfg") {
		return standaloneRun{}, false // a go vet unit
	}
	fs := flag.NewFlagSet("connlint", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	jsonOut := fs.Bool("json", false, "")
	enables := map[string]*optionalBool{}
	settings := map[string]*recorded{}
	for _, a := range all {
		enables[a.Name] = &optionalBool{}
		fs.Var(enables[a.Name], a.Name, "")
		a.Flags.VisitAll(func(f *flag.Flag) {
			name := a.Name + "." + f.Name
			settings[name] = &recorded{value: f.Value.String(), isBool: isBoolFlag(f)}
			fs.Var(settings[name], name, "")
		})
	}
	if fs.Parse(args) != nil || !*jsonOut || fs.NArg() == 0 {
		return standaloneRun{}, false
	}
	var run standaloneRun
	for _, p := range fs.Args() {
		if strings.HasSuffix(p, ".go") || strings.HasPrefix(p, "-") {
			return standaloneRun{}, false
		}
		run.patterns = append(run.patterns, p)
	}
	for name, e := range enables {
		if e.set {
			run.flags = append(run.flags, fmt.Sprintf("-%s=%t", name, e.value))
		}
	}
	for name, s := range settings {
		run.flags = append(run.flags, "-"+name+"="+s.value)
	}
	sort.Strings(run.flags)
	return run, true
}

// optionalBool is an analyzer's enable flag: whether it was given, and
// its value.
type optionalBool struct{ set, value bool }

func (b *optionalBool) IsBoolFlag() bool { return true }
func (b *optionalBool) String() string   { return fmt.Sprint(b.value) }
func (b *optionalBool) Set(s string) error {
	switch s {
	case "true":
		b.value = true
	case "false":
		b.value = false
	default:
		return fmt.Errorf("not a boolean: %q", s)
	}
	b.set = true
	return nil
}

// recorded is an analyzer setting's value as given, for the vet tool to
// parse: the analyzer's own flag is left as connlint.toml set it, so
// that the multichecker, should it run after all, parses the command
// line from the same start.
type recorded struct {
	value  string
	isBool bool
}

func (r *recorded) IsBoolFlag() bool   { return r.isBool }
func (r *recorded) String() string     { return r.value }
func (r *recorded) Set(s string) error { r.value = s; return nil }

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// downloadNotes returns go's "go: downloading" lines from go vet's
// standard error, which a first run on a machine prints; clean is false
// when it holds anything else.
func downloadNotes(stderr []byte) (notes []byte, clean bool) {
	sc := bufio.NewScanner(bytes.NewReader(stderr))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "go: downloading "):
			notes = append(notes, line+"\n"...)
		default:
			return nil, false
		}
	}
	return notes, true
}

// vetTree is go vet -json's output merged: package → analyzer →
// diagnostics (or {"error": ...}), kept as written.
type vetTree map[string]map[string]json.RawMessage

// decodeTrees merges the stream of objects go vet -json writes, one per
// package.
func decodeTrees(data []byte) (vetTree, error) {
	tree := vetTree{}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var obj vetTree
		if err := dec.Decode(&obj); err == io.EOF {
			return tree, nil
		} else if err != nil {
			return nil, err
		}
		for pkg, byAnalyzer := range obj {
			if tree[pkg] == nil {
				tree[pkg] = map[string]json.RawMessage{}
			}
			for a, v := range byAnalyzer {
				tree[pkg][a] = v
			}
		}
	}
}

// packagesOf returns the packages whose test files shape the output:
// each package of the tree, or for an external test package ("P_test")
// the package it tests.
func packagesOf(tree vetTree) []string {
	seen := map[string]bool{}
	var out []string
	for pkg := range tree {
		p := strings.TrimSuffix(pkg, "_test")
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// testFiles says which of a package's files are tests.
type testFiles struct {
	internal bool // it has _test.go files in its own package
	external bool // it has an external test package (P_test)
}

// listTests asks go list which of pkgs have test files.
func listTests(pkgs []string) (map[string]testFiles, error) {
	out := map[string]testFiles{}
	if len(pkgs) == 0 {
		return out, nil
	}
	args := append([]string{"list", "-e", "-f", "{{.ImportPath}}\t{{len .TestGoFiles}}\t{{len .XTestGoFiles}}"}, pkgs...)
	data, err := exec.Command("go", args...).Output()
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) == 3 {
			out[f[0]] = testFiles{internal: f[1] != "0", external: f[2] != "0"}
		}
	}
	return out, nil
}

// multicheckerShape returns the tree under the multichecker's package
// names (see Standalone).
func multicheckerShape(tree vetTree, tests map[string]testFiles) map[string]map[string]json.RawMessage {
	out := map[string]map[string]json.RawMessage{}
	for pkg, byAnalyzer := range tree {
		if base, ok := strings.CutSuffix(pkg, "_test"); ok && tests[base].external {
			out[pkg+" ["+base+".test]"] = byAnalyzer
			continue
		}
		if !tests[pkg].internal {
			out[pkg] = byAnalyzer
			continue
		}
		out[pkg+" ["+pkg+".test]"] = byAnalyzer
		if nonTest := withoutTestFiles(byAnalyzer); len(nonTest) > 0 {
			out[pkg] = nonTest
		}
	}
	return out
}

// withoutTestFiles returns the diagnostics not reported in _test.go
// files, by analyzer; an analyzer left with none is left out, as the
// multichecker leaves it out.
func withoutTestFiles(byAnalyzer map[string]json.RawMessage) map[string]json.RawMessage {
	out := map[string]json.RawMessage{}
	for a, raw := range byAnalyzer {
		var diags []json.RawMessage
		if json.Unmarshal(raw, &diags) != nil {
			out[a] = raw // {"error": ...}: the package's, not a file's
			continue
		}
		var kept []json.RawMessage
		for _, d := range diags {
			var at struct{ Posn string }
			if json.Unmarshal(d, &at) == nil && isTestFile(at.Posn) {
				continue
			}
			kept = append(kept, d)
		}
		if len(kept) > 0 {
			data, err := json.Marshal(kept)
			if err != nil {
				continue
			}
			out[a] = data
		}
	}
	return out
}

// isTestFile reports whether a position ("file:line:col") is in a
// _test.go file.
func isTestFile(posn string) bool {
	file := posn
	for range 2 {
		if i := strings.LastIndexByte(file, ':'); i >= 0 {
			file = file[:i]
		}
	}
	return strings.HasSuffix(filepath.Base(file), "_test.go")
}
