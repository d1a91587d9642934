package nginxcheck

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/units"
)

// Fixtures, in the Gixy style: testdata/RULE/NAME.conf is a whole nginx
// configuration (entry file); its includes live in testdata/RULE/NAME.d/.
// Every finding connlint must report is annotated on its line with
//
//	# want: RULE [RULE...]
//
// in the entry file or an include, and the test compares the exact set of
// (file, line, rule). NAME_ok.conf files are look-alikes that must give no
// finding at all. A first-lines comment "# options: version=1.29.7
// max_body_size=10m min_keepalive_requests=500" sets Options, and
// "# oracle: skip REASON" keeps a fixture away from nginx -t (modules
// Debian's nginx-light lacks).

var wantRE = regexp.MustCompile(`#\s*want:\s*([a-z0-9 -]+)`)

func fixtureFiles(tb testing.TB) []string {
	var out []string
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasSuffix(path, ".d") || d.Name() == "fuzz" || d.Name() == "bench") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".conf") {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(out)
	return out
}

type fixtureOptions struct {
	Options
	oracleSkip string
}

func readOptions(t *testing.T, path string) fixtureOptions {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var o fixtureOptions
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, "# options:"); ok {
			for _, kv := range strings.Fields(rest) {
				k, v, _ := strings.Cut(kv, "=")
				switch k {
				case "version":
					o.Version = v
				case "max_body_size":
					s, err := units.ParseSize(v)
					if err != nil {
						t.Fatal(err)
					}
					o.MaxBodySize = s
				case "min_keepalive_requests":
					fmt.Sscan(v, &o.MinKeepaliveRequests)
				default:
					t.Fatalf("%s: unknown option %q", path, k)
				}
			}
		}
		if rest, ok := strings.CutPrefix(line, "# oracle: skip"); ok {
			o.oracleSkip = strings.TrimSpace(rest)
		}
	}
	return o
}

// wants returns the annotated findings of a fixture as "file:line: rule".
func wants(t *testing.T, entry string) []string {
	files := []string{entry}
	inc := strings.TrimSuffix(entry, ".conf") + ".d"
	filepath.WalkDir(inc, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, path)
		}
		return nil
	})
	var out []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if m := wantRE.FindStringSubmatch(line); m != nil {
				for _, r := range strings.Fields(m[1]) {
					out = append(out, fmt.Sprintf("%s:%d: %s", filepath.ToSlash(f), i+1, r))
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestFixtures(t *testing.T) {
	counts := map[string][2]int{}
	for _, entry := range fixtureFiles(t) {
		if strings.HasPrefix(filepath.ToSlash(entry), "testdata/model/") {
			continue // the model tests' configuration, not a rule fixture
		}
		t.Run(entry, func(t *testing.T) {
			o := readOptions(t, entry)
			o.Root = "."
			want := wants(t, entry)
			findings, err := Check([]string{entry}, o.Options)
			var got []string
			parse := false
			for _, f := range findings {
				got = append(got, fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Rule))
				parse = parse || f.Rule == "nginx-parse"
				if strings.Contains(f.Message, "\n") || f.Message == "" {
					t.Errorf("message is not one line: %q", f.Message)
				}
			}
			sort.Strings(got)
			if err != nil && !parse {
				t.Fatalf("Check: %v", err)
			}
			if parse != (err != nil) {
				t.Errorf("nginx-parse findings %v but error %v", parse, err)
			}
			if strings.HasSuffix(entry, "_ok.conf") && len(want) > 0 {
				t.Errorf("an _ok fixture must not want findings")
			}
			if !slices.Equal(got, want) {
				t.Errorf("findings differ\n got: %s\nwant: %s\nmessages:\n%s", strings.Join(got, "\n      "), strings.Join(want, "\n      "), messages(findings))
			}
			rule := filepath.Base(filepath.Dir(entry))
			c := counts[rule]
			if strings.HasSuffix(entry, "_ok.conf") {
				c[1]++
			} else {
				c[0]++
			}
			counts[rule] = c
		})
	}
	for rule, c := range counts {
		t.Logf("%s: %d positive fixtures, %d negative", rule, c[0], c[1])
		if c[1] < c[0] {
			t.Errorf("%s: fewer negative fixtures (%d) than positive (%d)", rule, c[1], c[0])
		}
	}
}

func messages(fs []report.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s:%d: %s [%s]\n", f.File, f.Line, f.Message, f.Rule)
	}
	return b.String()
}
