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
// connlint for every standard-library dependency again. The first run
// analyzes them and fills connlint's cache, the second is served from it
// and analyzes no standard-library package; both report exactly the
// fixture's findings. (Under the cache a standard-library unit is
// analyzed with default flags; internal/depcache's
// TestStandardFactsIgnoreFlags proves that its facts do not depend on
// them, so they equal those of a run without the cache.)
func TestDependencyCache(t *testing.T) {
	t.Parallel()
	dir := fixture(t)
	cacheDir := t.TempDir()
	// Thresholds no run of go vet has seen before (one hour and some
	// milliseconds: vetmod polls nothing), so go vet's cache misses.
	ms := 3_600_000 + rand.IntN(1_000_000)
	flag := func(i int) string { return fmt.Sprintf("-pollinterval.min=%dms", ms+i) }
	run := func(i int) ([]string, []string) {
		t.Helper()
		trace := filepath.Join(t.TempDir(), "trace")
		env := []string{"CONNLINT_CACHE_DIR=" + cacheDir, "CONNLINT_CACHE=", "CONNLINT_VET_TRACE=" + trace}
		got := runVetEnv(t, dir, env, flag(i))
		data, err := os.ReadFile(trace)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		return got, strings.Fields(strings.ReplaceAll(string(data), " facts", "+facts"))
	}
	filled, analyzed := run(1)
	diff(t, "filling the cache", filled, wantDiagnostics)
	if !slices.Contains(analyzed, "net/http+facts") {
		t.Errorf("filling the cache: net/http was not analyzed for its facts; analyzed %v", analyzed)
	}
	served, analyzed := run(2)
	diff(t, "from the cache", served, wantDiagnostics)
	for _, pkg := range analyzed {
		if strings.HasSuffix(pkg, "+facts") {
			t.Errorf("from the cache: %s was analyzed again", strings.TrimSuffix(pkg, "+facts"))
		}
	}
}
