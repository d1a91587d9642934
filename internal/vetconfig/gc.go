package vetconfig

import (
	"encoding/json"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
)

// unitHeapLimit is the heap a go vet unit may grow to before its first
// collection, and maxPacedSource the Go source of the largest package
// paced so. A unit's live heap comes to about 32 bytes per byte of
// source (net/http: 0.9 MB of source, 30 MB live); on testdata/demo's 200
// units all but runtime (2.7 MB of source) finish without collecting.
const (
	unitHeapLimit  = 80 << 20
	maxPacedSource = 1 << 20
)

// PaceUnitGC paces the garbage collector of a go vet unit, a process that
// analyzes one package and exits (args are the driver's arguments; it
// does nothing for any other invocation, or when GOGC or GOMEMLIMIT is
// set). Such a process's heap is the syntax and types of one package,
// which die with the process; under the default GOGC of 100 the
// collector runs from the first 4 MB of heap on, and took a fifth of
// connlint's CPU over the standard library's units. So the collector of
// a package of up to maxPacedSource bytes of Go waits until the heap
// reaches unitHeapLimit; a larger package keeps the default pacing,
// which peaks lower for it. Should a package's live heap still exceed
// half the limit after a collection, it returns to the default pacing,
// so that no package collects over and over near the limit.
func PaceUnitGC(args []string) {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") ||
		os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" ||
		sourceSize(args[len(args)-1]) > maxPacedSource {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(unitHeapLimit)
	watchLiveHeap(unitHeapLimit / 2)
}

// watchLiveHeap restores the default pacing after the first collection
// that leaves more than max bytes live. A cleanup attached to an
// unreachable object runs after each collection; it re-arms itself until
// then.
func watchLiveHeap(max uint64) {
	sentinel := new([2]int64) // 16 bytes: not a tiny allocation, whose cleanup may never run
	runtime.AddCleanup(sentinel, func(max uint64) {
		if liveHeap() <= max {
			watchLiveHeap(max)
			return
		}
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}, max)
}

// sourceSize returns the bytes of Go source of the unit that go vet's
// configuration file cfgFile describes, or the maximum int64 when the
// file cannot be read (unitchecker then reports it).
func sourceSize(cfgFile string) int64 {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return math.MaxInt64
	}
	var unit struct{ GoFiles []string }
	if json.Unmarshal(data, &unit) != nil {
		return math.MaxInt64
	}
	var size int64
	for _, f := range unit.GoFiles {
		info, err := os.Stat(f)
		if err != nil {
			return math.MaxInt64
		}
		size += info.Size()
	}
	return size
}

// liveHeap returns the bytes the last collection left live.
func liveHeap() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}
