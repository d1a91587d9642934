package runmemo

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/connlint/connlint/internal/records"
	"github.com/connlint/connlint/internal/report"
)

func TestMain(m *testing.M) {
	// Entries go to a cache of the test's own, not the user's.
	dir, err := os.MkdirTemp("", "runmemo-cache")
	if err != nil {
		panic(err)
	}
	os.Setenv("CONNLINT_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// layout is a checked directory inside a parent module directory, with a
// local replace pointing outside it.
type layout struct {
	parent, dir, replaced string
}

func newLayout(t *testing.T) layout {
	t.Helper()
	parent := t.TempDir()
	l := layout{parent: parent, dir: filepath.Join(parent, "repo"), replaced: filepath.Join(parent, "lib")}
	write(t, filepath.Join(l.dir, "go.mod"), "module example.com/repo\n\ngo 1.22\n\nreplace example.com/lib => ../lib\n")
	write(t, filepath.Join(l.dir, "main.go"), "package main\n\nfunc main() {}\n")
	write(t, filepath.Join(l.dir, ".git", "HEAD"), "ref: refs/heads/main\n")
	write(t, filepath.Join(l.dir, "web", "node_modules", "x", "index.js"), "module.exports = 1\n")
	// The parent is a module too, with its go.sum, as when the checked
	// directory is a module's testdata.
	write(t, filepath.Join(parent, "go.mod"), "module example.com/parent\n\ngo 1.22\n")
	write(t, filepath.Join(parent, "go.sum"), "example.com/x v1.0.0 h1:abc=\n")
	write(t, filepath.Join(l.replaced, "go.mod"), "module example.com/lib\n")
	write(t, filepath.Join(l.replaced, "lib.go"), "package lib\n")
	return l
}

// written counts the writes, each of which gets its own modification
// time, an hour ago: older than the racy window, and distinct.
var written atomic.Int64

// write writes name, with a modification time no other write has.
func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour + time.Duration(written.Add(1))*time.Millisecond)
	if err := os.Chtimes(name, at, at); err != nil {
		t.Fatal(err)
	}
}

func key(t *testing.T, p Params) string {
	t.Helper()
	k, ok := Key(p)
	if !ok {
		t.Fatalf("no key for %+v", p)
	}
	return k
}

func clearEnv(t *testing.T) {
	t.Setenv("CONNLINT_VET_TRACE", "")
	t.Setenv("CONNLINT_CACHE", "")
	t.Setenv("GOFLAGS", "")
	t.Setenv("GOWORK", "")
}

// TestKey: every input go vet reads changes the key; what it does not
// read leaves the key alone.
func TestKey(t *testing.T) {
	clearEnv(t)
	changes := []struct {
		name   string
		change func(t *testing.T, l layout, p *Params)
	}{
		{"a file edited in place (same size)", func(t *testing.T, l layout, p *Params) {
			write(t, filepath.Join(l.dir, "main.go"), "package main\n\nfunc mian() {}\n")
		}},
		{"a file added", func(t *testing.T, l layout, p *Params) {
			write(t, filepath.Join(l.dir, "pkg", "new.go"), "package pkg\n")
		}},
		{"a file removed", func(t *testing.T, l layout, p *Params) {
			os.Remove(filepath.Join(l.dir, "main.go"))
		}},
		{"a file of the replaced module outside the directory", func(t *testing.T, l layout, p *Params) {
			write(t, filepath.Join(l.replaced, "lib.go"), "package lib\n\nvar X int\n")
		}},
		{"a go.work in a parent directory", func(t *testing.T, l layout, p *Params) {
			write(t, filepath.Join(l.parent, "go.work"), "go 1.22\n\nuse ./repo\n")
		}},
		{"the go.sum of a parent module", func(t *testing.T, l layout, p *Params) {
			write(t, filepath.Join(l.parent, "go.sum"), "example.com/x v1.0.1 h1:abcd=\n")
		}},
		{"an environment variable of go", func(t *testing.T, l layout, p *Params) {
			t.Setenv("GOFLAGS", "-tags=integration")
		}},
		{"an analyzer flag", func(t *testing.T, l layout, p *Params) {
			p.Flags = map[string]map[string]string{"pollinterval": {"min": "2h"}}
		}},
		{"the patterns", func(t *testing.T, l layout, p *Params) { p.Patterns = []string{"./cmd/..."} }},
		{"the tests setting", func(t *testing.T, l layout, p *Params) { p.Tests = false }},
	}
	for _, c := range changes {
		t.Run(c.name, func(t *testing.T) {
			l := newLayout(t)
			p := Params{Dir: l.dir, Tests: true, Flags: map[string]map[string]string{"pollinterval": {"min": "1h"}}}
			before := key(t, p)
			if again := key(t, p); again != before {
				t.Fatal("the key changed with nothing changed")
			}
			c.change(t, l, &p)
			if after := key(t, p); after == before {
				t.Errorf("the key did not change")
			}
		})
	}
	t.Run("the report file the run writes", func(t *testing.T) {
		l := newLayout(t)
		p := Params{Dir: l.dir, Output: filepath.Join(l.dir, "connlint.sarif")}
		write(t, p.Output, "{}")
		before := key(t, p)
		write(t, p.Output, `{"runs": []}`)
		if after := key(t, p); after != before {
			t.Errorf("the key changed with the report file")
		}
	})
	t.Run("version control and node_modules", func(t *testing.T) {
		l := newLayout(t)
		p := Params{Dir: l.dir}
		before := key(t, p)
		write(t, filepath.Join(l.dir, ".git", "HEAD"), "ref: refs/heads/other\n")
		write(t, filepath.Join(l.dir, "web", "node_modules", "x", "index.js"), "module.exports = 2\n")
		if after := key(t, p); after != before {
			t.Errorf("the key changed with files no check reads")
		}
	})
}

