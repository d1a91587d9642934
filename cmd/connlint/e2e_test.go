package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// repoCase is one run of `connlint check -json` on a fixture repository of
// testdata/repos (copied, so that cases can add or break files).
type repoCase struct {
	name  string
	repo  string            // directory of testdata/repos; "" for an empty directory
	files map[string]string // written over the copy ("" deletes)
	cwd   string            // where connlint runs, relative to the copy ("" = the copy)
	args  []string          // after `check -json`
	exit  int
	// want are the findings as "file:line: rule", in any order.
	want []string
	// stderr are regexps standard error must match; with none, standard
	// error must be empty.
	stderr []string
}

var repoCases = []repoCase{
	{
		name: "no root module: every module under DIR, vendor-like and testdata directories left out",
		repo: "norootmod",
		exit: 1,
		want: []string{
			"services/api/client.go:7: keepalive",
			"services/worker/fetch.go:11: keepalive",
			"services/worker/pool.go:6: keepalive",
		},
	},
	{
		name: "DIR given from its parent: paths relative to DIR",
		repo: "norootmod",
		cwd:  "..",
		args: []string{"repo"},
		exit: 1,
		want: []string{
			"services/api/client.go:7: keepalive",
			"services/worker/fetch.go:11: keepalive",
			"services/worker/pool.go:6: keepalive",
		},
	},
	{
		name: "a root module and a nested one",
		repo: "twomods",
		exit: 1,
		want: []string{
			"client.go:7: keepalive",
			"tools/probe.go:11: keepalive",
		},
	},
	{
		name: "go.work: b imports a, which only the workspace resolves",
		repo: "gowork",
		exit: 1,
		want: []string{"a/a.go:7: keepalive"},
	},
	{
		name:   "nginx and Terraform, no Go",
		repo:   "opsonly",
		exit:   1,
		want:   []string{"nginx/conf.d/api.conf:4: nginx-body-size", "nginx/snippets/ratelimit.conf:1: nginx-rate-limit-status"},
		stderr: []string{`^connlint: note: no Go module \(go\.mod\) in \.: the Go analyzers did not run\n$`},
	},
	{
		name:   "empty directory",
		exit:   0,
		stderr: []string{`^connlint: note: no Go module \(go\.mod\) in \.: the Go analyzers did not run\n$`},
	},
	{
		name:   "a module that does not type-check beside one that does",
		repo:   "halfbroken",
		exit:   2,
		want:   []string{"good/client.go:7: keepalive"},
		stderr: []string{`(?m)^connlint check: module example\.com/broken \(broken/go\.mod\): broken/count\.go:5:\d+: cannot use "three"`},
	},
	{
		name: "package pattern",
		repo: "norootmod",
		args: []string{"./services/api/..."},
		exit: 1,
		want: []string{"services/api/client.go:7: keepalive"},
	},
	{
		name:   "a pattern that matches nothing beside one that does",
		repo:   "norootmod",
		args:   []string{"./services/api/...", "./docs/..."},
		exit:   2,
		want:   []string{"services/api/client.go:7: keepalive"},
		stderr: []string{`(?m)^connlint check: pattern \./docs/\.\.\.: docs is not a directory$`},
	},
	{
		name: "a .go file selects its package; only its findings are reported",
		repo: "norootmod",
		args: []string{"services/worker/fetch.go"},
		exit: 1,
		want: []string{"services/worker/fetch.go:11: keepalive"},
	},
	{
		name: "an included nginx file is reviewed in the configuration that includes it",
		repo: "opsonly",
		args: []string{"nginx/snippets/ratelimit.conf"},
		exit: 1,
		want: []string{"nginx/snippets/ratelimit.conf:1: nginx-rate-limit-status"},
	},
	{
		name: "a clean included file passes though the configuration has findings elsewhere",
		repo: "opsonly",
		args: []string{"nginx/conf.d/zones.conf"},
		exit: 0,
	},
	{
		name:  "a file and a fix: the finding is gone",
		repo:  "opsonly",
		files: map[string]string{"nginx/conf.d/api.conf": "server {\n    listen 80;\n    client_max_body_size 1m;\n}\n"},
		args:  []string{"nginx/conf.d/api.conf"},
		exit:  0,
	},
	{
		name:   "a broken go.mod: named with its line, the other module still checked",
		repo:   "norootmod",
		files:  map[string]string{"services/worker/go.mod": "module example.com/worker\n\ngo 1.22\n\nrequire (\n\texample.com/x v1.0.0\n"},
		exit:   2,
		want:   []string{"services/api/client.go:7: keepalive"},
		stderr: []string{`(?m)^connlint check: services/worker/go\.mod:\d+: `},
	},
	{
		name:  "a go.work naming a missing module",
		repo:  "gowork",
		files: map[string]string{"go.work": "go 1.22\n\nuse (\n\t./a\n\t./b\n\t./gone\n)\n"},
		exit:  2,
		want:  []string{"a/a.go:7: keepalive"},
		stderr: []string{
			`(?m)^connlint check: go\.work:6: use \./gone: no go\.mod in gone$`,
			// Without the workspace, b cannot import a: said, not hidden.
			`(?m)^connlint check: module example\.com/b \(b/go\.mod\): .*example\.com/a`,
		},
	},
	{
		name:   "[code] patterns = [] means no Go code",
		repo:   "twomods",
		files:  map[string]string{"connlint.toml": "[code]\npatterns = []\n"},
		exit:   0,
		stderr: []string{`^connlint: note: connlint\.toml:2: \[code\]\.patterns is empty: the Go analyzers did not run\n$`},
	},
	{
		name:   "a Terraform file by name",
		repo:   "opsonly",
		args:   []string{"infra/alb.tf"},
		exit:   2,
		stderr: []string{`^connlint check: infra/alb\.tf: a Terraform file; connlint check takes \.go files and nginx configuration by name`},
	},
	{
		name:   "patterns and files mixed",
		repo:   "norootmod",
		args:   []string{"./services/...", "services/api/client.go"},
		exit:   2,
		stderr: []string{`^connlint check: give package patterns or files, not both\n$`},
	},
}

