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
// Debian's nginx-light lacks). A fragment says the context connlint must
// infer for it, "# oracle: context server", in which nginx -t checks it,
// with "# oracle: http DIRECTIVES" added to the http block around it.
// "# reads: FILE..." names other files (relative to the entry's
// directory) that the fixture's configuration includes and whose
// annotations count; "# fixture: included" marks a file that is only
// included, never an entry.

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
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if !strings.Contains(string(data), "# fixture: included") {
				out = append(out, path)
			}
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
	context    string   // "# oracle: context": the fragment's context
	httpLines  []string // "# oracle: http": around the fragment
	reads      []string // "# reads:", relative to the entry's directory
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
				case "prefix":
					o.Prefix = v
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
		if rest, ok := strings.CutPrefix(line, "# oracle: context "); ok {
			o.context = strings.TrimSpace(rest)
		}
		if rest, ok := strings.CutPrefix(line, "# oracle: http "); ok {
			o.httpLines = append(o.httpLines, strings.TrimSpace(rest))
		}
		if rest, ok := strings.CutPrefix(line, "# reads:"); ok {
			o.reads = append(o.reads, strings.Fields(rest)...)
		}
	}
	return o
}

// wants returns the annotated findings of a fixture as "file:line: rule".
func wants(t *testing.T, entry string, reads []string) []string {
	files := []string{entry}
	for _, r := range reads {
		files = append(files, filepath.Join(filepath.Dir(entry), r))
	}
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
			want := wants(t, entry, o.reads)
			findings, err := Check([]string{entry}, o.Options)
			checkReadsAndContext(t, entry, o)
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
			ok := strings.HasSuffix(entry, "_ok.conf") || strings.HasSuffix(filepath.Dir(entry), "_ok")
			if ok && len(want) > 0 {
				t.Errorf("an _ok fixture must not want findings")
			}
			if !slices.Equal(got, want) {
				t.Errorf("findings differ\n got: %s\nwant: %s\nmessages:\n%s", strings.Join(got, "\n      "), strings.Join(want, "\n      "), messages(findings))
			}
			rule := strings.Split(filepath.ToSlash(entry), "/")[1]
			c := counts[rule]
			if ok {
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

// checkReadsAndContext: the files a fixture says it includes are read, and
// a fragment is read in the context it names.
func checkReadsAndContext(t *testing.T, entry string, o fixtureOptions) {
	t.Helper()
	cfg, _ := LoadOptions([]string{entry}, o.Options)
	if cfg == nil {
		return
	}
	read := map[string]bool{}
	for _, f := range cfg.Files {
		read[f] = true
	}
	for _, r := range o.reads {
		if f := filepath.ToSlash(filepath.Clean(filepath.Join(filepath.Dir(entry), r))); !read[f] {
			t.Errorf("%s is not read (read: %v)", f, cfg.Files)
		}
	}
	if o.context != "" {
		if got := cfg.contexts[filepath.ToSlash(entry)]; got.String() != o.context {
			t.Errorf("read in context %q, want %q", got, o.context)
		}
	}
}
