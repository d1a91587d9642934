package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBadInputOneLine: an unknown rule for explain, an unknown -format, an
// -o file that cannot be written, a -srcroot that is no directory: each
// is a failed run (exit 2) with one line on standard error that names the
// problem — besides notes — nothing on standard output, and never a stack
// trace. (An unknown golangci-lint setting is covered by
// analyzers/golangci_test.go and .ci/golangci-lint.sh.)
func TestBadInputOneLine(t *testing.T) {
	dir := t.TempDir()
	nginxConf := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(nginxConf, []byte("events {}\nhttp {\n    server { listen 80; }\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		want string // the one line
	}{
		{[]string{"explain", "nosuch"}, `connlint explain: unknown rule "nosuch"; connlint rules lists them`},
		{[]string{"check", "-format", "xml", dir}, `connlint check: unknown -format "xml" (want text, json, sarif or markdown)`},
		{[]string{"nginx", "-format", "xml", nginxConf}, `connlint nginx: unknown -format "xml" (want text, json, sarif or markdown)`},
		{[]string{"chain", "-format", "xml", dir}, `connlint chain: unknown -format "xml" (want text, json, sarif or markdown)`},
		{[]string{"rules", "-format", "xml"}, `connlint rules: unknown -format "xml" (want text, json or markdown)`},
		{[]string{"check", "-o", filepath.Join(dir, "missing", "out.sarif"), dir}, "connlint check: -o " + filepath.Join(dir, "missing", "out.sarif") + ": cannot write the report: no such file or directory"},
		{[]string{"check", "-o", dir, dir}, "connlint check: -o " + dir + ": cannot write the report: is a directory"},
		{[]string{"check", "-o", filepath.Join(file, "out.sarif"), dir}, "connlint check: -o " + filepath.Join(file, "out.sarif") + ": cannot write the report: " + file + " is not a directory"},
		{[]string{"check", "-srcroot", file, dir}, "connlint check: -srcroot " + file + ": not a directory"},
		{[]string{"check", "-json", "-format", "sarif", dir}, "connlint check: -json and -format sarif disagree"},
	}
	for _, tc := range cases {
		name := "connlint " + strings.Join(tc.args, " ")
		code, stdout, stderr := runBinary(t, dir, tc.args...)
		var lines []string
		for _, l := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
			if !strings.HasPrefix(l, "connlint: note: ") {
				lines = append(lines, l)
			}
		}
		if code != 2 || stdout != "" || len(lines) != 1 || lines[0] != tc.want {
			t.Errorf("%s: exit %d, stdout %q, stderr:\n%s\nwant exit 2 and the one line %q", name, code, stdout, stderr, tc.want)
		}
		if strings.Contains(stderr, "goroutine ") || strings.Contains(stderr, "panic") {
			t.Errorf("%s: a stack trace:\n%s", name, stderr)
		}
	}
}

// TestUnwritableOutputAfterTheRun: an -o file that passes the early
// checks but cannot be written (a full device; a read-only directory) fails
// when the report is written, still in one line.
func TestUnwritableOutputAfterTheRun(t *testing.T) {
	dir := t.TempDir()
	var out, reason string
	switch {
	case fileExists("/dev/full"):
		out, reason = "/dev/full", "no space left on device"
	case os.Geteuid() != 0:
		ro := filepath.Join(dir, "ro")
		if err := os.Mkdir(ro, 0o555); err != nil {
			t.Fatal(err)
		}
		out, reason = filepath.Join(ro, "out.sarif"), "permission denied"
	default:
		t.Skip("no /dev/full, and root writes into read-only directories")
	}
	code, stdout, stderr := runBinary(t, dir, "check", "-format", "sarif", "-o", out, dir)
	want := "connlint check: -o " + out + ": cannot write the report: " + reason + "\n"
	if code != 2 || stdout != "" || !strings.HasSuffix(stderr, want) || strings.Count(stderr, "\n") != 2 {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 2, a note and %q", code, stdout, stderr, want)
	}
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
