// Package atest prepares analysistest GOPATHs for connlint's analyzers.
//
// Analyzer tests model real code, which imports gin, echo, chi, gorilla,
// coder/websocket and paho. Minimal stand-ins of those packages live once,
// in analyzers/internal/atest/testdata/src; Dir merges them with an analyzer's
// own testdata/src into a temporary GOPATH, so no analyzer carries its own
// copy of the stubs.
package atest

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

func init() {
	// Every analysistest run type-checks net/http and its ~150
	// dependencies from source, and the trees die with the run. Under the
	// default GOGC of 100 the collector spends about a third of an
	// analyzer test's CPU on them; at 400 the tests take a third less CPU
	// for a heap that peaks near 1.4 GB.
	debug.SetGCPercent(400)
}

// Run checks the "// want" comments of the fixture packages patterns,
// from the analyzer's testdata merged with the stubs (see Dir), running a
// with its current flags. A test names every fixture of one flag setting
// in one call: each call loads the standard library behind net/http from
// source again, which is most of its cost.
func Run(t *testing.T, a *analysis.Analyzer, patterns ...string) []*analysistest.Result {
	t.Helper()
	return analysistest.Run(t, Dir(t, analysistest.TestData()), a, patterns...)
}

// Only returns the results of the package whose import path is path,
// with its test variant when it has one. It fails the test when there
// are none, so a test of those results cannot pass on nothing.
func Only(t testing.TB, results []*analysistest.Result, path string) []*analysistest.Result {
	t.Helper()
	var own []*analysistest.Result
	for _, r := range results {
		if r.Action.Package.PkgPath == path {
			own = append(own, r)
		}
	}
	if len(own) == 0 {
		t.Fatalf("no result for package %s", path)
	}
	return own
}

// Dir returns a temporary GOPATH holding the shared library stubs and the
// files of testdata (an analyzer's testdata directory, with src/ inside).
// Files of testdata win over stubs of the same path.
func Dir(t testing.TB, testdata string) string {
	t.Helper()
	_, self, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("atest: cannot locate the stubs directory")
	}
	dst := t.TempDir()
	for _, src := range []string{filepath.Join(filepath.Dir(self), "testdata"), testdata} {
		if err := copyTree(src, dst); err != nil {
			t.Fatalf("atest: %v", err)
		}
	}
	return dst
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// SetFlag sets the flag name of analyzer a to value for the duration of
// the test, restoring the previous value afterwards.
func SetFlag(t testing.TB, a *analysis.Analyzer, name, value string) {
	t.Helper()
	f := a.Flags.Lookup(name)
	if f == nil {
		t.Fatalf("analyzer %s has no flag %q", a.Name, name)
	}
	old := f.Value.String()
	if err := f.Value.Set(value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Value.Set(old) })
}

// TestCodePolicy checks an analyzer's -tests flag on the packages named
// by patterns, whose files hold test code (see lint.IsTestCode) with
// "// want" comments for what the analyzer reports once test code is
// included. With -tests=true the analyzer must report exactly what the
// comments want; by default it must report nothing there. The default
// run analyzes the packages the first run loaded, so the standard
// library is type-checked once.
func TestCodePolicy(t *testing.T, dir string, a *analysis.Analyzer, patterns ...string) {
	t.Helper()
	var results []*analysistest.Result
	t.Run("tests=true", func(t *testing.T) {
		SetFlag(t, a, "tests", "true")
		results = analysistest.Run(t, dir, a, patterns...)
	})
	t.Run("default", func(t *testing.T) {
		if len(results) == 0 {
			t.Fatalf("no package matched %v", patterns)
		}
		var pkgs []*packages.Package
		for _, r := range results {
			pkgs = append(pkgs, r.Action.Package)
		}
		graph, err := checker.Analyze([]*analysis.Analyzer{a}, pkgs, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, act := range graph.Roots {
			if act.Err != nil {
				t.Errorf("%s: %v", act.Package.PkgPath, act.Err)
			}
			for _, d := range act.Diagnostics {
				t.Errorf("%s: reported in test code by default: %s", act.Package.Fset.Position(d.Pos), d.Message)
			}
		}
	})
}
