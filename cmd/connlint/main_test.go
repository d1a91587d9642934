package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The diagnostics of testdata/vetmod: every driver must report exactly
// these (file:line:col, analyzer, message).
var wantDiagnostics = []string{
	"app/app.go:17:2: keepalive: DisableKeepAlives: true makes every request open a new TCP (and TLS) connection; remove it to reuse pooled connections",
	"app/app.go:22:31: transportreuse: http.Transport created inside an HTTP handler: every request opens new TCP and TLS connections; create the Transport once (package level or in a constructor) and reuse it",
	"app/app.go:35:8: transportreuse: helpers.NewClient creates an http.Transport on every call and is called inside a loop: every iteration opens new connections; call it once before the loop and reuse the result (http.Transport is created at helpers.go:11)",
	"app/app.go:46:15: bodydrain: response body of shared.Get is not closed on every path: the connection and its reader goroutine leak; add `defer resp.Body.Close()` after the error check",
	"app/app.go:55:10: tlsresume: tls.Config for reconnecting client connections has no ClientSessionCache: every reconnect is a full TLS handshake (2 RTT); set ClientSessionCache: tls.NewLRUClientSessionCache(0)",
	"app/app.go:59:4: reconnectbackoff: reconnect loop waits a fixed 1s between attempts, so every client retries in lockstep after an outage (thundering herd); wait min(base<<attempt, max) plus random jitter instead, or use github.com/cenkalti/backoff",
}

// binary is cmd/connlint, built once by TestMain for every test of the
// package.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "connlint-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// The tests' standard-library facts are kept beside the binary, not
	// in the user's cache (internal/depcache).
	os.Setenv("CONNLINT_CACHE_DIR", filepath.Join(dir, "cache"))
	binary = filepath.Join(dir, "connlint")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building connlint: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	warmCache()
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// warmCache analyzes the demo's dependencies (net/http and the rest of
// the standard library they need) once, through go vet and through
// check, before the tests run in parallel: go vet keeps their facts in
// the build cache, and the tests' own runs then analyze only their
// fixtures' packages instead of each computing the same facts at the same
// time. go vet and check key those facts differently (check passes its
// thresholds and -checkresults.emit as flags), so both are warmed, side
// by side. A failure here is left to the tests to report.
func warmCache() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = command("../../testdata/demo", "go", "vet", "-vettool="+binary, "-json", "./...").Run()
	}()
	_ = command("../../testdata/demo", binary, "check", "-format", "json", ".").Run()
	<-done
}

// connlintBinary returns the binary TestMain built.
func connlintBinary(t *testing.T) string {
	t.Helper()
	return binary
}

// fixture copies testdata/vetmod to a new directory, so that -fix can
// rewrite it.
func fixture(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS("testdata/vetmod")); err != nil {
		t.Fatal(err)
	}
	return dst
}

func command(dir, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off")
	return cmd
}

// vetJSON is go vet -json's output: package → analyzer → diagnostics.
type vetJSON map[string]map[string][]struct {
	Posn    string `json:"posn"`
	Message string `json:"message"`
}

// runVet runs go vet -json with connlint as the vet tool and returns the
// diagnostics as "file:line:col: analyzer: message", sorted.
func runVet(t *testing.T, dir string, flags ...string) []string {
	t.Helper()
	return runVetEnv(t, dir, nil, flags...)
}

// runVetEnv is runVet with env added to the environment.
func runVetEnv(t *testing.T, dir string, env []string, flags ...string) []string {
	t.Helper()
	args := append([]string{"vet", "-vettool=" + connlintBinary(t), "-json"}, flags...)
	cmd := command(dir, "go", append(args, "./...")...)
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go vet: %v\n%s", err, stderr.String())
	}
	// Go 1.26 prints vet's JSON on stdout (earlier releases used stderr).
	return parseVetJSON(t, dir, append(stdout.Bytes(), stderr.Bytes()...))
}

