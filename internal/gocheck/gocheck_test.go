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

// TestSortUserFirst: the failure line shows the cause a user can act on.
// A module the go command could not download explains the type errors
// that follow from it, so it comes first; then the user's own files; then
// GOROOT and the module cache.
func TestSortUserFirst(t *testing.T) {
	msgs := []string{
		"/usr/local/go/src/net/http/server.go:10:2: something",
		"clients/command.go:13:2: \"strconv\" imported and not used",
		"example.com/x: no Go files",
		"clients/command.go:16:2: github.com/a/b/v4@v4.1.0-dev.39: reading https://proxy.golang.org/github.com/a/b/v4/@v/v4.1.0-dev.39.zip: 403 Forbidden",
	}
	sortUserFirst(msgs)
	want := []string{
		"clients/command.go:16:2: github.com/a/b/v4@v4.1.0-dev.39: reading https://proxy.golang.org/github.com/a/b/v4/@v/v4.1.0-dev.39.zip: 403 Forbidden",
		"clients/command.go:13:2: \"strconv\" imported and not used",
		"example.com/x: no Go files",
		"/usr/local/go/src/net/http/server.go:10:2: something",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("order:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	missing := []string{"a.go:3:2: undefined: x", "a.go:1:8: no required module provides package github.com/c/d; to add it: go get github.com/c/d"}
	sortUserFirst(missing)
	if !strings.Contains(missing[0], "no required module") {
		t.Errorf("a package no module provides must come first: %q", missing)
	}
	cgo := []string{
		"platforms/digispark/littleWire.go:7:8: could not import C (no metadata for C)",
		"gobot.io/x/gobot/v2/platforms/digispark: # gobot.io/x/gobot/v2/platforms/digispark # [pkg-config --cflags  -- libusb] Package libusb was not found in the pkg-config search path.",
	}
	sortUserFirst(cgo)
	if !strings.Contains(cgo[0], "Package libusb was not found") {
		t.Errorf("the missing C library must come first: %q", cgo)
	}
}
