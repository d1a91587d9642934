//go:build unix

package nginxcheck

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// TestLoadRefuses checks every input the loader must refuse without
// reading it (or without reading it whole): each is an nginx-parse
// problem at the line that names it, and the load returns quickly.
func TestLoadRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		opts  Options
		want  string // "file:line: message part"
	}{
		{
			name: "include of a FIFO",
			setup: func(t *testing.T, dir string) {
				write(t, dir, "nginx.conf", "events {}\nhttp {\n    include pipe.conf;\n}\n")
				mkfifo(t, filepath.Join(dir, "pipe.conf"))
			},
			want: "nginx.conf:3: include \"pipe.conf\": pipe.conf is a FIFO",
		},
		{
			name: "glob matching a FIFO",
			setup: func(t *testing.T, dir string) {
				write(t, dir, "nginx.conf", "events {}\nhttp {\n    include conf.d/*.conf;\n}\n")
				write(t, dir, "conf.d/a.conf", "server { listen 80; }\n")
				mkfifo(t, filepath.Join(dir, "conf.d/b.conf"))
			},
			want: "nginx.conf:3: include \"conf.d/*.conf\": conf.d/b.conf is a FIFO",
		},
		{
			name: "entry file that is a FIFO",
			setup: func(t *testing.T, dir string) {
				mkfifo(t, filepath.Join(dir, "nginx.conf"))
			},
			want: "nginx.conf:1: nginx.conf is a FIFO",
		},
		{
			name: "symlink out of the repository",
			setup: func(t *testing.T, dir string) {
				outside := t.TempDir()
				write(t, outside, "secret.conf", "proxy_read_timeout 1s;\n")
				write(t, dir, "nginx.conf", "events {}\nhttp {\n    include snippets/*.conf;\n}\n")
				symlink(t, filepath.Join(outside, "secret.conf"), filepath.Join(dir, "snippets/s.conf"))
			},
			want: "nginx.conf:3: include \"snippets/*.conf\": snippets/s.conf is a symlink to a file outside the repository",
		},
		{
			name: "symlink loop",
			setup: func(t *testing.T, dir string) {
				write(t, dir, "nginx.conf", "events {}\nhttp {\n\n    include a.conf;\n}\n")
				symlink(t, "b.conf", filepath.Join(dir, "a.conf"))
				symlink(t, "a.conf", filepath.Join(dir, "b.conf"))
			},
			want: "nginx.conf:4: include \"a.conf\": a.conf is a symlink loop",
		},
		{
			name: "directory named by a plain include",
			setup: func(t *testing.T, dir string) {
				write(t, dir, "nginx.conf", "events {}\nhttp {\n    include sites;\n}\n")
				write(t, dir, "sites/x.conf", "server { listen 80; }\n")
			},
			want: "nginx.conf:3: include \"sites\": sites is a directory",
		},
		{
			name: "file over the configured size limit",
			setup: func(t *testing.T, dir string) {
				write(t, dir, "nginx.conf", "events {}\nhttp {\n    include big.conf;\n}\n")
				write(t, dir, "big.conf", strings.Repeat("# padding\n", 200))
			},
			opts: Options{MaxFileSize: 1024},
			want: "nginx.conf:3: cannot read big.conf: is 2000 bytes, over the 1 KiB limit",
		},
		{
			name: "nesting deeper than the limit",
			setup: func(t *testing.T, dir string) {
				write(t, dir, "deep.conf", strings.Repeat("location / {\n", 10000)+strings.Repeat("}\n", 10000))
			},
			want: "deep.conf:201: blocks are nested deeper than 200 levels",
		},
		{
			name: "nesting deeper than a configured limit",
			setup: func(t *testing.T, dir string) {
				write(t, dir, "nginx.conf", "events {}\nhttp {\n  server {\n    location / {\n    }\n  }\n}\n")
			},
			opts: Options{MaxDepth: 2},
			want: "nginx.conf:4: blocks are nested deeper than 2 levels",
		},
		{
			name: "includes that multiply (billion laughs)",
			setup: func(t *testing.T, dir string) {
				write(t, dir, "nginx.conf", "events {}\nhttp {\n    include l0.conf;\n}\n")
				for i := 0; i < 40; i++ {
					write(t, dir, fmt.Sprintf("l%d.conf", i), fmt.Sprintf("include l%d.conf;\ninclude l%d.conf;\n", i+1, i+1))
				}
				write(t, dir, "l40.conf", "proxy_read_timeout 1s;\n")
			},
			want: "include \"l", // the site where the limit is hit
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			tt.setup(t, dir)
			entry := filepath.Join(dir, "nginx.conf")
			if _, err := os.Lstat(entry); err != nil {
				entry = filepath.Join(dir, "deep.conf")
			}
			opts := tt.opts
			opts.Root = dir
			done := make(chan error, 1)
			go func() {
				_, err := LoadOptions([]string{entry}, opts)
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("Load does not return")
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Load error = %v; want a *ParseError", err)
			}
			var got []string
			for _, f := range pe.Findings {
				if f.Rule != "nginx-parse" {
					t.Errorf("finding %+v is not nginx-parse", f)
				}
				got = append(got, fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Message))
			}
			if !strings.Contains(strings.Join(got, "\n"), tt.want) {
				t.Errorf("findings:\n\t%s\nwant one with %q", strings.Join(got, "\n\t"), tt.want)
			}
		})
	}
}

