package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestDependencyCache: connlint keeps what it learns from the standard
// library across configurations. go vet keys its own cache by the vet
// flags, so each run below, with a threshold spelled differently, asks
// connlint for every standard-library dependency again; the findings with
// connlint's cache equal those without it, and the third run analyzes no
// standard-library package.
func TestDependencyCache(t *testing.T) {
	t.Parallel()
	dir := fixture(t)
	cacheDir := t.TempDir()
	// Thresholds no run of go vet has seen before (one hour and some
	// milliseconds: vetmod polls nothing), so go vet's cache misses.
	ms := 3_600_000 + rand.IntN(1_000_000)
	flag := func(i int) string { return fmt.Sprintf("-pollinterval.min=%dms", ms+i) }
	run := func(i int, cache string) ([]string, []string) {
		t.Helper()
		trace := filepath.Join(t.TempDir(), "trace")
		env := []string{"CONNLINT_CACHE_DIR=" + cacheDir, "CONNLINT_CACHE=" + cache, "CONNLINT_VET_TRACE=" + trace}
		got := runVetEnv(t, dir, env, flag(i))
		data, err := os.ReadFile(trace)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return got, strings.Fields(strings.ReplaceAll(string(data), " facts", "+facts"))
	}
	uncached, _ := run(0, "off")
	diff(t, "without the cache", uncached, wantDiagnostics)
	filled, analyzed := run(1, "on")
	diff(t, "filling the cache", filled, uncached)
	if !slices.Contains(analyzed, "net/http+facts") {
		t.Errorf("filling the cache: net/http was not analyzed for its facts; analyzed %v", analyzed)
	}
	served, analyzed := run(2, "on")
	diff(t, "from the cache", served, uncached)
	for _, pkg := range analyzed {
		if strings.HasSuffix(pkg, "+facts") {
			t.Errorf("from the cache: %s was analyzed again", strings.TrimSuffix(pkg, "+facts"))
		}
	}
}
