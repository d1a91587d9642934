package gocheck

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// tree writes files (name → content) under a new directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
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

func gomod(path string) string { return "module " + path + "\n\ngo 1.22\n" }

// plan resolves patterns under root and describes the load calls as
// "dir [GOWORK=...] patterns", paths relative to root.
func plan(t *testing.T, root string, patterns ...string) (units []string, problems []string, p *planner) {
	t.Helper()
	p = newPlanner(root)
	var pats []*pattern
	for _, text := range patterns {
		pat, err := p.resolve(text)
		if err != nil {
			p.problems = append(p.problems, err.Error())
			continue
		}
		pats = append(pats, pat)
	}
	for _, u := range p.units(pats) {
		work := u.gowork
		if work != "off" {
			work = p.rel(work)
		}
		units = append(units, fmt.Sprintf("%s GOWORK=%s %s", p.rel(u.dir), work, strings.Join(u.patterns, " ")))
	}
	return units, p.problems, p
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot:\n\t%s\nwant:\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestPlanModules(t *testing.T) {
	t.Setenv("GOWORK", "")
	root := tree(t, map[string]string{
		"go.mod":                               gomod("example.com/root"),
		"main.go":                              "package main\n",
		"services/api/go.mod":                  gomod("example.com/api"),
		"services/api/cmd/x.go":                "package main\n",
		"services/worker/go.mod":               gomod("example.com/worker"),
		"services/worker/internal/q/q.go":      "package q\n",
		"services/worker/testdata/m/go.mod":    gomod("example.com/fixture"),
		"vendor/example.com/v/go.mod":          gomod("example.com/v"),
		"web/node_modules/x/go.mod":            gomod("example.com/x"),
		".github/tool/go.mod":                  gomod("example.com/tool"),
		"_old/go.mod":                          gomod("example.com/old"),
		"services/worker/testdata/m/broken.go": "package broken\n",
	})
	units, problems, _ := plan(t, root, "./...")
	same(t, "units of ./...", units, []string{
		". GOWORK=off ./...",
		"services/api GOWORK=off ./...",
		"services/worker GOWORK=off ./...",
	})
	same(t, "problems", problems, nil)

	units, _, _ = plan(t, root, "./services/worker/internal/...", "./services/api/cmd")
	same(t, "units of patterns inside modules", units, []string{
		"services/worker GOWORK=off ./internal/...",
		"services/api GOWORK=off ./cmd",
	})
}

// TestPlanInsideModule: DIR below a module's root (no go.mod of its own)
// selects that module's packages under DIR, as `go vet ./...` run there.
func TestPlanInsideModule(t *testing.T) {
	t.Setenv("GOWORK", "")
	root := tree(t, map[string]string{
		"go.mod":          gomod("example.com/root"),
		"internal/a/a.go": "package a\n",
	})
	units, problems, _ := plan(t, filepath.Join(root, "internal"), "./...")
	same(t, "units", units, []string{root + " GOWORK=off ./internal/..."})
	same(t, "problems", problems, nil)
}

func TestPlanWorkspace(t *testing.T) {
	t.Setenv("GOWORK", "")
	root := tree(t, map[string]string{
		"go.work":       "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n",
		"a/go.mod":      gomod("example.com/a"),
		"b/go.mod":      gomod("example.com/b"),
		"c/go.mod":      gomod("example.com/c"), // not in the workspace
		"nested/go.mod": gomod("example.com/nested"),
	})
	units, problems, _ := plan(t, root, "./...")
	same(t, "units", units, []string{
		". GOWORK=go.work ./a/... ./b/...",
		"c GOWORK=off ./...",
		"nested GOWORK=off ./...",
	})
	same(t, "problems", problems, nil)

	t.Setenv("GOWORK", "off")
	units, _, _ = plan(t, root, "./...")
	same(t, "units with GOWORK=off", units, []string{
		"a GOWORK=off ./...",
		"b GOWORK=off ./...",
		"c GOWORK=off ./...",
		"nested GOWORK=off ./...",
	})
}

// TestPlanBadInput: each problem is one line naming the file (and line);
// the modules that are fine are still planned.
func TestPlanBadInput(t *testing.T) {
	t.Setenv("GOWORK", "")
	cases := []struct {
		name     string
		files    map[string]string
		patterns []string
		units    []string
		problem  string // regexp
	}{
		{
			name:     "broken go.mod",
			files:    map[string]string{"ok/go.mod": gomod("example.com/ok"), "bad/go.mod": "module example.com/bad\n\ngo 1.22\n\nrequire (\n\texample.com/x\n"},
			patterns: []string{"./..."},
			units:    []string{"ok GOWORK=off ./..."},
			problem:  `^bad/go\.mod:\d+: `,
		},
		{
			name:     "go.work naming a missing module",
			files:    map[string]string{"go.work": "go 1.22\n\nuse ./a\nuse ./gone\n", "a/go.mod": gomod("example.com/a")},
			patterns: []string{"./..."},
			units:    []string{"a GOWORK=off ./..."},
			problem:  `^go\.work:4: use \./gone: no go\.mod in gone$`,
		},
		{
			name:     "unparsable go.work",
			files:    map[string]string{"go.work": "go 1.22\nuse (\n", "a/go.mod": gomod("example.com/a")},
			patterns: []string{"./..."},
			units:    []string{"a GOWORK=off ./..."},
			problem:  `^go\.work:\d+: `,
		},
		{
			name:     "missing directory",
			files:    map[string]string{"go.mod": gomod("example.com/m")},
			patterns: []string{"./cmd/...", "."},
			units:    []string{". GOWORK=off ."},
			problem:  `^pattern \./cmd/\.\.\.: cmd is not a directory$`,
		},
		{
			name:     "pattern outside any module",
			files:    map[string]string{"scripts/x.go": "package main\n"},
			patterns: []string{"./scripts"},
			problem:  `^pattern \./scripts: no Go module \(go\.mod\) holds scripts$`,
		},
		{
			name:     "unsupported wildcard",
			files:    map[string]string{"go.mod": gomod("example.com/m")},
			patterns: []string{"./cmd/foo..."},
			problem:  `^pattern \./cmd/foo\.\.\.: only a trailing /\.\.\. is supported`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := tree(t, tc.files)
			units, problems, _ := plan(t, root, tc.patterns...)
			same(t, "units", units, tc.units)
			if len(problems) != 1 || !regexp.MustCompile(tc.problem).MatchString(problems[0]) {
				t.Errorf("problems = %q, want one matching %s", problems, tc.problem)
			}
		})
	}
}

