package depcache

import (
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"go/build"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/connlint/connlint/analyzers"
	"github.com/connlint/connlint/internal/gocheck"
)

// TestStandardFactsIgnoreFlags is what makes caching the standard
// library's vetx files across configurations sound: with every flag of
// every analyzer changed from its default, connlint learns the same facts
// about standard-library packages.
func TestStandardFactsIgnoreFlags(t *testing.T) {
	all := append(analyzers.All(), gocheck.NewResults(analyzers.All()))
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax},
		"net/http/httputil", "net/http/httptest", "net/rpc", "crypto/tls")
	if err != nil {
		t.Fatal(err)
	}
	defaults := standardFacts(t, all, pkgs)
	if len(defaults) < 50 {
		t.Fatalf("only %d standard-library facts with the default flags: the test proves nothing", len(defaults))
	}
	changed := changeEveryFlag(t, all)
	if changed < 10 {
		t.Fatalf("only %d flags changed", changed)
	}
	diff(t, defaults, standardFacts(t, all, pkgs))
}

// standardFacts returns every fact the analyzers export about
// standard-library objects and packages, one line each, sorted.
func standardFacts(t *testing.T, all []*analysis.Analyzer, pkgs []*packages.Package) []string {
	t.Helper()
	graph, err := checker.Analyze(all, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var facts []string
	for act := range graph.All() {
		for _, f := range act.AllObjectFacts() {
			facts = append(facts, fmt.Sprintf("%s %s.%s %v", act.Analyzer.Name, f.Object.Pkg().Path(), f.Object.Name(), f.Fact))
		}
		for _, f := range act.AllPackageFacts() {
			facts = append(facts, fmt.Sprintf("%s %s %v", act.Analyzer.Name, f.Package.Path(), f.Fact))
		}
	}
	sort.Strings(facts)
	return compact(facts)
}

func compact(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// changeEveryFlag sets every analyzer flag to a value other than its
// default (restored when the test ends) and returns how many it changed.
func changeEveryFlag(t *testing.T, all []*analysis.Analyzer) int {
	t.Helper()
	n := 0
	for _, a := range all {
		a.Flags.VisitAll(func(f *flag.Flag) {
			t.Cleanup(func() { _ = f.Value.Set(f.DefValue) })
			for _, v := range []string{"true", "false", "1s", "3h", "1KB", "7"} {
				if v != f.DefValue && f.Value.Set(v) == nil && f.Value.String() != f.DefValue {
					n++
					return
				}
			}
			t.Errorf("-%s.%s: no value other than %q is accepted", a.Name, f.Name, f.DefValue)
		})
	}
	return n
}

func diff(t *testing.T, want, got []string) {
	t.Helper()
	w, g := strings.Join(want, "\n"), strings.Join(got, "\n")
	if w != g {
		t.Errorf("standard-library facts differ with the flags changed:\ndefaults:\n%s\nchanged:\n%s", w, g)
	}
}

// TestBuildID reads the test binary's Go build ID as go tool buildid does.
func TestBuildID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	got, ok := ExecutableID()
	if want := strings.TrimSpace(string(out)); !ok || got != want {
		t.Errorf("ExecutableID() = %q, %v; want %q", got, ok, want)
	}
}

// testUnit writes a unit with one file and one import and returns it.
func testUnit(t *testing.T) *unit {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "a.go")
	imp := filepath.Join(dir, "imported.vetx")
	write(t, src, "package a\n")
	write(t, imp, "types and facts of b")
	u := &unit{ImportPath: "a", Dir: dir, GoFiles: []string{src}, VetxOnly: true,
		PackageVetx: map[string]string{"b": imp}, VetxOutput: filepath.Join(dir, "vet.out")}
	u.raw = map[string]json.RawMessage{}
	for k, v := range map[string]string{"ImportPath": `"a"`, "GoFiles": `["` + src + `"]`, "VetxOutput": `"x"`} {
		u.raw[k] = []byte(v)
	}
	return u
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func testCache(t *testing.T) *cache {
	t.Helper()
	t.Setenv("CONNLINT_CACHE_DIR", t.TempDir())
	c, ok := open()
	if !ok {
		t.Fatal("open failed")
	}
	return c
}

// TestKey: a unit's key follows its files, its imports' vetx contents and
// its description, and not the paths of this run's work files.
func TestKey(t *testing.T) {
	c := testCache(t)
	u := testUnit(t)
	key := func() string {
		t.Helper()
		k, ok := u.key(c.fileImports(u, true))
		if !ok {
			t.Fatal("no key")
		}
		return k
	}
	base := key()
	u.raw["VetxOutput"] = []byte(`"elsewhere"`)
	if key() != base {
		t.Error("the key changed with the output path")
	}
	future := time.Now().Add(time.Hour)
	if err := os.Chtimes(u.GoFiles[0], future, future); err != nil {
		t.Fatal(err)
	}
	touched := key()
	if touched == base {
		t.Error("the key did not change with a file's time")
	}
	write(t, u.PackageVetx["b"], "other facts of b")
	if key() == touched {
		t.Error("the key did not change with an import's vetx")
	}
	u.raw["GoVersion"] = []byte(`"go1.99"`)
	before := key()
	u.raw["GoVersion"] = []byte(`"go1.98"`)
	if key() == before {
		t.Error("the key did not change with the unit's description")
	}
	delete(u.PackageVetx, "b")
	u.PackageVetx["c"] = filepath.Join(t.TempDir(), "missing")
	if k, ok := u.key(c.fileImports(u, true)); ok {
		t.Errorf("a key (%s) for a unit whose import has no vetx file", k)
	}
}

// TestPendingFiled: a unit's pending note is filed by the unit that
// imports it, and the entry is then served; a damaged entry is not.
func TestPendingFiled(t *testing.T) {
	c := testCache(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "b.vetx")
	key := fmt.Sprintf("%x", sha256.Sum256([]byte("b's key")))
	c.notePending(out, key)
	write(t, out, "types and facts of b")
	importer := &unit{PackageVetx: map[string]string{"b": out}}
	if sums := c.fileImports(importer, false); len(sums) != 1 {
		t.Fatalf("the noted import was not read: %v", sums)
	}
	if _, err := os.Stat(c.note(out)); !os.IsNotExist(err) {
		t.Errorf("the note was not removed: %v", err)
	}
	dst := filepath.Join(dir, "copy")
	if !c.copyTo(key, dst) {
		t.Fatal("the filed entry is not served")
	}
	if data, _ := os.ReadFile(dst); string(data) != "types and facts of b" {
		t.Errorf("served %q", data)
	}
	data, err := os.ReadFile(c.entry(key))
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-1] ^= 1
	write(t, c.entry(key), string(data))
	if c.copyTo(key, filepath.Join(dir, "copy2")) {
		t.Error("a damaged entry was served")
	}
}

// TestStaleNote: a note written after the file it names (an earlier run's
// note in a reused directory) files nothing.
func TestStaleNote(t *testing.T) {
	c := testCache(t)
	out := filepath.Join(t.TempDir(), "b.vetx")
	write(t, out, "old")
	past := time.Now().Add(-time.Hour)
	if err := os.Chtimes(out, past, past); err != nil {
		t.Fatal(err)
	}
	key := fmt.Sprintf("%x", sha256.Sum256([]byte("k")))
	c.notePending(out, key)
	c.fileImports(&unit{PackageVetx: map[string]string{"b": out}}, false)
	if c.copyTo(key, filepath.Join(t.TempDir(), "copy")) {
		t.Error("a stale note was filed")
	}
}

func TestInGoroot(t *testing.T) {
	root := build.Default.GOROOT
	for dir, want := range map[string]bool{
		filepath.Join(root, "src", "net", "http"): true,
		filepath.Join(root, "src"):                false,
		filepath.Join(root, "srcx", "net"):        false,
		t.TempDir():                               false,
	} {
		if got := inGoroot(dir); got != want {
			t.Errorf("inGoroot(%s) = %v, want %v", dir, got, want)
		}
	}
}