// TestLoadReadDirs checks that a directory outside the repository is read
// only when Options.ReadDirs lists it.
func TestLoadReadDirs(t *testing.T) {
	dir, shared := t.TempDir(), t.TempDir()
	write(t, shared, "common.conf", "proxy_read_timeout 30s;\n")
	write(t, dir, "nginx.conf", fmt.Sprintf("events {}\nhttp {\n    include %s;\n}\n", filepath.Join(shared, "common.conf")))
	if _, err := LoadOptions([]string{filepath.Join(dir, "nginx.conf")}, Options{Root: dir}); err == nil || !strings.Contains(err.Error(), "unresolvable") {
		t.Errorf("without ReadDirs: err = %v; want the include refused", err)
	}
	cfg, err := LoadOptions([]string{filepath.Join(dir, "nginx.conf")}, Options{Root: dir, ReadDirs: []string{shared}})
	if err != nil {
		t.Fatalf("with ReadDirs: %v", err)
	}
	if len(cfg.Files) != 2 {
		t.Errorf("with ReadDirs: files %v; want the entry and the shared file", cfg.Files)
	}
}

// TestLoadRecoversParserPanic injects a panic into gonginx through Load:
// it is an nginx-parse problem naming the file, not a crash.
func TestLoadRecoversParserPanic(t *testing.T) {
	old := gonginxParse
	defer func() { gonginxParse = old }()
	gonginxParse = func(string) (*gonginxConfig, error) { panic("injected") }
	dir := t.TempDir()
	write(t, dir, "nginx.conf", "events {}\nhttp {}\n")
	_, err := Load([]string{filepath.Join(dir, "nginx.conf")}, dir)
	var pe *ParseError
	if !errors.As(err, &pe) || len(pe.Findings) != 1 || pe.Findings[0].File != "nginx.conf" || !strings.Contains(pe.Findings[0].Message, "panicked: injected") {
		t.Fatalf("Load = %v; want one nginx-parse problem in nginx.conf naming the panic", err)
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// TestLoadText: a NUL byte or a directive name outside printable ASCII is
// refused (nginx reads C strings and knows no such directive); other bytes
// in values, comments and map keys are nginx's to take, and CRLF line ends
// are whitespace.
func TestLoadText(t *testing.T) {
	for _, tt := range []struct {
		name, conf, want string // want "" = loads
	}{
		{"NUL byte", "events {}\nhttp {\n  keepalive_timeout 65s;\x00\n}\n", "nginx.conf:3: NUL byte"},
		{"invalid UTF-8 in a name", "events {}\nhttp {\n  keep\xffalive_timeout 65s;\n}\n", `nginx.conf:3: unknown directive "keep\xffalive_timeout"`},
		{"control byte in a name", "events {}\nhttp {\n  keepalive\x01 65s;\n}\n", `nginx.conf:3: unknown directive`},
		{"invalid UTF-8 in a comment", "events {}\n# caf\xe9\nhttp {\n  add_header X-A \"caf\xe9\";\n}\n", ""},
		{"UTF-8 map keys", "events {}\nhttp {\n  map $http_accept_language $lang {\n    default en;\n    ~*\xc3\xbcber de;\n  }\n}\n", ""},
		{"CRLF line ends", "events {}\r\nhttp {\r\n  keepalive_timeout 65s;\r\n}\r\n", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write(t, dir, "nginx.conf", tt.conf)
			_, err := Load([]string{filepath.Join(dir, "nginx.conf")}, dir)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Load: %v; want it to load", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Load: %v; want %q", err, tt.want)
			}
		})
	}
}

