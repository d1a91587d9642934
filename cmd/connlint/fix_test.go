package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// demoDiagnostic is one diagnostic of the driver's -json output, with
// whether it offers a suggested fix.
type demoDiagnostic struct {
	analyzer, file, message string // positions move when fixes apply
	fixed                   bool
}

func (d demoDiagnostic) String() string { return d.analyzer + " " + d.file + ": " + d.message }

// demoDiagnostics runs go vet -json with connlint on dir: go vet analyzes
// each package from its dependencies' export data, in parallel, which
// keeps this test fast.
func demoDiagnostics(t *testing.T, dir string) []demoDiagnostic {
	t.Helper()
	cmd := command(dir, "go", "vet", "-vettool="+connlintBinary(t), "-json", "./...")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go vet -json ./...: %v\n%s", err, stderr.String())
	}
	out := append(stdout.Bytes(), stderr.Bytes()...)
	var diags []demoDiagnostic
	dec := json.NewDecoder(bytes.NewReader(skipComments(out)))
	for dec.More() {
		var doc map[string]map[string]json.RawMessage
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("go vet -json output: %v\n%s", err, out)
		}
		for _, analyzers := range doc {
			for name, raw := range analyzers {
				var ds []struct {
					Posn           string            `json:"posn"`
					Message        string            `json:"message"`
					SuggestedFixes []json.RawMessage `json:"suggested_fixes"`
				}
				if json.Unmarshal(raw, &ds) != nil {
					t.Fatalf("analyzer %s failed: %s", name, raw)
				}
				for _, d := range ds {
					posn := relPosn(dir, d.Posn)
					file := posn[:strings.Index(posn, ".go:")+3]
					diags = append(diags, demoDiagnostic{analyzer: name, file: file, message: d.Message, fixed: len(d.SuggestedFixes) > 0})
				}
			}
		}
	}
	return diags
}

// copyDemo copies testdata/demo to a new directory that a fix may rewrite.
func copyDemo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../testdata/demo")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestFixDemo applies every suggested fix connlint offers on the demo,
// through connlint -fix and through go vet -fix, and checks that the result
// builds, that each fixed finding is gone and that the findings without a
// fix remain. A fix may leave a narrower finding on the construct it fixed
// (servertimeouts adds the header deadline, while the idle timeout must
// outlast the load balancer's and stays for a person to choose), but
// nowhere else.
func TestFixDemo(t *testing.T) {
	t.Parallel()
	before := demoDiagnostics(t, copyDemo(t))
	var fixed []demoDiagnostic
	unfixed := map[demoDiagnostic]int{}
	for _, d := range before {
		if d.fixed {
			fixed = append(fixed, d)
		} else {
			unfixed[d]++
		}
	}
	if len(fixed) < 3 {
		t.Fatalf("the demo offers %d suggested fixes; want several to apply", len(fixed))
	}
	drivers := map[string]func(dir string) *exec.Cmd{
		"connlint -fix": func(dir string) *exec.Cmd { return command(dir, connlintBinary(t), "-fix", "./...") },
		"go vet -fix": func(dir string) *exec.Cmd {
			return command(dir, "go", "vet", "-vettool="+connlintBinary(t), "-fix", "./...")
		},
	}
	for name, driver := range drivers {
		t.Run(strings.ReplaceAll(name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			dir := copyDemo(t)
			if out, err := driver(dir).CombinedOutput(); err != nil {
				var exit *exec.ExitError // findings without fixes still make the driver exit non-zero
				if !errors.As(err, &exit) {
					t.Fatalf("%s: %v\n%s", name, err, out)
				}
			}
			if out, err := command(dir, "go", "build", "./...").CombinedOutput(); err != nil {
				t.Fatalf("the fixed demo does not build: %v\n%s", err, out)
			}
			after := map[demoDiagnostic]int{}
			for _, d := range demoDiagnostics(t, dir) {
				after[d]++
			}
			for _, f := range fixed {
				if after[f] > unfixed[f] {
					t.Errorf("after %s, still reported: %s", name, f)
				}
			}
			for d := range after {
				if unfixed[d] == 0 && !narrowed(d, fixed) {
					t.Errorf("after %s, a new finding: %s", name, d)
				}
			}
			for d, n := range unfixed {
				if after[d] < n {
					t.Errorf("after %s, a finding without a fix disappeared: %s", name, d)
				}
			}
		})
	}
}

// narrowed reports whether d is what a fix left of a finding of the same
// analyzer in the same file.
func narrowed(d demoDiagnostic, fixed []demoDiagnostic) bool {
	for _, f := range fixed {
		if f.analyzer == d.analyzer && f.file == d.file {
			return true
		}
	}
	return false
}
