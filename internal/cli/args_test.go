package cli

import (
	"bytes"
	"flag"
	"slices"
	"strings"
	"testing"
)

func TestSelectArgs(t *testing.T) {
	dir := module(t, map[string]string{
		"cmd/api/main.go":      "package main\n",
		"cmd/api/main_test.go": "package main\n",
		"internal/q/q.go":      "package q\n",
		"nginx/nginx.conf":     "events {}\n",
		"nginx/sites/default":  "server {}\n",
		"infra/alb.tf":         "",
	})
	inDir(t, dir, func() {
		cases := []struct {
			args                    []string
			root                    string
			patterns, goPats, nginx string
			named                   string // sorted, comma-separated; "-" when not in file mode
			problems, err           string
		}{
			{args: nil, root: ".", named: "-"},
			{args: []string{"cmd"}, root: "cmd", named: "-"},
			{args: []string{"./..."}, root: ".", patterns: "./...", named: "-"},
			{args: []string{"./cmd/...", "internal/q", "example.com/x/y"}, root: ".", patterns: "./cmd/...,./internal/q,example.com/x/y", named: "-"},
			{args: []string{"cmd/api/main.go", "cmd/api/main_test.go", "nginx/nginx.conf", "nginx/sites/default"}, root: ".",
				goPats: "./cmd/api", nginx: "nginx/nginx.conf,nginx/sites/default",
				named: "cmd/api/main.go,cmd/api/main_test.go,nginx/nginx.conf,nginx/sites/default"},
			{args: []string{"cmd/api/gone.go", "nginx/nginx.conf"}, root: ".", nginx: "nginx/nginx.conf", named: "nginx/nginx.conf", problems: "cmd/api/gone.go: no such file or directory"},
			{args: []string{"/nonexistent/dir"}, root: ".", named: "", problems: "/nonexistent/dir: no such file or directory"},
			{args: []string{"./...", "cmd/api/main.go"}, err: "give package patterns or files, not both"},
			{args: []string{"infra/alb.tf"}, err: "infra/alb.tf: a Terraform file;"},
		}
		for _, c := range cases {
			sel, err := selectArgs(c.args)
			if c.err != "" {
				if err == nil || !strings.HasPrefix(err.Error(), c.err) {
					t.Errorf("%q: err = %v, want %q", c.args, err, c.err)
				}
				continue
			}
			if err != nil {
				t.Errorf("%q: %v", c.args, err)
				continue
			}
			named := "-"
			if sel.fileMode() {
				var names []string
				for n := range sel.named {
					names = append(names, n)
				}
				slices.Sort(names)
				named = strings.Join(names, ",")
			}
			got := []string{sel.root, strings.Join(sel.patterns, ","), strings.Join(sel.goPatterns(), ","), strings.Join(sel.nginxFiles, ","), named, strings.Join(sel.problems, ";")}
			want := []string{c.root, c.patterns, c.goPats, c.nginx, c.named, c.problems}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%q:\n got root|patterns|go|nginx|named|problems = %q\nwant %q", c.args, got, want)
			}
		}
	})
}

func TestParseFlagsJSONAndHelp(t *testing.T) {
	newFS := func() (*flag.FlagSet, *string, *bool) {
		fs := flag.NewFlagSet("connlint check", flag.ContinueOnError)
		fs.SetOutput(new(bytes.Buffer))
		return fs, fs.String("format", "text", ""), fs.Bool("json", false, "")
	}
	var stderr bytes.Buffer
	fs, format, jsonOut := newFS()
	if code, done := parseFlags(fs, []string{"-json", "."}, format, jsonOut, &stderr); done || *format != "json" {
		t.Errorf("-json: code %d done %v format %q", code, done, *format)
	}
	fs, format, jsonOut = newFS()
	if code, done := parseFlags(fs, []string{"-format", "json", "-json"}, format, jsonOut, &stderr); done {
		t.Errorf("-format json -json: code %d", code)
	}
	fs, format, jsonOut = newFS()
	if code, done := parseFlags(fs, []string{"-format", "sarif", "-json"}, format, jsonOut, &stderr); !done || code != ExitError || !strings.Contains(stderr.String(), "-json and -format sarif disagree") {
		t.Errorf("-format sarif -json: code %d done %v, %s", code, done, stderr.String())
	}
	for _, h := range []string{"-h", "-help", "--help"} {
		fs, format, jsonOut = newFS()
		if code, done := parseFlags(fs, []string{h}, format, jsonOut, &stderr); !done || code != ExitClean {
			t.Errorf("%s: code %d done %v", h, code, done)
		}
	}
}
