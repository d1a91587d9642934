package cli

import (
	"os"
	"runtime/debug"
	"sync"

	"github.com/connlint/connlint/nginxcheck"
)

// The heap of `connlint nginx` is bounded by what it reads. Left to the
// default pacing (GOGC=100), the collector lets the heap grow to twice
// what is live: a 50 MB configuration of 76,000 servers peaked at 19
// times its size. Live, the model and the findings come to about 6
// bytes per byte read, or 230 per directive (1.67 million directives in
// those 50 MB); a soft memory limit (runtime/debug.SetMemoryLimit) of
// the larger of heapPerByte times the bytes and heapPerDirective times
// the directives read so far keeps the process under ten times the
// configuration's size, for a tenth more CPU at that size. Sizing the
// limit by what has been read, never below minNginxHeap, leaves the
// collector the headroom it needs: the limit grows with the live heap
// instead of being crossed by it, which would make it collect over and
// over. Parsing a file holds its statements twice more (the tokenizer's
// and gonginx's trees, about 220 bytes per directive): one file of
// three million one-line directives would cross a limit that left them
// out.
const (
	heapPerByte         = 9
	heapPerDirective    = 270
	parsingPerDirective = 300
	minNginxHeap        = 64 << 20
)

// heapBudget raises the memory limit as the files are scanned (its
// onScan is nginxcheck.Options.OnScan).
type heapBudget struct {
	mu    sync.Mutex
	limit int64
}

// newHeapBudget returns the budget of a run, or nil when GOMEMLIMIT is
// set: the user's limit wins.
func newHeapBudget() *heapBudget {
	if os.Getenv("GOMEMLIMIT") != "" {
		return nil
	}
	return &heapBudget{}
}

// onScan sets the limit for what has been read so far; files are
// scanned in parallel.
func (h *heapBudget) onScan(s nginxcheck.Scan) {
	want := max(minNginxHeap, heapPerByte*s.Bytes, heapPerDirective*s.Directives) + parsingPerDirective*s.FileDirectives
	h.mu.Lock()
	defer h.mu.Unlock()
	if want > h.limit {
		debug.SetMemoryLimit(want)
		h.limit = want
	}
}
