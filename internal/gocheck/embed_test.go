package gocheck

import (
	"path/filepath"
	"testing"
)

func TestPlaceholderFor(t *testing.T) {
	for pattern, want := range map[string]string{
		"build/*": "build/connlint-placeholder", "docs": "docs", "all:dist": "dist",
		"web/*/index.html": "web/connlint-placeholder/index.html",
		"*.html":           "", "static/?": "", "../x": "",
	} {
		got, ok := placeholderFor(pattern)
		if ok != (want != "") || got != want {
			t.Errorf("placeholderFor(%q) = %q, %v; want %q", pattern, got, ok, want)
		}
	}
}

// TestEmbedOverlay reads go's error for an embed pattern without files
// (as go 1.26 prints it for gotify's ui package) and adds a placeholder
// once.
func TestEmbedOverlay(t *testing.T) {
	stderr := []byte("ui/serve.go:15:12: pattern build/*: no matching files found\n")
	ph := map[string]bool{}
	if !embedOverlay(stderr, "/repo", ph) || !ph[filepath.FromSlash("/repo/ui/build/connlint-placeholder")] {
		t.Fatalf("placeholders %v", ph)
	}
	if embedOverlay(stderr, "/repo", ph) {
		t.Error("the same placeholder was added twice: the reruns would not end")
	}
	if embedOverlay([]byte("x.go:1:1: undefined: y\n"), "/repo", ph) {
		t.Error("a placeholder for an error that is not an embed pattern")
	}
}