// TestLoadTotalLimit: many files each under the per-file limit still
// cannot make a run read without bound.
func TestLoadTotalLimit(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "nginx.conf", "events {}\nhttp {\n    include sites/*.conf;\n}\n")
	for i := 0; i < 6; i++ {
		write(t, dir, fmt.Sprintf("sites/s%d.conf", i), strings.Repeat("# padding\n", 100)) // 1000 bytes
	}
	// 6000 bytes: more than totalFiles files of 1 KiB, under as many of 8 KiB.
	_, err := LoadOptions([]string{filepath.Join(dir, "nginx.conf")}, Options{Root: dir, MaxFileSize: 1024})
	if err == nil || !strings.Contains(err.Error(), "nginx.conf:3: cannot read sites/s") || !strings.Contains(err.Error(), "exceed 4 KiB in all") {
		t.Fatalf("err = %v; want the total limit reported at the include", err)
	}
	if _, err := LoadOptions([]string{filepath.Join(dir, "nginx.conf")}, Options{Root: dir, MaxFileSize: 8192}); err != nil {
		t.Fatalf("under the total limit: %v", err)
	}
}

// TestLoadLargeConfig: a configuration larger than the expansion margin
// (half a million directives), each file included once, is read whole:
// only includes that repeat directives count against it. OnScan sees the
// bytes and directives grow to the run's totals.
func TestLoadLargeConfig(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "nginx.conf", "events {}\nhttp {\n    include servers/*.conf;\n}\n")
	const files, perFile = 6, 100_000
	body := "server {\n" + strings.Repeat("    x 1;\n", perFile-1) + "}\n"
	for i := range files {
		write(t, dir, fmt.Sprintf("servers/s%d.conf", i), body)
	}
	var mu sync.Mutex
	var last Scan
	calls := 0
	cfg, err := LoadOptions([]string{filepath.Join(dir, "nginx.conf")}, Options{Root: dir, OnScan: func(s Scan) {
		mu.Lock()
		defer mu.Unlock()
		calls++
		last.Bytes, last.Directives = max(last.Bytes, s.Bytes), max(last.Directives, s.Directives)
		if s.FileDirectives == perFile {
			last.FileDirectives = s.FileDirectives
		}
	}})
	if err != nil {
		t.Fatalf("LoadOptions: %v", err)
	}
	if len(cfg.Servers) != files {
		t.Errorf("%d servers, want %d", len(cfg.Servers), files)
	}
	wantBytes := int64(len("events {}\nhttp {\n    include servers/*.conf;\n}\n") + files*len(body))
	wantDirectives := int64(3 + files*perFile)
	if calls != files+1 || last.Bytes != wantBytes || last.Directives != wantDirectives || last.FileDirectives != perFile {
		t.Errorf("OnScan: %d calls, last %+v; want %d calls, %d bytes, %d directives, a file of %d", calls, last, files+1, wantBytes, wantDirectives, perFile)
	}
}

// TestDirectiveSize: a large configuration holds a Directive per
// directive, hundreds of thousands of them; each costs 96 bytes, a size
// class of Go's allocator, and a field more would cost 16.
func TestDirectiveSize(t *testing.T) {
	if size := unsafe.Sizeof(Directive{}); size > 96 {
		t.Errorf("Directive is %d bytes, want at most 96", size)
	}
}
