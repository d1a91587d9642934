package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func nginxCmd(args []string, o, e *bytes.Buffer) int { return Nginx(args, o, e) }

const nginxOK = `events {}
http {
    upstream api { server 127.0.0.1:8080; keepalive 16; }
    server {
        listen 8080;
        location / {
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_pass http://api;
        }
    }
}
`

const nginxBad = `events {}
http {
    keepalive_timeout 0;
    server {
        listen 8080;
        client_max_body_size 0;
        location / { return 200; }
    }
}
`

// inDir runs f with the working directory set to dir.
func inDir(t *testing.T, dir string, f func()) {
	t.Helper()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = os.Chdir(old) }()
	f()
}

func TestNginxCommand(t *testing.T) {
	dir := module(t, map[string]string{"ok/nginx.conf": nginxOK, "bad/nginx.conf": nginxBad, "broken/nginx.conf": "events {}\nhttp {\n    server {\n}\n}\n}\n"})
	inDir(t, dir, func() {
		if code, out, errOut := run(t, nginxCmd, "ok/nginx.conf"); code != ExitClean {
			t.Errorf("clean config: exit %d\n%s%s", code, out, errOut)
		}
		code, out, _ := run(t, nginxCmd, "-format", "json", "bad/nginx.conf")
		var doc struct {
			Findings []struct {
				Rule, File string
				Line       int
			}
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil || code != ExitFindings {
			t.Fatalf("bad config: exit %d, %v\n%s", code, err, out)
		}
		got := map[string]bool{}
		for _, f := range doc.Findings {
			got[f.File+":"+itoa(f.Line)+" "+f.Rule] = true
		}
		for _, want := range []string{"bad/nginx.conf:3 nginx-keepalive", "bad/nginx.conf:6 nginx-body-size"} {
			if !got[want] {
				t.Errorf("missing %s in %v", want, got)
			}
		}
		code, out, errOut := run(t, nginxCmd, "broken/nginx.conf")
		if code != ExitError || !strings.Contains(out, "broken/nginx.conf:6:1:") || !strings.Contains(out, "[nginx-parse]") {
			t.Errorf("stray brace: exit %d\n%s%s", code, out, errOut)
		}
		if code, _, errOut := run(t, nginxCmd, "missing.conf"); code != ExitError {
			t.Errorf("missing file: exit %d, %s", code, errOut)
		}
		if code, _, _ := run(t, nginxCmd); code != ExitError {
			t.Errorf("no file: exit %d", code)
		}
	})
}

// TestNginxDir: `connlint nginx DIR` reviews what `check DIR` would (its
// connlint.toml's files, or discovery), names files relative to DIR, and
// says so when DIR holds no nginx configuration.
func TestNginxDir(t *testing.T) {
	dir := module(t, map[string]string{"repo/deploy/nginx.conf": nginxBad, "repo/README.md": "# x\n", "empty/README.md": "# y\n",
		"named/connlint.toml": "[nginx]\nfiles = [\"edge/site.conf\"]\n", "named/edge/site.conf": nginxBad, "named/other/nginx.conf": nginxBad})
	inDir(t, dir, func() {
		code, out, errOut := run(t, nginxCmd, "repo")
		if code != ExitFindings || !strings.Contains(out, "deploy/nginx.conf:3:") || strings.Contains(out, "repo/deploy") {
			t.Errorf("nginx repo: exit %d, want findings named relative to repo\n%s%s", code, out, errOut)
		}
		code, out, errOut = run(t, nginxCmd, "named")
		if code != ExitFindings || !strings.Contains(out, "edge/site.conf:3:") || strings.Contains(out, "other/nginx.conf") {
			t.Errorf("nginx named: exit %d, want [nginx].files only\n%s%s", code, out, errOut)
		}
		code, _, errOut = run(t, nginxCmd, "empty")
		if code != ExitClean || !strings.Contains(errOut, "no nginx configuration found under empty") {
			t.Errorf("nginx empty: exit %d, want a note\n%s", code, errOut)
		}
		// Two arguments are files, as before: a directory among them is
		// an nginx-parse error, not a discovery.
		if code, _, _ := run(t, nginxCmd, "repo", "named/edge/site.conf"); code != ExitError {
			t.Errorf("a directory among files: exit %d, want 2", code)
		}
	})
}

// TestCheckNginx: check reviews [nginx].files, or discovers nginx configs
// when there is no connlint.toml, and fails on a parse error.
func TestCheckNginx(t *testing.T) {
	dir := module(t, map[string]string{"a.go": clean, "deploy/nginx.conf": nginxBad})
	code, out, _ := run(t, check, dir)
	if code != ExitFindings || !strings.Contains(out, "deploy/nginx.conf:3:5:") {
		t.Errorf("discovered config: exit %d\n%s", code, out)
	}
	// With a connlint.toml, only [nginx].files are reviewed.
	if err := os.WriteFile(filepath.Join(dir, "connlint.toml"), []byte("[code]\ntests = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := run(t, check, dir); code != ExitClean {
		t.Errorf("config without [nginx].files: exit %d\n%s", code, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "connlint.toml"), []byte("[nginx]\nfiles = [\"deploy/nginx.conf\"]\nmin_keepalive_requests = 10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := run(t, check, dir); code != ExitFindings || !strings.Contains(out, "[nginx-body-size]") {
		t.Errorf("[nginx].files: exit %d\n%s", code, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "deploy/nginx.conf"), []byte("events {}\nhttp {\n    include missing.conf;\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := run(t, check, dir); code != ExitError || !strings.Contains(out, "deploy/nginx.conf:3:5:") {
		t.Errorf("missing include: exit %d\n%s", code, out)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