func TestPlanNoGo(t *testing.T) {
	t.Setenv("GOWORK", "")
	root := tree(t, map[string]string{"nginx/nginx.conf": "events {}\n", "README.md": "ops\n"})
	units, problems, p := plan(t, root, "./...")
	if len(units) != 0 || len(problems) != 0 {
		t.Fatalf("units %q, problems %q; want none", units, problems)
	}
	if note := p.noGoNote("ops"); note != "no Go module (go.mod) in ops: the Go analyzers did not run" {
		t.Errorf("note = %q", note)
	}
	root = tree(t, map[string]string{"tool/main.go": "package main\n", "tool/util.go": "package main\n", "vendor/x/x.go": "package x\n"})
	_, _, p = plan(t, root, "./...")
	if note := p.noGoNote("ops"); !strings.Contains(note, "ops has 2 .go files but no go.mod") {
		t.Errorf("note = %q", note)
	}
}

func TestPlanUnreadableDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	t.Setenv("GOWORK", "")
	root := tree(t, map[string]string{"a/go.mod": gomod("example.com/a"), "locked/b/go.mod": gomod("example.com/b")})
	locked := filepath.Join(root, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	units, problems, _ := plan(t, root, "./...")
	same(t, "units", units, []string{"a GOWORK=off ./..."})
	if len(problems) != 1 || !strings.HasPrefix(problems[0], "locked: cannot read: ") {
		t.Errorf("problems = %q", problems)
	}
}