func parseVetJSON(t *testing.T, dir string, out []byte) []string {
	t.Helper()
	var got []string
	dec := json.NewDecoder(bytes.NewReader(skipComments(out)))
	for dec.More() {
		var doc vetJSON
		if err := dec.Decode(&doc); err != nil {
			t.Fatalf("go vet -json output: %v\n%s", err, out)
		}
		for _, analyzers := range doc {
			for analyzer, diags := range analyzers {
				for _, d := range diags {
					got = append(got, relPosn(dir, d.Posn)+": "+analyzer+": "+d.Message)
				}
			}
		}
	}
	sort.Strings(got)
	return got
}

// skipComments drops the "# package" header lines go vet -json prints.
func skipComments(out []byte) []byte {
	var b bytes.Buffer
	for _, line := range strings.SplitAfter(string(out), "\n") {
		if !strings.HasPrefix(line, "#") {
			b.WriteString(line)
		}
	}
	return b.Bytes()
}

func relPosn(dir, posn string) string {
	real, err := filepath.EvalSymlinks(dir)
	if err == nil {
		posn = strings.TrimPrefix(posn, real+string(filepath.Separator))
	}
	return filepath.ToSlash(strings.TrimPrefix(posn, dir+string(filepath.Separator)))
}

func diff(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot:\n\t%s\nwant:\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestGoVet(t *testing.T) {
	t.Parallel()
	dir := fixture(t)
	diff(t, "go vet -vettool=connlint", runVet(t, dir), wantDiagnostics)
}

func TestGoVetAnalyzerFlags(t *testing.T) {
	t.Parallel()
	dir := fixture(t)
	var want []string
	for _, d := range wantDiagnostics {
		if !strings.Contains(d, ": keepalive: ") {
			want = append(want, d)
		}
	}
	diff(t, "go vet -vettool=connlint -keepalive=false", runVet(t, dir, "-keepalive=false"), want)
}

// TestGoVetFix applies the suggested fixes through go vet -fix and checks
// that the fixed findings are gone and the code still builds.
func TestGoVetFix(t *testing.T) {
	t.Parallel()
	dir := fixture(t)
	cmd := command(dir, "go", "vet", "-vettool="+connlintBinary(t), "-fix", "./...")
	if out, err := cmd.CombinedOutput(); err != nil {
		// vet -fix still exits non-zero for diagnostics without fixes.
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			t.Fatalf("go vet -fix: %v\n%s", err, out)
		}
	}
	src, err := os.ReadFile(filepath.Join(dir, "app/app.go"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(src), "DisableKeepAlives") {
		t.Errorf("go vet -fix left DisableKeepAlives in app/app.go:\n%s", src)
	}
	if out, err := command(dir, "go", "build", "./...").CombinedOutput(); err != nil {
		t.Fatalf("fixed code does not build: %v\n%s\n%s", err, out, src)
	}
	for _, d := range runVet(t, dir) {
		if strings.Contains(d, ": keepalive: ") {
			t.Errorf("still reported after -fix: %s", d)
		}
	}
}

// TestMultichecker runs the binary as a standalone multichecker.
func TestMultichecker(t *testing.T) {
	t.Parallel()
	dir := fixture(t)
	cmd := command(dir, connlintBinary(t), "-json", "./...")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("connlint -json ./...: %v\n%s", err, stderr.String())
	}
	diff(t, "connlint -json ./...", parseVetJSON(t, dir, stdout.Bytes()), wantDiagnostics)
}

