package nginxcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/connlint/connlint/internal/nginxgen"
)

// writeBenchConfig writes the generated configuration of n servers
// (internal/nginxgen): every rule has work to do, and each server has 3
// findings.
func writeBenchConfig(tb testing.TB, dir string, n int) (string, int) {
	path, lines, err := nginxgen.Write(dir, n)
	if err != nil {
		tb.Fatal(err)
	}
	return path, lines
}

// BenchmarkCheck measures parse + model + all rules. Run with
//
//	go test -run XXX -bench Check -benchmem ./nginxcheck/
//
// Cost must grow linearly with the number of servers.
func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{500, 1000, 2000, 4000} {
		b.Run(fmt.Sprintf("servers=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			path, lines := writeBenchConfig(b, dir, n)
			var peak uint64
			found := 0
			before := cpuTime()
			b.ResetTimer()
			for b.Loop() {
				findings, err := Check([]string{path}, Options{Root: dir})
				if err != nil {
					b.Fatal(err)
				}
				found = len(findings)
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			// CPU time (user+system) per run is steadier than wall time on
			// a shared machine.
			b.ReportMetric(float64((cpuTime()-before).Milliseconds())/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(lines), "lines")
			b.ReportMetric(float64(found), "findings")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestBenchConfig: the generated configuration BenchmarkCheck and
// bench/bench.sh -nginx read is what they say: valid nginx whose servers
// (across two included files) have three findings each, with as many
// lines as Write counts.
func TestBenchConfig(t *testing.T) {
	dir := t.TempDir()
	path, lines := writeBenchConfig(t, dir, 150)
	findings, err := Check([]string{path}, Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 3*150 {
		t.Errorf("%d findings, want %d", len(findings), 3*150)
	}
	cfg, err := Load([]string{path}, dir)
	if err != nil {
		t.Fatal(err)
	}
	written := 0
	for _, f := range cfg.Files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		written += strings.Count(string(data), "\n")
	}
	if len(cfg.Servers) != 150 || len(cfg.Files) != 3 || written != lines {
		t.Errorf("%d servers in %d files, %d lines; want 150 in 3, %d lines", len(cfg.Servers), len(cfg.Files), written, lines)
	}
}
