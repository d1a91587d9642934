package report

import (
	"path/filepath"
	"testing"
)

// TestRebase: every file name of a finding — position, end, related
// positions, fix edits — moves to the new root; the input is unchanged.
func TestRebase(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "services", "api")
	in := sample()
	got := Rebase(in, dir, root)
	f := got[1]
	if f.File != "services/api/a/x.go" || f.End.File != f.File || f.Related[0].File != "services/api/a/helper.go" {
		t.Errorf("rebased positions: %+v", f)
	}
	e := f.Fixes[0].Edits[0]
	if e.File != f.File || e.Start.File != f.File || e.End.File != f.File {
		t.Errorf("rebased edit: %+v", e)
	}
	if in[1].File != "a/x.go" || in[1].Related[0].File != "a/helper.go" || in[1].Fixes[0].Edits[0].File != "a/x.go" {
		t.Errorf("Rebase modified its input: %+v", in[1])
	}
	if got := Rebase(in, root, root)[0].File; got != in[0].File {
		t.Errorf("the same root: %q, want %q", got, in[0].File)
	}
}
