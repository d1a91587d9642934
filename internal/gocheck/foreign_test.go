package gocheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// flagFiles reports every file's package clause: a probe that finds
// something in any package, the standard library's too.
var flagFiles = &analysis.Analyzer{
	Name: "flagfiles",
	Doc:  "reports every file",
	Run: func(pass *analysis.Pass) (any, error) {
		for _, f := range pass.Files {
			pass.Reportf(f.Package, "file")
		}
		return nil, nil
	},
}

// TestForeignFindingsHidden: findings in GOROOT (or the module cache) are
// not the checked repository's to fix. Selected through an import path
// from a user's module, they are counted in Hidden, not reported; the
// user's own are reported; and checking GOROOT itself shows its findings.
func TestForeignFindingsHidden(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/app\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "app.go"), []byte("package app\n\nimport _ \"errors\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := Run(Options{Dir: dir, Patterns: []string{"errors", "./..."}}, []*analysis.Analyzer{flagFiles})
	if err != nil {
		t.Fatal(err)
	}
	if got := findings(out); len(got) != 1 || got[0] != "app.go:1:1" {
		t.Errorf("findings %v; want only app.go:1:1, the user's own", got)
	}
	if out.Hidden == 0 {
		t.Errorf("Hidden = 0; want the findings in GOROOT's errors package counted")
	}

	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(strings.TrimSpace(string(goroot)), "src")
	out, err = Run(Options{Dir: src, Patterns: []string{"errors"}}, []*analysis.Analyzer{flagFiles})
	if err != nil {
		t.Fatal(err)
	}
	if out.Hidden != 0 || len(out.Findings) == 0 {
		t.Errorf("checking GOROOT itself: %d findings, %d hidden; want them shown", len(out.Findings), out.Hidden)
	}
}
