package cli

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// TestParseStandalone: the command lines handed to go vet carry every
// analyzer setting and the analyzers enabled or disabled; any other
// driver flag, a file list or text output stays in-process.
func TestParseStandalone(t *testing.T) {
	a := &analysis.Analyzer{Name: "alpha", Doc: "alpha", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	a.Flags.Int("max", 3, "")
	a.Flags.Bool("tests", false, "")
	b := &analysis.Analyzer{Name: "beta", Doc: "beta", Run: a.Run}
	all := []*analysis.Analyzer{a, b}
	for _, tc := range []struct {
		args  []string
		flags []string // nil: not handled
	}{
		{[]string{"-json", "./..."}, []string{"-alpha.max=3", "-alpha.tests=false"}},
		{[]string{"-json", "-alpha.max=9", "-alpha.tests", "-beta=false", "./a", "./b/..."},
			[]string{"-alpha.max=9", "-alpha.tests=true", "-beta=false"}},
		{[]string{"-json", "-alpha", "std"}, []string{"-alpha.max=3", "-alpha.tests=false", "-alpha=true"}},
		{[]string{"./..."}, nil},                          // text
		{[]string{"-json"}, nil},                          // no packages
		{[]string{"-json", "-fix", "./..."}, nil},         // a driver flag
		{[]string{"-json", "-test=false", "./..."}, nil},  // go vet always vets tests
		{[]string{"-json", "a.go", "b.go"}, nil},          // files
		{[]string{"-json", "-gamma", "./..."}, nil},       // unknown: the driver says so
		{[]string{"-json", "./...", "-alpha.max=1"}, nil}, // a flag after the packages
		{[]string{"-json", "-alpha.tests", "/tmp/x/vet.cfg"}, nil},
	} {
		run, ok := parseStandalone(tc.args, all)
		if ok != (tc.flags != nil) || ok && !reflect.DeepEqual(run.flags, tc.flags) {
			t.Errorf("%s: handled %v, flags %q; want %q", strings.Join(tc.args, " "), ok, run.flags, tc.flags)
		}
	}
	if f := a.Flags.Lookup("max"); f.Value.String() != "3" {
		t.Errorf("parsing changed the analyzer's flag to %s", f.Value)
	}
}

// TestMulticheckerShape: go vet's names become the multichecker's: a
// package with internal test files has them only in its test variant,
// an external test package is named by its test binary.
func TestMulticheckerShape(t *testing.T) {
	tree, err := decodeTrees([]byte(`{"m/p": {"x": [{"posn": "/m/p/p.go:1:1"}, {"posn": "/m/p/p_test.go:2:1"}], "y": [{"posn": "/m/p/in_test.go:3:1"}]}}
{"m/p_test": {"x": [{"posn": "/m/p/x_test.go:4:1"}]}}
{"m/q": {"x": [{"posn": "/m/q/q.go:5:1"}], "z": {"error": "boom"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := packagesOf(tree), []string{"m/p", "m/q"}; !reflect.DeepEqual(got, want) {
		t.Errorf("packagesOf = %q, want %q", got, want)
	}
	got := multicheckerShape(tree, map[string]testFiles{"m/p": {internal: true, external: true}, "m/q": {}})
	want := map[string]string{
		"m/p":                 `{"x":[{"posn":"/m/p/p.go:1:1"}]}`,
		"m/p [m/p.test]":      `{"x":[{"posn":"/m/p/p.go:1:1"},{"posn":"/m/p/p_test.go:2:1"}],"y":[{"posn":"/m/p/in_test.go:3:1"}]}`,
		"m/p_test [m/p.test]": `{"x":[{"posn":"/m/p/x_test.go:4:1"}]}`,
		"m/q":                 `{"x":[{"posn":"/m/q/q.go:5:1"}],"z":{"error":"boom"}}`,
	}
	if len(got) != len(want) {
		t.Errorf("packages %v, want %v", got, want)
	}
	for pkg, w := range want {
		data, err := json.Marshal(got[pkg])
		if err != nil {
			t.Fatal(err)
		}
		if string(data) != w {
			t.Errorf("%s: %s, want %s", pkg, data, w)
		}
	}
}
