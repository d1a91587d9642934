package nginxcheck

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOracle runs real nginx on every fixture:
//
//	nginx -t -q -c ABS -p TMPDIR -e stderr
//
// A fixture without nginx-parse findings must pass; a fixture with one
// must fail at the same file:line connlint reports. Fixtures are whole
// configurations (events {} and a complete http block), so no wrapping is
// needed; a fixture that uses a module Debian's nginx-light lacks says
// "# oracle: skip REASON". Without nginx the test skips, except in CI
// (CI=true), where a missing nginx is a failure: install it with
// `apt-get install -y nginx-light`.
func TestOracle(t *testing.T) {
	nginx, err := exec.LookPath("nginx")
	if err != nil {
		if _, serr := os.Stat("/usr/sbin/nginx"); serr == nil {
			nginx, err = "/usr/sbin/nginx", nil
		}
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("nginx is not installed; CI must install it (apt-get install -y nginx-light)")
		}
		t.Skip("nginx is not installed: skipping the oracle test (apt-get install nginx-light to run it)")
	}
	checked := 0
	for _, entry := range fixtureFiles(t) {
		o := readOptions(t, entry)
		if o.oracleSkip != "" {
			t.Logf("%s: skipped: %s", entry, o.oracleSkip)
			continue
		}
		checked++
		t.Run(entry, func(t *testing.T) {
			abs, err := filepath.Abs(entry)
			if err != nil {
				t.Fatal(err)
			}
			prefix := t.TempDir()
			if err := os.Mkdir(filepath.Join(prefix, "logs"), 0o755); err != nil {
				t.Fatal(err)
			}
			main := abs
			if o.context != "" {
				main = wrapFragment(t, prefix, abs, o)
			}
			out, runErr := exec.Command(nginx, "-t", "-q", "-c", main, "-p", prefix+"/", "-e", "stderr").CombinedOutput()
			o.Root = "."
			findings, _ := Check([]string{entry}, o.Options)
			var parse []string
			for _, f := range findings {
				if f.Rule == "nginx-parse" {
					fabs, _ := filepath.Abs(filepath.FromSlash(f.File))
					parse = append(parse, fmt.Sprintf("%s:%d", fabs, f.Line))
				}
			}
			switch {
			case len(parse) == 0 && runErr != nil:
				t.Errorf("connlint parses it, nginx -t rejects it:\n%s", out)
			case len(parse) > 0 && runErr == nil:
				t.Errorf("connlint reports %v, nginx -t accepts it", parse)
			case len(parse) > 0 && !strings.Contains(string(out), " in "+parse[0]+"\n"):
				t.Errorf("connlint reports %s, nginx says:\n%s", parse[0], out)
			}
		})
	}
	t.Logf("nginx -t checked %d fixtures", checked)
}

// wrapFragment writes an nginx.conf that includes a fragment in the
// context the fixture names, on one line, so that every error nginx finds
// is in the fragment or names the wrapper's line 1.
func wrapFragment(t *testing.T, dir, fragment string, o fixtureOptions) string {
	inc := "include " + fragment + ";"
	http := strings.Join(o.httpLines, " ")
	var conf string
	switch o.context {
	case "http":
		conf = "events {} http { " + http + " " + inc + " }"
	case "server":
		conf = "events {} http { " + http + " server { " + inc + " } }"
	case "location":
		conf = "events {} http { " + http + " server { location / { " + inc + " } } }"
	default:
		t.Fatalf("oracle: unknown context %q", o.context)
	}
	main := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(main, []byte(conf+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return main
}