// TestNoKey: runs whose inputs the fingerprint cannot follow, and runs
// the cache is off for, are never remembered.
func TestNoKey(t *testing.T) {
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, l layout)
	}{
		{"CONNLINT_CACHE=off", func(t *testing.T, l layout) { t.Setenv("CONNLINT_CACHE", "off") }},
		{"CONNLINT_VET_TRACE set", func(t *testing.T, l layout) { t.Setenv("CONNLINT_VET_TRACE", filepath.Join(l.parent, "trace")) }},
		{"GOFLAGS with -modfile", func(t *testing.T, l layout) { t.Setenv("GOFLAGS", "-modfile="+filepath.Join(l.parent, "alt.mod")) }},
		{"GOFLAGS with -overlay", func(t *testing.T, l layout) { t.Setenv("GOFLAGS", "-overlay="+filepath.Join(l.parent, "o.json")) }},
		{"GOWORK naming a file", func(t *testing.T, l layout) { t.Setenv("GOWORK", filepath.Join(l.parent, "go.work")) }},
		{"a go.mod that does not parse", func(t *testing.T, l layout) {
			write(t, filepath.Join(l.dir, "go.mod"), "module example.com/repo\nreplace (\n")
		}},
		{"a file modified within the racy window", func(t *testing.T, l layout) {
			if err := os.WriteFile(filepath.Join(l.dir, "main.go"), []byte("package main\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			clearEnv(t)
			l := newLayout(t)
			c.setup(t, l)
			if k, ok := Key(Params{Dir: l.dir}); ok {
				t.Errorf("got key %s; want none", k)
			}
		})
	}
}

// TestStoreLoad: an output comes back as it was stored, with the records'
// literals; an unknown key is a miss.
func TestStoreLoad(t *testing.T) {
	clearEnv(t)
	l := newLayout(t)
	k := key(t, Params{Dir: l.dir})
	if _, ok := Load(k); ok {
		t.Fatal("a hit before anything was stored")
	}
	out := &Output{
		Findings: []report.Finding{{Rule: "bodylimit", Position: report.Position{File: "main.go", Line: 3, Column: 2}, Message: "m",
			Related: []report.Related{{Message: "here"}}}},
		Heartbeats: []records.Heartbeat{{Kind: records.WebSocketPing, Func: "p.f", Interval: records.Value{Duration: time.Minute, Known: true,
			Literal: &records.Literal{File: "/x/p.go", Offset: 10, End: 12, Seconds: true}}}},
		Servers: []records.Server{{Addr: ":8080", IdleFrom: records.NoIdleTimeout, Idle: records.Value{Known: true}}},
		Root:    l.dir,
		Note:    "note",
		Hidden:  2,
	}
	Store(k, out)
	got, ok := Load(k)
	if !ok {
		t.Fatal("stored output not found")
	}
	if !reflect.DeepEqual(got, out) {
		t.Errorf("loaded %+v\nwant %+v", got, out)
	}
}

// BenchmarkKey fingerprints a tree of 5,000 files in 100 directories, the
// size of a large service repository: what a remembered run costs.
//
//	go test -run XXX -bench Key ./internal/runmemo
func BenchmarkKey(b *testing.B) {
	dir := b.TempDir()
	old := time.Now().Add(-time.Hour)
	for d := range 100 {
		for f := range 50 {
			name := filepath.Join(dir, fmt.Sprintf("pkg%03d", d), fmt.Sprintf("f%02d.go", f))
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(name, []byte("package p\n"), 0o644); err != nil {
				b.Fatal(err)
			}
			if err := os.Chtimes(name, old, old); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Setenv("CONNLINT_VET_TRACE", "")
	b.Setenv("CONNLINT_CACHE", "")
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := Key(Params{Dir: dir}); !ok {
			b.Fatal("no key")
		}
	}
}
