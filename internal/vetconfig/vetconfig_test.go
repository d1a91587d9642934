package vetconfig

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers/bodylimit"
	"github.com/connlint/connlint/analyzers/pollinterval"
	"golang.org/x/tools/go/analysis"
)

// module writes a module with a package directory and, when toml is not
// empty, a connlint.toml at its root; it returns the package directory.
func module(t *testing.T, toml string) string {
	t.Helper()
	root := t.TempDir()
	write(t, filepath.Join(root, "go.mod"), "module example.com/m\n\ngo 1.22\n")
	if toml != "" {
		write(t, filepath.Join(root, "connlint.toml"), toml)
	}
	pkg := filepath.Join(root, "internal", "poll")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	return pkg
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// vetCfg writes the unitchecker .cfg file go vet passes for package dir.
func vetCfg(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "vet.cfg")
	write(t, path, `{"ID": "example.com/m/internal/poll", "Dir": "`+dir+`", "GoFiles": []}`)
	return path
}

// flagValue reads an analyzer flag and restores it when the test ends:
// the analyzers are package-level values shared by every test.
func flagValue(t *testing.T, a *analysis.Analyzer, name string) string {
	t.Helper()
	f := a.Flags.Lookup(name)
	old, oldDef := f.Value.String(), f.DefValue
	t.Cleanup(func() { f.Value.Set(old); f.DefValue = oldDef })
	return old
}

func TestVetReadsModuleConfig(t *testing.T) {
	analyzers := []*analysis.Analyzer{pollinterval.Analyzer, bodylimit.Analyzer}
	before := flagValue(t, pollinterval.Analyzer, "min")
	flagValue(t, bodylimit.Analyzer, "max")
	pkg := module(t, "[code]\npoll_min_interval = \"5m\"\nmax_body_size = \"2MiB\"\n")
	if err := Apply([]string{"-pollinterval.min=2h", vetCfg(t, pkg)}, analyzers); err != nil {
		t.Fatal(err)
	}
	if got := pollinterval.Analyzer.Flags.Lookup("min").Value.String(); got != "5m0s" || got == before {
		t.Errorf("pollinterval.min = %s, want 5m0s from connlint.toml (before: %s)", got, before)
	}
	if got := bodylimit.Analyzer.Flags.Lookup("max").Value.String(); got != "2m" {
		t.Errorf("bodylimit.max = %s, want 2m (2MiB, as the flag prints it)", got)
	}
	// The command line still wins: the driver parses it after Apply, and
	// Apply only moved the defaults.
	if err := pollinterval.Analyzer.Flags.Set("min", "2h"); err != nil {
		t.Fatal(err)
	}
	if got := pollinterval.Analyzer.Flags.Lookup("min").Value.String(); got != "2h0m0s" {
		t.Errorf("after the command line, pollinterval.min = %s, want 2h0m0s", got)
	}
}

func TestMultichecker(t *testing.T) {
	flagValue(t, pollinterval.Analyzer, "min")
	pkg := module(t, "[code]\npoll_min_interval = \"10m\"\n")
	t.Chdir(pkg)
	if err := Apply([]string{"./..."}, []*analysis.Analyzer{pollinterval.Analyzer}); err != nil {
		t.Fatal(err)
	}
	if got := pollinterval.Analyzer.Flags.Lookup("min").Value.String(); got != "10m0s" {
		t.Errorf("pollinterval.min = %s, want 10m0s from the working directory's module", got)
	}
}

func TestNoConfigLeavesDefaults(t *testing.T) {
	before := flagValue(t, pollinterval.Analyzer, "min")
	pkg := module(t, "")
	if err := Apply([]string{vetCfg(t, pkg)}, []*analysis.Analyzer{pollinterval.Analyzer}); err != nil {
		t.Fatal(err)
	}
	if got := pollinterval.Analyzer.Flags.Lookup("min").Value.String(); got != before {
		t.Errorf("pollinterval.min = %s, want the default %s", got, before)
	}
}

func TestBadConfigIsAnError(t *testing.T) {
	flagValue(t, pollinterval.Analyzer, "min")
	pkg := module(t, "[code]\npoll_interval = \"5m\"\n")
	err := Apply([]string{vetCfg(t, pkg)}, []*analysis.Analyzer{pollinterval.Analyzer})
	if err == nil || !strings.Contains(err.Error(), "poll_interval") || !strings.Contains(err.Error(), ":2") {
		t.Errorf("err = %v, want the unknown key with its line", err)
	}
}

func TestQueriesIgnoreConfig(t *testing.T) {
	pkg := module(t, "[code]\nbroken = \n")
	t.Chdir(pkg)
	for _, args := range [][]string{{"-flags"}, {"-V=full"}} {
		if err := Apply(args, []*analysis.Analyzer{pollinterval.Analyzer}); err != nil {
			t.Errorf("Apply(%v) = %v: go vet's queries must not read the configuration", args, err)
		}
	}
}

// TestToolIDFollowsConfig: go vet caches results under the tool's -V=full
// answer, so editing connlint.toml must change it, and nothing else may.
func TestToolIDFollowsConfig(t *testing.T) {
	pkg := module(t, "[code]\npoll_min_interval = \"5m\"\n")
	t.Chdir(pkg)
	id := func() string { return toolID(t) }
	first := id()
	if again := id(); again != first {
		t.Errorf("tool ID not stable: %q then %q", first, again)
	}
	write(t, filepath.Join(filepath.Dir(filepath.Dir(pkg)), "connlint.toml"), "[code]\npoll_min_interval = \"10m\"\n")
	if changed := id(); changed == first {
		t.Error("tool ID unchanged after connlint.toml changed: go vet would replay stale results")
	}
}

// TestFlagsOnly: under connlint check, which passes every setting as a
// flag, the tool reads no connlint.toml (not even a broken one) and its
// ID does not follow the file, but still differs from the ID of a plain
// go vet run.
func TestFlagsOnly(t *testing.T) {
	pkg := module(t, "[code]\nbroken = \n")
	t.Chdir(pkg)
	id := func() string { return toolID(t) }
	plain := id()
	t.Setenv(SettingsEnv, "flags")
	if err := Apply([]string{vetCfg(t, pkg)}, []*analysis.Analyzer{pollinterval.Analyzer}); err != nil {
		t.Errorf("Apply read connlint.toml: %v", err)
	}
	first := id()
	if first == plain {
		t.Error("the flags-only ID equals the plain one: go vet would mix their results")
	}
	write(t, filepath.Join(filepath.Dir(filepath.Dir(pkg)), "connlint.toml"), "[code]\npoll_min_interval = \"10m\"\n")
	if id() != first {
		t.Error("the flags-only ID changed with connlint.toml")
	}
}

// toolID is PrintToolID's answer, checked to be in the format go vet
// parses.
func toolID(t *testing.T) string {
	t.Helper()
	var b strings.Builder
	if err := PrintToolID(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), " version devel ") || !strings.Contains(b.String(), "buildID=") {
		t.Fatalf("-V=full answer %q is not in the format go vet parses", b.String())
	}
	return b.String()
}
