package vetconfig

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// unitConfig writes a go vet unit configuration naming one Go file of
// size bytes and returns its path.
func unitConfig(t *testing.T, size int) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "p.go")
	if err := os.WriteFile(src, []byte("package p\n"+strings.Repeat("\n", size-len("package p\n"))), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "vet.cfg")
	if err := os.WriteFile(cfg, fmt.Appendf(nil, `{"ImportPath": "p", "GoFiles": [%q]}`, src), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// pacing returns the collector's GOGC and memory limit, leaving both
// unchanged.
func pacing() (int, int64) {
	percent := debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

// restorePacing puts the default pacing back after the test.
func restorePacing(t *testing.T) {
	t.Cleanup(func() {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	})
}

func TestPaceUnitGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	small, large := unitConfig(t, 4096), unitConfig(t, maxPacedSource+1)
	for _, c := range []struct {
		name  string
		args  []string
		env   string
		paced bool
	}{
		{"a small unit", []string{"-json", small}, "", true},
		{"a unit over the source limit", []string{large}, "", false},
		{"a unit whose configuration is missing", []string{filepath.Join(t.TempDir(), "vet.cfg")}, "", false},
		{"GOGC set by the user", []string{small}, "GOGC", false},
		{"GOMEMLIMIT set by the user", []string{small}, "GOMEMLIMIT", false},
		{"a package pattern", []string{"./..."}, "", false},
		{"no arguments", nil, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			restorePacing(t)
			if c.env != "" {
				t.Setenv(c.env, "200")
			}
			PaceUnitGC(c.args)
			percent, limit := pacing()
			if c.paced && (percent != -1 || limit != unitHeapLimit) {
				t.Errorf("GOGC %d, limit %d; want off and %d", percent, limit, unitHeapLimit)
			}
			if !c.paced && (percent != 100 || limit != math.MaxInt64) {
				t.Errorf("GOGC %d, limit %d; want the default pacing", percent, limit)
			}
		})
	}
}

// TestPaceUnitGCLargeLiveHeap: a unit whose live heap exceeds half the
// limit after a collection returns to the default pacing.
func TestPaceUnitGCLargeLiveHeap(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	restorePacing(t)
	PaceUnitGC([]string{unitConfig(t, 4096)})
	if percent, _ := pacing(); percent != -1 {
		t.Fatalf("GOGC %d after pacing; want off", percent)
	}
	live := make([]byte, unitHeapLimit/2+(8<<20))
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		runtime.GC()
		if percent, limit := pacing(); percent == 100 && limit == math.MaxInt64 {
			runtime.KeepAlive(live)
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	runtime.KeepAlive(live)
	percent, limit := pacing()
	t.Errorf("with %d MB live: GOGC %d, limit %d; want the default pacing", len(live)>>20, percent, limit)
}
