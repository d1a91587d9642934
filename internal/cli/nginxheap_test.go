package cli

import (
	"runtime/debug"
	"testing"

	"github.com/connlint/connlint/nginxcheck"
)

// TestHeapBudget: the limit starts at the floor, follows the larger of
// the byte and directive estimates plus the file being parsed, and never
// goes down; GOMEMLIMIT turns the budget off.
func TestHeapBudget(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "") // unset for newHeapBudget, restored after
	prev := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(prev) })
	h := newHeapBudget()
	if h == nil {
		t.Fatal("no budget without GOMEMLIMIT")
	}
	steps := []struct {
		scan nginxcheck.Scan
		want int64
	}{
		{nginxcheck.Scan{Bytes: 1 << 10, Directives: 40, FileDirectives: 40}, minNginxHeap + 40*parsingPerDirective},
		{nginxcheck.Scan{Bytes: 50 << 20, Directives: 1000, FileDirectives: 10}, 50<<20*heapPerByte + 10*parsingPerDirective},
		{nginxcheck.Scan{Bytes: 51 << 20, Directives: 3_000_000, FileDirectives: 0}, 3_000_000 * heapPerDirective},
		{nginxcheck.Scan{Bytes: 52 << 20, Directives: 3_000_001, FileDirectives: 0}, 3_000_001 * heapPerDirective},
		// A smaller estimate (a scan reported late by a parallel
		// parser) leaves the limit as it is.
		{nginxcheck.Scan{Bytes: 1 << 20, Directives: 10, FileDirectives: 1}, 3_000_001 * heapPerDirective},
	}
	for i, s := range steps {
		h.onScan(s.scan)
		if got := debug.SetMemoryLimit(-1); got != s.want {
			t.Errorf("step %d: limit %d, want %d", i, got, s.want)
		}
	}
}

func TestHeapBudgetUserLimit(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "1GiB")
	if h := newHeapBudget(); h != nil {
		t.Error("budget set despite GOMEMLIMIT")
	}
}
