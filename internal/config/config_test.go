package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/internal/units"
)

const full = `# connlint configuration
[code]
patterns = ["./cmd/...", "./internal/..."]
poll_min_interval = "30m"
max_body_size = "2MiB"

[nginx]
files = [
  "deploy/nginx/nginx.conf",
]
max_body_size = "10m"
min_keepalive_requests = 500

[[chain]]
name = "dashboard websocket"
heartbeat = "25s"
pong_timeout = "10s"
  [[chain.hop]]
  kind = "alb"
  idle_timeout = "60s"
  [[chain.hop]]
  kind = "nginx"
  location = "/ws"

[[chain]]
name = "ingest"
heartbeat = "1m"
  [[chain.hop]]
  kind = "go"
`

func TestParseFull(t *testing.T) {
	c, err := Parse("connlint.toml", []byte(full))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Code.Patterns, ","); got != "./cmd/...,./internal/..." {
		t.Errorf("patterns = %q", got)
	}
	if c.Code.PollMinInterval.Duration != 30*time.Minute {
		t.Errorf("poll_min_interval = %v", c.Code.PollMinInterval)
	}
	if c.Code.MaxBodySize.Size != 2*units.MiB || c.Nginx.MaxBodySize.Size != 10*units.MiB {
		t.Errorf("sizes = %v, %v", c.Code.MaxBodySize, c.Nginx.MaxBodySize)
	}
	if c.Nginx.MinKeepaliveRequests != 500 {
		t.Errorf("min_keepalive_requests = %d", c.Nginx.MinKeepaliveRequests)
	}
	if len(c.Chains) != 2 || len(c.Chains[0].Hops) != 2 || len(c.Chains[1].Hops) != 1 {
		t.Fatalf("chains = %+v", c.Chains)
	}
	if h := c.Chains[0].Hops[0]; h.Kind != "alb" || h.IdleTimeout.Duration != time.Minute || !h.IdleTimeout.Set {
		t.Errorf("hop 0 = %+v", h)
	}
	if c.Chains[0].Hops[1].IdleTimeout.Set {
		t.Errorf("hop 1 idle_timeout should be unset")
	}
	lines := map[string]int{
		"code.patterns":                3,
		"nginx.files":                  8,
		"nginx.max_body_size":          11,
		"chain[0]":                     14,
		"chain[0].heartbeat":           16,
		"chain[0].hop[0].idle_timeout": 20,
		"chain[0].hop[1].location":     23,
		"chain[1].heartbeat":           27,
		"chain[1].hop[0].kind":         29,
	}
	for path, want := range lines {
		if got := c.Line(path); got != want {
			t.Errorf("Line(%q) = %d, want %d", path, got, want)
		}
	}
}

func TestDefaults(t *testing.T) {
	for name, c := range map[string]*Config{"Default": Default(), "empty file": mustParse(t, "")} {
		if len(c.Code.Patterns) != 1 || c.Code.Patterns[0] != "./..." {
			t.Errorf("%s: patterns = %q", name, c.Code.Patterns)
		}
		if c.Code.PollMinInterval.Duration != time.Hour || c.Code.MaxBodySize.Size != units.MiB {
			t.Errorf("%s: thresholds = %v, %v", name, c.Code.PollMinInterval, c.Code.MaxBodySize)
		}
		if !*c.Code.Tests || c.Nginx.MinKeepaliveRequests != 1000 {
			t.Errorf("%s: tests=%v min_keepalive_requests=%d", name, *c.Code.Tests, c.Nginx.MinKeepaliveRequests)
		}
	}
}

