package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runLogged runs the built connlint in dir with extra environment, with
// a go on PATH that logs its invocations, and returns the exit code,
// outputs and the go commands run.
func runLogged(t *testing.T, dir string, env []string, args ...string) (code int, stdout, stderr, goRuns string) {
	t.Helper()
	real, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	log := filepath.Join(bin, "go.log")
	shim := "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(shim), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(connlintBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append(env, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	var exit *exec.ExitError
	if err := cmd.Run(); errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(log)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return code, o.String(), e.String(), string(data)
}

// TestStandaloneThroughVet: `connlint -json PACKAGES` runs through go vet
// and prints, byte for byte, what the in-process multichecker prints
// (CONNLINT_CACHE=off keeps it in-process): a package with findings in
// its own files, in its internal test files and in its external test
// package is reported under the multichecker's three names.
func TestStandaloneThroughVet(t *testing.T) {
	t.Parallel()
	dir, err := filepath.Abs("testdata/standalone")
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"-json", "-pollinterval.tests", "./..."}
	code, viaVet, errVet, goRuns := runLogged(t, dir, nil, args...)
	if code != 0 || errVet != "" {
		t.Fatalf("through go vet: exit %d, stderr:\n%s", code, errVet)
	}
	if !strings.Contains(goRuns, "vet -vettool=") {
		t.Errorf("the run did not go through go vet; go ran:\n%s", goRuns)
	}
	code, inProcess, errIn, goRuns := runLogged(t, dir, []string{"CONNLINT_CACHE=off"}, args...)
	if code != 0 || errIn != "" {
		t.Fatalf("in-process: exit %d, stderr:\n%s", code, errIn)
	}
	if strings.Contains(goRuns, "vet ") {
		t.Errorf("CONNLINT_CACHE=off ran go vet:\n%s", goRuns)
	}
	if viaVet != inProcess {
		t.Errorf("through go vet:\n%s\nin-process:\n%s", viaVet, inProcess)
	}
	for _, pkg := range []string{
		`"example.com/standalone/keep": {`,
		`"example.com/standalone/poll": {`,
		`"example.com/standalone/poll [example.com/standalone/poll.test]": {`,
		`"example.com/standalone/poll_test [example.com/standalone/poll.test]": {`,
	} {
		if !strings.Contains(viaVet, pkg) {
			t.Errorf("no %s in:\n%s", pkg, viaVet)
		}
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal([]byte(viaVet), &tree); err != nil {
		t.Fatal(err)
	}
	for pkg, byAnalyzer := range tree {
		data, _ := json.Marshal(byAnalyzer)
		inTest := strings.Contains(string(data), "internal_test.go")
		if inTest != (pkg == "example.com/standalone/poll [example.com/standalone/poll.test]") {
			t.Errorf("%s: findings of internal_test.go: %v", pkg, inTest)
		}
	}
}

// TestStandaloneInProcess: the runs go vet cannot reproduce stay with
// the multichecker, and so does one go vet fails on (a package that does
// not build), whose errors the multichecker reports in its own words.
func TestStandaloneInProcess(t *testing.T) {
	t.Parallel()
	broken := t.TempDir()
	for name, text := range map[string]string{
		"go.mod":   "module example.com/broken\n\ngo 1.22\n",
		"b/b.go":   "package b\n\nfunc F() int { return \"x\" }\n",
		"ok/ok.go": "package ok\n",
	} {
		mustWrite(t, filepath.Join(broken, name), text)
	}
	// A module whose package imports net, not net/http, with one
	// finding: every run below but the broken module's loads it from
	// source, twice.
	inprocess, err := filepath.Abs("testdata/inprocess")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		dir  string
		args []string
		vet  bool // go vet runs (and fails, for the broken module)
	}{
		{inprocess, []string{"./..."}, false},                  // text output
		{inprocess, []string{"-json", "-c=1", "./..."}, false}, // a driver flag
		{inprocess, []string{"-json", "dial/dial.go"}, false},  // files, not packages
		{broken, []string{"-json", "./..."}, true},
	} {
		code, out, errOut, goRuns := runLogged(t, tc.dir, nil, tc.args...)
		if ran := strings.Contains(goRuns, "vet -vettool="); ran != tc.vet {
			t.Errorf("connlint %s: go vet ran: %v, want %v", strings.Join(tc.args, " "), ran, tc.vet)
		}
		if !strings.Contains(out+errOut, "dial.go:") && !strings.Contains(out+errOut, "b.go:") {
			t.Errorf("connlint %s printed no finding or error:\n%s%s", strings.Join(tc.args, " "), out, errOut)
		}
		wantCode, wantOut, wantErr, _ := runLogged(t, tc.dir, []string{"CONNLINT_CACHE=off"}, tc.args...)
		if code != wantCode || out != wantOut || errOut != wantErr {
			t.Errorf("connlint %s: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d, stdout:\n%s\nstderr:\n%s",
				strings.Join(tc.args, " "), code, out, errOut, wantCode, wantOut, wantErr)
		}
	}
}
