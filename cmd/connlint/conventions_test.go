package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers"
)

// The command-line conventions of go vet and staticcheck: -h on every
// command, a top-level help that leads with the commands, -V and -V=full.

// runBinary runs the built connlint with args in dir and returns its exit
// code and outputs.
func runBinary(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	cmd := exec.Command(connlintBinary(t), args...)
	cmd.Dir = dir
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatalf("connlint %s: %v", strings.Join(args, " "), err)
	}
	return code, o.String(), e.String()
}

var subcommands = []string{"check", "nginx", "chain", "rules", "explain", "version"}

// TestEveryCommandHelp: COMMAND -h, -help and --help print the command's
// usage (on standard error, as the flag package does) and exit 0, and so
// does `help COMMAND`, on standard output.
func TestEveryCommandHelp(t *testing.T) {
	dir := t.TempDir()
	for _, cmd := range subcommands {
		for _, h := range []string{"-h", "-help", "--help"} {
			code, stdout, stderr := runBinary(t, dir, cmd, h)
			if code != 0 || !strings.HasPrefix(stderr, "usage: connlint "+cmd) || stdout != "" {
				t.Errorf("connlint %s %s: exit %d, stdout %q, stderr:\n%s", cmd, h, code, stdout, stderr)
			}
			if strings.Contains(stderr, "unknown rule") {
				t.Errorf("connlint %s %s took the flag for an argument:\n%s", cmd, h, stderr)
			}
		}
		code, stdout, stderr := runBinary(t, dir, "help", cmd)
		if code != 0 || !strings.HasPrefix(stdout, "usage: connlint "+cmd) || stderr != "" {
			t.Errorf("connlint help %s: exit %d, stderr %q, stdout:\n%s", cmd, code, stderr, stdout)
		}
	}
}

// TestTopLevelHelp: `connlint -h` (standard error) and `connlint help`
// (standard output) list the commands before the driver's flags, every
// analyzer and its flags, and none of the flags the driver keeps only for
// old go vet scripts.
func TestTopLevelHelp(t *testing.T) {
	dir := t.TempDir()
	// A broken connlint.toml must not keep help from printing.
	if err := os.WriteFile(dir+"/connlint.toml", []byte("[code]\nbogus = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/go.mod", []byte("module example.com/m\n\ngo 1.22\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-h"}, {"-help"}, {"--help"}, {"-c", "3", "-h"}, {"help"}, {"help", "-h"}, {"help", "help"}} {
		code, stdout, stderr := runBinary(t, dir, args...)
		text, other := stderr, stdout
		if args[0] == "help" {
			text, other = stdout, stderr
		}
		name := "connlint " + strings.Join(args, " ")
		if code != 0 || other != "" {
			t.Errorf("%s: exit %d, other stream %q", name, code, other)
			continue
		}
		commands := strings.Index(text, "\nCommands:\n")
		driver := strings.Index(text, "\nDriver flags:\n")
		if commands < 0 || driver < commands {
			t.Errorf("%s: the commands do not come before the driver flags:\n%s", name, text)
			continue
		}
		for _, cmd := range append(subcommands, "help") {
			if !regexp.MustCompile(`(?m)^  ` + cmd + ` +\S`).MatchString(text[commands:driver]) {
				t.Errorf("%s: command %s is not listed", name, cmd)
			}
		}
		for _, a := range analyzers.All() {
			if !regexp.MustCompile(`(?m)^  ` + a.Name + ` +\S`).MatchString(text) {
				t.Errorf("%s: analyzer %s is not listed", name, a.Name)
			}
		}
		for _, want := range []string{"\n  -json\n", "\n  -fix\n", "\n  -V\t", "\n  -bodylimit.max value\n", "\n  -pollinterval.min value\n"} {
			if !strings.Contains(text[driver:], want) {
				t.Errorf("%s: flag %q is not listed", name, strings.TrimSpace(want))
			}
		}
		if strings.Contains(text, "deprecated") {
			t.Errorf("%s lists deprecated flags:\n%s", name, text)
		}
		for _, old := range []string{"-source", "-v", "-all", "-tags"} {
			if strings.Contains(text, "\n  "+old+"\n") || strings.Contains(text, "\n  "+old+" ") {
				t.Errorf("%s lists the no-op flag %s", name, old)
			}
		}
	}
}

// TestBadDriverInput: a flag the driver does not know, an unknown help
// topic and no arguments at all are failed runs (exit 2) that say what is
// wrong in a line or a short usage, never the whole flag list.
func TestBadDriverInput(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runBinary(t, dir, "-frobnicate", "./...")
	if code != 2 || !strings.HasPrefix(stderr, "flag provided but not defined: -frobnicate\n") || strings.Count(stderr, "\n") != 2 {
		t.Errorf("connlint -frobnicate: exit %d, stderr:\n%s", code, stderr)
	}
	code, stdout, stderr := runBinary(t, dir, "help", "nosuch")
	if code != 2 || stdout != "" || stderr != "connlint help: no command or analyzer \"nosuch\"; connlint help lists them\n" {
		t.Errorf("connlint help nosuch: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, _, stderr = runBinary(t, dir)
	if code != 2 || !strings.Contains(stderr, "\nCommands:\n") || strings.Contains(stderr, "Driver flags") {
		t.Errorf("connlint without arguments: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestVersionFlags: `connlint version`, -V and --version print the
// version; -V=full prints the tool ID in the format cmd/go parses
// ("NAME version devel ... buildID=HASH"), alone or after other flags.
func TestVersionFlags(t *testing.T) {
	dir := t.TempDir()
	_, want, _ := runBinary(t, dir, "version")
	if !regexp.MustCompile(`^connlint \S+\n$`).MatchString(want) {
		t.Fatalf("connlint version printed %q", want)
	}
	for _, args := range [][]string{{"-V"}, {"--version"}, {"-json", "-V"}} {
		code, stdout, stderr := runBinary(t, dir, args...)
		if code != 0 || stdout != want || stderr != "" {
			t.Errorf("connlint %s: exit %d, stdout %q (want %q), stderr %q", strings.Join(args, " "), code, stdout, want, stderr)
		}
	}
	toolID := regexp.MustCompile(`^\S*connlint(\.exe)? version devel comments-go-here buildID=[0-9a-f]{64}\n$`)
	var first string
	for _, args := range [][]string{{"-V=full"}, {"-json", "-V=full"}} {
		code, stdout, stderr := runBinary(t, dir, args...)
		if code != 0 || !toolID.MatchString(stdout) || stderr != "" {
			t.Errorf("connlint %s: exit %d, stdout %q, stderr %q", strings.Join(args, " "), code, stdout, stderr)
		}
		if first == "" {
			first = stdout
		} else if stdout != first {
			t.Errorf("the tool ID depends on the other flags: %q, then %q", first, stdout)
		}
	}
	code, _, stderr := runBinary(t, dir, "-V=short")
	if code != 2 || !strings.Contains(stderr, `"short"`) {
		t.Errorf("connlint -V=short: exit %d, stderr %q", code, stderr)
	}
}
