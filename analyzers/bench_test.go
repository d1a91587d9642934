package analyzers_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/connlint/connlint/analyzers"
)

// load type-checks patterns from source, with their dependencies, as
// `connlint check` does.
func load(b *testing.B, dir string, patterns ...string) []*packages.Package {
	b.Helper()
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: dir}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		b.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		b.Fatal("packages have errors")
	}
	return pkgs
}

// benchmark runs every analyzer over pkgs (and, for the facts, over their
// dependencies) once per iteration; loading is not measured.
func benchmark(b *testing.B, pkgs []*packages.Package) {
	b.ReportAllocs()
	for b.Loop() {
		graph, err := checker.Analyze(analyzers.All(), pkgs, nil)
		if err != nil {
			b.Fatal(err)
		}
		for act := range graph.All() {
			if act.Err != nil {
				b.Fatal(act.Err)
			}
		}
	}
}

// BenchmarkDemo is a realistic IoT module: handlers, clients, websockets,
// MQTT (testdata/demo, with gorilla/websocket and paho).
func BenchmarkDemo(b *testing.B) {
	benchmark(b, load(b, "../testdata/demo", "./..."))
}

// BenchmarkNetHTTP runs the analyzers over net/http and everything it
// imports from GOROOT: a large body of code that mostly does not use what
// the analyzers look for, where the early exits must keep them cheap.
func BenchmarkNetHTTP(b *testing.B) {
	benchmark(b, load(b, ".", "net/http"))
}
