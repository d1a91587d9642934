package analyzers_test

import (
	"testing"

	"golang.org/x/tools/go/analysis"
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

// Analyzer sets, by the issue that added them, so that each family's cost
// can be compared with the foundation's. suppress is left out of the
// families: it requires every rule analyzer, so it would run them all.
var (
	foundation  = []string{"transportreuse", "keepalive", "bodydrain", "tlsresume"}
	requestSide = []string{"bodylimit", "decompresslimit", "servertimeouts", "statuscode"}
	longLived   = []string{"reconnectbackoff", "pollinterval", "heartbeat"}
)

// set returns the analyzers named, from analyzers.All (nil: all of them).
func set(names ...[]string) []*analysis.Analyzer {
	all := analyzers.All()
	if names == nil {
		return all
	}
	want := map[string]bool{}
	for _, group := range names {
		for _, n := range group {
			want[n] = true
		}
	}
	var out []*analysis.Analyzer
	for _, a := range all {
		if want[a.Name] {
			out = append(out, a)
		}
	}
	return out
}

// benchmark runs the analyzers over pkgs (and, for the facts, over their
// dependencies) once per iteration; loading is not measured.
func benchmark(b *testing.B, pkgs []*packages.Package, as []*analysis.Analyzer) {
	b.ReportAllocs()
	for b.Loop() {
		graph, err := checker.Analyze(as, pkgs, nil)
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
	benchmark(b, load(b, "../testdata/demo", "./..."), set())
}

// BenchmarkNetHTTP runs the analyzers over net/http and everything it
// imports from GOROOT: a large body of code that mostly does not use what
// the analyzers look for, where the early exits must keep them cheap.
//
// The sub-benchmarks compare the families: the request-side and
// long-lived-connection analyzers must add little to the foundation's
// cost (the request-side issue allows at most 10 %).
func BenchmarkNetHTTP(b *testing.B) {
	pkgs := load(b, ".", "net/http")
	b.Run("foundation", func(b *testing.B) { benchmark(b, pkgs, set(foundation)) })
	b.Run("foundation+requestside", func(b *testing.B) { benchmark(b, pkgs, set(foundation, requestSide)) })
	b.Run("foundation+longlived", func(b *testing.B) { benchmark(b, pkgs, set(foundation, longLived)) })
	b.Run("all", func(b *testing.B) { benchmark(b, pkgs, set()) })
}
