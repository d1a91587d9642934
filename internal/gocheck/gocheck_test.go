package gocheck

import (
	"flag"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

func TestSetFlags(t *testing.T) {
	a := &analysis.Analyzer{Name: "probe", Flags: *flag.NewFlagSet("probe", flag.ContinueOnError)}
	limit := a.Flags.String("max", "1m", "limit")
	if err := setFlags([]*analysis.Analyzer{a}, map[string]map[string]string{"probe": {"max": "10m"}, "absent": {"x": "1"}}); err != nil {
		t.Fatal(err)
	}
	if *limit != "10m" {
		t.Errorf("-probe.max = %q, want 10m", *limit)
	}
	err := setFlags([]*analysis.Analyzer{a}, map[string]map[string]string{"probe": {"min": "1"}})
	if err == nil || !strings.Contains(err.Error(), "has no flag -probe.min") {
		t.Errorf("unknown flag: err = %v", err)
	}
}

func TestRelative(t *testing.T) {
	for _, c := range []struct{ root, name, want string }{
		{"/m", "/m/a/b.go", "a/b.go"},
		{"/m", "/m/a/b.go:3:4", "a/b.go:3:4"},
		{"/m", "/other/x.go", "/other/x.go"},
		{"/m", "rel.go", "rel.go"},
	} {
		if got := relative(c.root, c.name); got != c.want {
			t.Errorf("relative(%q, %q) = %q, want %q", c.root, c.name, got, c.want)
		}
	}
}
