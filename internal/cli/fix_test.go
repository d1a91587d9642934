package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connlint/connlint/internal/report"
)

func edit(file string, start, end int, text string) report.Edit {
	return report.Edit{File: file, StartOffset: start, EndOffset: end, NewText: text}
}

func withFix(edits ...report.Edit) report.Finding {
	return report.Finding{Rule: "r", Fixes: []report.Fix{{Message: "m", Edits: edits}}}
}

// TestApplyFixes: a repeated edit is applied once, a fix that overlaps
// one already taken is skipped whole, a Go file is gofmt'ed, and a fix
// that no longer fits the file fails the run before anything is written.
func TestApplyFixes(t *testing.T) {
	dir := t.TempDir()
	goSrc := "package p\n\nvar a = 1\nvar b = 2\n"
	txt := "abcdef\n"
	for name, body := range map[string]string{"p.go": goSrc, "x.conf": txt} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	a := strings.Index(goSrc, "1")
	findings := []report.Finding{
		withFix(edit("p.go", a, a+1, "10"), edit("x.conf", 0, 1, "A")),
		withFix(edit("p.go", a, a+1, "10")),                          // the same edit again: fixed too
		withFix(edit("x.conf", 0, 3, "XYZ"), edit("p.go", 0, 0, "")), // overlaps "A": skipped whole
		withFix(edit("x.conf", 3, 3, "-")),                           // an insertion elsewhere
		withFix(edit("p.go", strings.Index(goSrc, "var b"), strings.Index(goSrc, "var b"), "var   c = 3\n")),
		{Rule: "nofix"},
	}
	res, err := applyFixes(dir, findings)
	if err != nil {
		t.Fatal(err)
	}
	var fixed []int
	for i := range findings {
		if res.fixed[i] {
			fixed = append(fixed, i)
		}
	}
	if got := joinInts(fixed); got != "0,1,3,4" {
		t.Errorf("fixed findings %s, want 0,1,3,4", got)
	}
	if left := unfixed(findings, res); len(left) != 2 || left[1].Rule != "nofix" {
		t.Errorf("left %+v", left)
	}
	if got := read(t, dir, "p.go"); got != "package p\n\nvar a = 10\nvar c = 3\nvar b = 2\n" {
		t.Errorf("p.go:\n%s", got)
	}
	if got := read(t, dir, "x.conf"); got != "Abc-def\n" {
		t.Errorf("x.conf: %q", got)
	}
	if s := fixSummary(res); s != "connlint: applied 4 fixes to 2 files (p.go, x.conf)" {
		t.Errorf("summary %q", s)
	}

	// Text that changed since the run: an error, and no file written.
	stale := []report.Finding{withFix(edit("x.conf", 0, 1, "Z")), withFix(edit("p.go", 500, 501, "x"))}
	if _, err := applyFixes(dir, stale); err == nil || !strings.Contains(err.Error(), "p.go") {
		t.Errorf("stale edit: err %v", err)
	}
	if got := read(t, dir, "x.conf"); got != "Abc-def\n" {
		t.Errorf("x.conf written despite the failed run: %q", got)
	}
}

func joinInts(xs []int) string {
	var parts []string
	for _, x := range xs {
		parts = append(parts, string(rune('0'+x)))
	}
	return strings.Join(parts, ",")
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestChainFix: chain -fix rewrites a WebSocket ping period written as a
// literal to the largest safe value, reports what is left, and the chain
// then passes.
func TestChainFix(t *testing.T) {
	t.Parallel()
	gomod, gosum := read(t, "../../testdata/demo", "go.mod"), read(t, "../../testdata/demo", "go.sum")
	hub := `package hub

import (
	"time"

	"github.com/gorilla/websocket"
)

const (
	pongWait   = 50 * time.Second
	pingPeriod = 45 * time.Second
)

func Read(conn *websocket.Conn) {
	conn.SetReadDeadline(time.Now().Add(pongWait))
	conn.SetPongHandler(func(string) error { return conn.SetReadDeadline(time.Now().Add(pongWait)) })
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func Ping(conn *websocket.Conn) {
	for range time.Tick(pingPeriod) {
		if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
			return
		}
	}
}
`
	toml := "[[chain]]\nname = \"ws\"\n  [[chain.hop]]\n  kind = \"alb\"\n  idle_timeout = \"60s\"\n"
	dir := module(t, map[string]string{"go.mod": gomod, "go.sum": gosum, "hub/hub.go": hub, "connlint.toml": toml})
	code, out, errOut := run(t, chainCmd, "-fix", dir)
	if code != ExitClean || !strings.Contains(errOut, "connlint: applied 1 fixes to 1 files (hub/hub.go)") {
		t.Fatalf("exit %d, want 0 with the fix applied\n%s%s", code, out, errOut)
	}
	if got := read(t, dir, "hub/hub.go"); !strings.Contains(got, "pingPeriod = 30 * time.Second") || strings.Count(got, "45") != 0 {
		t.Errorf("hub.go after -fix:\n%s", got)
	}
	if code, out, errOut := run(t, chainCmd, dir); code != ExitClean {
		t.Errorf("after -fix: exit %d\n%s%s", code, out, errOut)
	}
}

// TestCheckFix: check -fix applies the analyzers' suggested fixes through
// the same go vet run, leaves the file building, and reports only what it
// could not fix.
func TestCheckFix(t *testing.T) {
	t.Parallel()
	src := `package fixture

import (
	"net/http"
	"time"
)

func Serve(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h, IdleTimeout: 2 * time.Minute}
	return srv.ListenAndServe()
}

func Fetch(url string) error {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return err
	}
	req.Close = true
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
`
	dir := module(t, map[string]string{"main.go": src})
	code, out, errOut := run(t, check, "-fix", dir)
	if !strings.Contains(errOut, "connlint: applied 2 fixes to 1 files (main.go)") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	got := read(t, dir, "main.go")
	if !strings.Contains(got, "ReadHeaderTimeout: 10 * time.Second") || strings.Contains(got, "req.Close") {
		t.Errorf("main.go after -fix:\n%s", got)
	}
	if strings.Contains(out, "[servertimeouts]") || strings.Contains(out, "[keepalive]") || !strings.Contains(out, "[bodydrain]") {
		t.Errorf("want the fixed servertimeouts and keepalive findings gone and the bodydrain one (no fix) left:\n%s", out)
	}
	if code, out, errOut := run(t, check, dir); code != ExitFindings || strings.Contains(out, "[servertimeouts]") {
		t.Errorf("after -fix: exit %d\n%s%s", code, out, errOut)
	}
}