// TestCheckRepositories runs the binary on repositories of every shape.
func TestCheckRepositories(t *testing.T) {
	t.Parallel()
	for _, tc := range repoCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "repo")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if tc.repo != "" {
				if err := os.CopyFS(dir, os.DirFS(filepath.Join("testdata/repos", tc.repo))); err != nil {
					t.Fatal(err)
				}
			}
			for name, body := range tc.files {
				path := filepath.Join(dir, name)
				if body == "" {
					if err := os.Remove(path); err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, got, stderr := runCheck(t, filepath.Join(dir, tc.cwd), tc.args...)
			if code != tc.exit {
				t.Errorf("exit %d, want %d\nstderr:\n%s", code, tc.exit, stderr)
			}
			want := append([]string(nil), tc.want...)
			sort.Strings(want)
			diff(t, "findings", got, want)
			if len(tc.stderr) == 0 && stderr != "" {
				t.Errorf("stderr not empty:\n%s", stderr)
			}
			for _, re := range tc.stderr {
				if !regexp.MustCompile(re).MatchString(stderr) {
					t.Errorf("stderr does not match %s:\n%s", re, stderr)
				}
			}
		})
	}
}

// runCheck runs `connlint check -json args...` in dir, with neither a
// workspace nor the module proxy from the environment: the fixtures need
// the standard library only.
func runCheck(t *testing.T, dir string, args ...string) (code int, findings []string, stderr string) {
	t.Helper()
	cmd := exec.Command(connlintBinary(t), append([]string{"check", "-json"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=", "GOPROXY=off", "GOFLAGS=")
	var stdout, errBuf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &errBuf
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatal(err)
	}
	var doc struct {
		Findings []struct {
			Rule, File string
			Line       int
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		if code != 2 || stdout.Len() > 0 {
			t.Fatalf("-json output: %v\n%s\nstderr:\n%s", err, stdout.String(), errBuf.String())
		}
	}
	for _, f := range doc.Findings {
		findings = append(findings, f.File+":"+strconv.Itoa(f.Line)+": "+f.Rule)
	}
	sort.Strings(findings)
	return code, findings, errBuf.String()
}

// TestHelp: -h and -help print a command's usage and exit 0.
func TestHelp(t *testing.T) {
	t.Parallel()
	for _, cmd := range []string{"check", "nginx", "chain", "rules", "explain", "version"} {
		for _, flag := range []string{"-h", "-help"} {
			c := exec.Command(connlintBinary(t), cmd, flag)
			out, err := c.CombinedOutput()
			if err != nil {
				t.Errorf("connlint %s %s: %v\n%s", cmd, flag, err, out)
				continue
			}
			if !strings.Contains(string(out), "usage: connlint "+cmd) {
				t.Errorf("connlint %s %s: no usage line:\n%s", cmd, flag, out)
			}
		}
	}
}
