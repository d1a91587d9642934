//go:build unix

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := write("ok.conf", "events {}\n")
	big := write("big.conf", strings.Repeat("x", 2048))
	fifo := filepath.Join(dir, "fifo.conf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	loop := filepath.Join(dir, "loop1")
	if err := os.Symlink(filepath.Join(dir, "loop2"), loop); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(loop, filepath.Join(dir, "loop2")); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "sub.conf")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path  string
		limit int64
		want  string // "" = read
	}{
		{ok, 0, ""},
		{big, 4096, ""},
		{big, 1024, "is 2 KiB, over the 1 KiB limit"},
		{fifo, 0, "is a FIFO"},
		{"/dev/zero", 0, "is a device"},
		{loop, 0, "symlink loop"},
		{sub, 0, "is a directory"},
		{filepath.Join(dir, "missing"), 0, "does not exist"},
	}
	for _, tt := range tests {
		done := make(chan struct{})
		var data []byte
		var err error
		go func() {
			data, err = Read(tt.path, tt.limit)
			close(done)
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Read(%s) blocks", tt.path)
		}
		if tt.want == "" {
			if err != nil || len(data) == 0 {
				t.Errorf("Read(%s) = %d bytes, %v; want the file", tt.path, len(data), err)
			}
			continue
		}
		var fe *Error
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Read(%s) error = %v; want an *Error with %q", tt.path, err, tt.want)
		}
	}
}

// TestReadGrowing reads a file whose size stat does not tell: /proc files
// report 0 bytes. The limit still holds.
func TestReadGrowing(t *testing.T) {
	if _, err := os.Stat("/proc/self/maps"); err != nil {
		t.Skip("no /proc on this system")
	}
	if _, err := Read("/proc/self/maps", 16); err == nil || !strings.Contains(err.Error(), "over the 16 bytes limit") {
		t.Errorf("Read(/proc/self/maps, 16) = %v; want the limit to apply to the bytes read", err)
	}
}

func TestWithin(t *testing.T) {
	repo := t.TempDir()
	outside := t.TempDir()
	secret := filepath.Join(outside, "secret")
	if err := os.WriteFile(secret, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	local := filepath.Join(repo, "local.conf")
	if err := os.WriteFile(local, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	escape := filepath.Join(repo, "escape.conf")
	if err := os.Symlink(secret, escape); err != nil {
		t.Fatal(err)
	}
	alias := filepath.Join(repo, "alias.conf")
	if err := os.Symlink("local.conf", alias); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		want bool
	}{{local, true}, {alias, true}, {escape, false}, {secret, false}} {
		if got, err := Within(tt.path, repo); got != tt.want || err != nil {
			t.Errorf("Within(%s, repo) = %v, %v; want %v", tt.path, got, err, tt.want)
		}
	}
	if got, _ := Within(secret, repo, outside); !got {
		t.Errorf("Within(secret, repo, outside) = false; want true for an allowed directory")
	}
}