func mustParse(t *testing.T, doc string) *Config {
	t.Helper()
	c, err := Parse("connlint.toml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name, doc, want string
	}{
		{"unknown key", "[code]\npatterns = [\"./...\"]\npatterns_x = 1\n", `connlint.toml:3: unknown key "code.patterns_x"`},
		{"unknown table", "[codes]\npatterns = []\n", `connlint.toml:1: unknown key "codes"`},
		{"unknown hop key in second hop", "[[chain]]\nname = \"a\"\n[[chain.hop]]\nkind = \"alb\"\n[[chain.hop]]\nkind = \"nginx\"\nidel_timeout = \"60s\"\n", `connlint.toml:7: unknown key "chain.hop.idel_timeout"`},
		{"wrong type", "[code]\npatterns = \"./...\"\n", "connlint.toml:2:"},
		{"wrong type int", "[nginx]\nmin_keepalive_requests = \"many\"\n", "connlint.toml:2:"},
		{"bad duration", "[code]\n\npoll_min_interval = \"ten minutes\"\n", `connlint.toml:3: code.poll_min_interval: invalid duration "ten minutes"`},
		{"bad size", "[code]\nmax_body_size = \"1 TB\"\n", `connlint.toml:2: code.max_body_size: invalid size "1 TB"`},
		{"syntax", "[code\npatterns = 1\n", "connlint.toml:2:"},
		{"hop without kind", "[[chain]]\nname = \"x\"\n[[chain.hop]]\nidle_timeout = \"1m\"\n", `connlint.toml:3: chain "x": hop 1 has no kind`},
		{"bad ratio", "[[chain]]\nname = \"x\"\nmax_heartbeat_ratio = 2.0\n", `connlint.toml:3: chain "x": max_heartbeat_ratio`},
		{"negative", "[nginx]\nmin_keepalive_requests = -1\n", "connlint.toml:2: nginx.min_keepalive_requests must not be negative"},
		{"empty chain", "[code]\n\n[[chain]]\n", `connlint.toml:3: chain "" has no [[chain.hop]]`},
		{"empty chain name", "[[chain]]\nname = \" \"\n[[chain.hop]]\nkind = \"alb\"\n", `connlint.toml:2: chain 1 has an empty name`},
		{"duplicate chain name", "[[chain]]\nname = \"ws\"\n[[chain.hop]]\nkind = \"alb\"\n[[chain]]\nname = \"ws\"\n[[chain.hop]]\nkind = \"nlb\"\n", `connlint.toml:6: chain "ws" is declared twice (first at line 2)`},
		{"chain without hops", "[[chain]]\nname = \"ws\"\nheartbeat = \"25s\"\n", `connlint.toml:1: chain "ws" has no [[chain.hop]]`},
		{"zero heartbeat", "[[chain]]\nname = \"ws\"\nheartbeat = \"0s\"\n[[chain.hop]]\nkind = \"alb\"\n", `connlint.toml:3: chain.heartbeat must be greater than zero`},
		{"zero pong timeout", "[[chain]]\nname = \"ws\"\npong_timeout = \"0\"\n[[chain.hop]]\nkind = \"alb\"\n", `connlint.toml:3: chain.pong_timeout must be greater than zero`},
		{"zero poll interval", "[code]\npoll_min_interval = \"0\"\n", `connlint.toml:2: code.poll_min_interval must be greater than zero`},
		{"zero body size", "[code]\nmax_body_size = \"0\"\n", `connlint.toml:2: code.max_body_size must be greater than zero`},
		{"zero nginx body size", "[nginx]\nmax_body_size = \"0m\"\n", `connlint.toml:2: nginx.max_body_size must be greater than zero`},
		{"empty pattern", "[code]\npatterns = [\"\"]\n", `connlint.toml:2: code.patterns[0] is empty`},
		{"relative prefix", "[nginx]\nfiles = []\nprefix = \"etc/nginx\"\n", `connlint.toml:3: nginx.prefix "etc/nginx" must be the absolute directory`},
		{"glob prefix", "[nginx]\nprefix = \"/etc/nginx/*\"\n", `connlint.toml:2: nginx.prefix "/etc/nginx/*" must be the absolute directory`},
		{"prefix not a string", "[nginx]\nprefix = 1\n", "connlint.toml:2:"},
	}
	for _, tc := range cases {
		_, err := Parse("connlint.toml", []byte(tc.doc))
		var ce *Error
		if !errors.As(err, &ce) {
			t.Errorf("%s: err = %v, want a *config.Error", tc.name, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: err = %q, want prefix %q", tc.name, err, tc.want)
		}
	}
}

func TestFindAndLoad(t *testing.T) {
	dir := t.TempDir()
	c, err := Find(dir)
	if err != nil || c.Path != "" {
		t.Fatalf("Find(empty dir) = %+v, %v; want defaults", c, err)
	}
	if err := os.WriteFile(filepath.Join(dir, FileName), []byte("[code]\npatterns = [\"./a/...\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err = Find(dir)
	if err != nil || c.Code.Patterns[0] != "./a/..." {
		t.Fatalf("Find = %+v, %v", c, err)
	}
	if _, err := Load(filepath.Join(dir, "missing.toml")); err == nil || !strings.Contains(err.Error(), "missing.toml: cannot read configuration") {
		t.Fatalf("Load(missing) err = %v", err)
	}
}

func TestIndexLinesQuotedAndMultiline(t *testing.T) {
	doc := "[code]\n\"patterns\" = [ # comment ]\n  \"./a\", \"[x]\",\n]\nmax_body_size = '''\n1m'''\n[nginx] # trailing\nversion = \"1.26\"\n"
	lines := indexLines(doc)
	for path, want := range map[string]int{"code.patterns": 2, "code.max_body_size": 5, "nginx": 7, "nginx.version": 8} {
		if lines[path] != want {
			t.Errorf("line of %q = %d, want %d (all: %v)", path, lines[path], want, lines)
		}
	}
}

// FuzzParse checks that no document makes Parse panic, and that an
// accepted document always gets its defaults: the default patterns unless
// it lists its own (an explicit empty list means no Go code), and tests.
func FuzzParse(f *testing.F) {
	f.Add(full)
	f.Add("[code]\npatterns = [\"./...\"]\n")
	f.Add("[[chain]]\n[[chain.hop]]\nkind='x'\n")
	f.Fuzz(func(t *testing.T, doc string) {
		c, err := Parse("f.toml", []byte(doc))
		if err != nil {
			return
		}
		if len(c.Code.Patterns) == 0 && !c.Code.PatternsSet || c.Code.Tests == nil {
			t.Fatalf("accepted config without defaults: %+v", c)
		}
	})
}

// TestInlineTables: keys inside inline tables and arrays of inline tables
// have their own line and column, named as the same keys written as
// tables would be.
func TestInlineTables(t *testing.T) {
	doc := "chain = [\n" + // 1
		"  { name = \"ws\", heartbeat = \"50s\", hop = [\n" + // 2
		"      { kind = \"alb\", idle_timeout = \"60s\" }, # the ALB\n" + // 3
		"      { kind = \"nginx\", location = \"/ws\" },\n" + // 4
		"  ] },\n" + // 5
		"  { name = \"x = {\", \"heartbeat\" = \"\"\"25s\"\"\", hop = [{ kind = \"go\" }] },\n" + // 6
		"]\n[nginx]\nprefix = \"/usr/local/openresty/nginx/conf\"\n" // 7-9
	c := mustParse(t, doc)
	if c.Nginx.Prefix != "/usr/local/openresty/nginx/conf" || len(c.Chains) != 2 || len(c.Chains[0].Hops) != 2 {
		t.Fatalf("decoded %+v", c)
	}
	for path, want := range map[string][2]int{
		"nginx.prefix":                 {9, 1},
		"chain":                        {1, 1},
		"chain[0].heartbeat":           {2, 18},
		"chain[0].hop[0]":              {3, 7},
		"chain[0].hop[0].idle_timeout": {3, 23},
		"chain[0].hop[1].location":     {4, 25},
		"chain[1].heartbeat":           {6, 21},
		"chain[1].hop[0].kind":         {6, 55},
	} {
		if got := [2]int{c.Line(path), c.Column(path)}; got != want {
			t.Errorf("%s at %d:%d, want %d:%d", path, got[0], got[1], want[0], want[1])
		}
	}
}

// TestPatternsSet: without the key, check finds every module; an explicit
// empty list is kept (no Go code), never replaced by ./....
func TestPatternsSet(t *testing.T) {
	if c := mustParse(t, "[code]\ntests = false\n"); c.Code.PatternsSet {
		t.Errorf("no patterns key: PatternsSet = true")
	}
	c := mustParse(t, "[code]\npatterns = []\n")
	if !c.Code.PatternsSet || len(c.Code.Patterns) != 0 || c.Line("code.patterns") != 2 {
		t.Errorf("patterns = []: set %v, patterns %q, line %d", c.Code.PatternsSet, c.Code.Patterns, c.Line("code.patterns"))
	}
}