// TestCheckAgreesWithVet runs `connlint check -format json` on the same
// module: the one report must hold the same findings as go vet.
func TestCheckAgreesWithVet(t *testing.T) {
	t.Parallel()
	dir := fixture(t)
	cmd := command(dir, connlintBinary(t), "check", "-format", "json", ".")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("connlint check: %v (want exit 1)\n%s", err, stderr.String())
	}
	// check goes through go vet's cache; without it, it analyzes
	// in-process. The reports, fixes and related positions included,
	// must be the same, except for one thing: a related position in
	// another package comes from export data under go vet, which keeps
	// lines but not columns.
	uncached := command(dir, connlintBinary(t), "check", "-cache=false", "-format", "json", ".")
	out, _ := uncached.Output()
	if got, want := withoutRelatedColumns(t, out), withoutRelatedColumns(t, stdout.Bytes()); got != want {
		t.Errorf("connlint check -cache=false differs from connlint check:\n%s\nwant:\n%s", got, want)
	}
	var doc struct {
		Findings []struct {
			Rule, File, Message string
			Line, Column        int
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range doc.Findings {
		got = append(got, strings.Join([]string{f.File, itoa(f.Line), itoa(f.Column)}, ":")+": "+f.Rule+": "+f.Message)
	}
	sort.Strings(got)
	diff(t, "connlint check", got, wantDiagnostics)
}

func itoa(n int) string { return strconv.Itoa(n) }

// demoFindings are the deliberate mistakes of testdata/demo — Go code,
// nginx config and timeout chains — as "file:line: rule". The correct code
// and config beside them must stay clean.
var demoFindings = []string{
	"cmd/gateway/pollinterval.go:30: pollinterval",
	"cmd/ingest/servertimeouts.go:25: servertimeouts",
	"connlint.toml:15: chain-heartbeat",
	"connlint.toml:15: chain-pong",
	"internal/bridge/bridge.go:19: chain-heartbeat",
	"internal/bridge/heartbeat.go:17: heartbeat",
	"internal/dashboard/heartbeat.go:52: heartbeat",
	"internal/dashboard/reconnectbackoff.go:36: reconnectbackoff",
	"internal/ingest/api.go:54: transportreuse",
	"internal/ingest/bodylimit.go:41: bodylimit",
	"internal/ingest/decompresslimit.go:25: decompresslimit",
	"internal/ingest/statuscode.go:42: statuscode",
	"internal/ingest/statuscode.go:47: statuscode",
	"internal/uploader/uploader.go:69: transportreuse",
	"internal/uploader/uploader.go:84: keepalive",
	"internal/uploader/uploader.go:85: tlsresume",
	"internal/uploader/uploader.go:99: keepalive",
	"internal/uploader/uploader.go:100: bodydrain",
	"nginx/conf.d/iot.conf:17: nginx-body-size",
	"nginx/conf.d/iot.conf:26: nginx-upstream-keepalive",
	"nginx/conf.d/iot.conf:27: nginx-rate-limit-status",
	"nginx/conf.d/iot.conf:44: nginx-websocket",
	"nginx/conf.d/iot.conf:45: nginx-header-inheritance",
	"nginx/nginx.conf:9: nginx-keepalive",
}

// TestDemo runs the README's first command on the demo module.
func TestDemo(t *testing.T) {
	t.Parallel()
	cmd := command("../..", connlintBinary(t), "check", "-format", "json", "testdata/demo")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("connlint check testdata/demo: %v (want exit 1)\n%s", err, stderr.String())
	}
	var doc struct {
		Findings []struct {
			Rule, File string
			Line       int
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range doc.Findings {
		got = append(got, f.File+":"+strconv.Itoa(f.Line)+": "+f.Rule)
	}
	sort.Strings(got)
	want := append([]string(nil), demoFindings...)
	sort.Strings(want)
	diff(t, "findings in testdata/demo", got, want)
}

// withoutRelatedColumns re-encodes a JSON report with the columns of
// related positions set to 0.
func withoutRelatedColumns(t *testing.T, report []byte) string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(report, &doc); err != nil {
		t.Fatalf("%v\n%s", err, report)
	}
	findings, _ := doc["findings"].([]any)
	for _, f := range findings {
		related, _ := f.(map[string]any)["related"].([]any)
		for _, r := range related {
			r.(map[string]any)["column"] = 0
		}
	}
	out, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}
