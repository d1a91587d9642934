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
)

// writeBenchConfig writes a configuration of n server blocks, 100 per
// included file, each about 22 lines: upstream keepalive, proxy headers,
// a websocket location, a rate limit — every rule has work to do, and
// each server has 3 findings (two locations drop the server's proxy
// headers; /api/ loses Connection "").
func writeBenchConfig(tb testing.TB, dir string, n int) (string, int) {
	lines := 0
	var main strings.Builder
	main.WriteString("events {}\nhttp {\n    limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;\n")
	main.WriteString("    map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n")
	main.WriteString("    include servers/*.conf;\n}\n")
	if err := os.MkdirAll(filepath.Join(dir, "servers"), 0o755); err != nil {
		tb.Fatal(err)
	}
	for f := 0; f*100 < n; f++ {
		var b strings.Builder
		for i := f * 100; i < n && i < (f+1)*100; i++ {
			fmt.Fprintf(&b, `upstream app%[1]d {
    server 127.0.0.1:%[2]d;
    keepalive 16;
}
server {
    listen %[2]d;
    server_name s%[1]d.example.com;
    client_max_body_size 1m;
    proxy_set_header Host $host;
    proxy_set_header X-Real-IP $remote_addr;
    location / {
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_pass http://app%[1]d;
    }
    location /ws {
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_pass http://app%[1]d;
    }
    location /api/ { limit_req zone=api; limit_req_status 429; proxy_pass http://app%[1]d; }
}
`, i, 10000+i)
			lines += 23
		}
		if err := os.WriteFile(filepath.Join(dir, "servers", fmt.Sprintf("s%03d.conf", f)), []byte(b.String()), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	path := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(path, []byte(main.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path, lines + 6
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
