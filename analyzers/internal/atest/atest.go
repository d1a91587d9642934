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
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

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
// included. By default the analyzer must report nothing there; with
// -tests=true it must report exactly what the comments want.
func TestCodePolicy(t *testing.T, dir string, a *analysis.Analyzer, patterns ...string) {
	t.Helper()
	t.Run("default", func(t *testing.T) {
		// The wants are not met on purpose: only the diagnostics count.
		results := analysistest.Run(discard{}, dir, a, patterns...)
		if len(results) == 0 {
			t.Fatalf("no package matched %v", patterns)
		}
		for _, r := range results {
			if r.Err != nil {
				t.Errorf("%s: %v", r.Pass.Pkg.Path(), r.Err)
			}
			for _, d := range r.Diagnostics {
				t.Errorf("%s: reported in test code by default: %s", r.Pass.Fset.Position(d.Pos), d.Message)
			}
		}
	})
	t.Run("tests=true", func(t *testing.T) {
		SetFlag(t, a, "tests", "true")
		analysistest.Run(t, dir, a, patterns...)
	})
}

// discard is an analysistest.Testing that ignores failed expectations.
type discard struct{}

func (discard) Errorf(string, ...any) {}
