package analyzers_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/connlint/connlint/analyzers"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
)

// TestInspectorOnlyWhereWalked: under go vet every fact-using analyzer
// also runs on each dependency, most of the standard library among them.
// A package that cannot hold what any analyzer looks for must not have
// its syntax indexed (that index was most of the memory connlint added to
// a vet unit), and one that some analyzer learns from must: io/ioutil
// declares functions taking an io.Reader, which bodydrain summarises.
func TestInspectorOnlyWhereWalked(t *testing.T) {
	want := map[string]bool{
		"strings":      false,
		"sort":         false,
		"unicode/utf8": false,
		"io/ioutil":    true,
	}
	var patterns []string
	for path := range want {
		patterns = append(patterns, path)
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.LoadAllSyntax}, patterns...)
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("packages have errors")
	}
	// lazyinspect is named as a root too: the checker keeps the results
	// of root actions only.
	graph, err := checker.Analyze(append(analyzers.All(), lazyinspect.Analyzer), pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for act := range graph.All() {
		if act.Err != nil {
			t.Fatalf("%s on %s: %v", act.Analyzer.Name, act.Package.PkgPath, act.Err)
		}
		built, ok := want[act.Package.PkgPath]
		if !ok || act.Analyzer != lazyinspect.Analyzer {
			continue
		}
		seen[act.Package.PkgPath] = true
		if got := act.Result.(*lazyinspect.Lazy).Built(); got != built {
			t.Errorf("%s: inspector built = %v, want %v", act.Package.PkgPath, got, built)
		}
	}
	for path := range want {
		if !seen[path] {
			t.Errorf("lazyinspect did not run on %s", path)
		}
	}
}
