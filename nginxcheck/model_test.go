package nginxcheck

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/internal/report"
)

func loadModel(t *testing.T) *Config {
	t.Helper()
	cfg, err := Load([]string{"testdata/model/site.conf"}, "testdata")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestMatch(t *testing.T) {
	cfg := loadModel(t)
	s := cfg.Servers[0]
	for uri, want := range map[string]string{
		"/ws":            "= /ws",
		"/ws/x":          "/",
		"/static/a.css":  `~ \.css$`, // nested regex beats the prefix
		"/static/a.png":  `~* \.(png|jpg)$`,
		"/static/a.js":   "/static/",
		"/images/a.png":  "^~ /images/", // ^~ stops the regex search
		"/other/A.PNG":   `~* \.(png|jpg)$`,
		"/api/v1/things": "/api/",
	} {
		l := s.Match(uri)
		if l == nil {
			t.Errorf("Match(%q) = nil, want %s", uri, want)
			continue
		}
		if got := strings.Join(l.Directive.Args, " "); got != want {
			t.Errorf("Match(%q) = location %s, want %s", uri, got, want)
		}
	}
	if got := len(cfg.Match("/api/x")); got != 2 {
		t.Errorf("Config.Match found %d locations, want one per server (2)", got)
	}
}

func TestTimeoutsAndSources(t *testing.T) {
	cfg := loadModel(t)
	ws := cfg.Servers[0].Match("/ws")
	to := ws.Timeouts()
	check := func(name string, got Timeout, d time.Duration, src string) {
		t.Helper()
		if got.Err != nil || got.Duration != d || got.Source() != src {
			t.Errorf("%s = %v from %s (err %v), want %v from %s", name, got.Duration, got.Source(), got.Err, d, src)
		}
	}
	check("proxy_read_timeout", to.ProxyRead, time.Hour, "model/site.conf:17")
	check("proxy_send_timeout", to.ProxySend, 60*time.Second, "nginx default (https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_send_timeout)")
	check("keepalive_timeout", to.Keepalive, 65*time.Second, "model/site.conf:4")
	check("send_timeout", to.Send, 20*time.Second, "model/site.conf:12")
	check("client_body_timeout", to.ClientBody, 60*time.Second, "nginx default (https://nginx.org/en/docs/http/ngx_http_core_module.html#client_body_timeout)")

	// The same include in two servers: attributed to the included file,
	// evaluated in each server.
	for i, s := range cfg.Servers {
		api := s.Match("/api/")
		to := api.Timeouts()
		check("included client_body_timeout", to.ClientBody, 10*time.Second, "model/site.d/timeouts.conf:1")
		check("inherited proxy_read_timeout", to.ProxyRead, 30*time.Second, "model/site.conf:3")
		if api.Server != cfg.Servers[i] {
			t.Errorf("server %d: location attributed to another server", i)
		}
	}
}

func TestOpeningLines(t *testing.T) {
	cfg := loadModel(t)
	// gonginx stamps blocks with their closing brace; the model must carry
	// the opening line.
	want := map[string]int32{"/": 13, "= /ws": 16, "/static/": 20, `~ \.css$`: 21}
	for _, l := range cfg.Servers[0].Locations {
		for _, l := range append([]*Location{l}, l.Locations...) {
			if line, ok := want[strings.Join(l.Directive.Args, " ")]; ok && l.Directive.Pos.Line != line {
				t.Errorf("location %v at line %d, want %d", l.Directive.Args, l.Directive.Pos.Line, line)
			}
		}
	}
	if got := cfg.Servers[0].Directive.Pos.Line; got != 9 {
		t.Errorf("server at line %d, want 9", got)
	}
	u := cfg.HTTP[0].Upstreams["dashboard"]
	if n, v := u.Keepalive(); n != 16 || v.Source() != "model/site.conf:7" {
		t.Errorf("upstream keepalive %d from %s", n, v.Source())
	}
}

func TestVersionDefaults(t *testing.T) {
	cfg := loadModel(t)
	b := cfg.Servers[0].Block
	for _, tc := range []struct {
		version, http, requests string
		connection              bool
		upstreamKA              int
	}{
		{"1.18.0", "1.0", "100", true, 0},
		{"1.19.10", "1.0", "1000", true, 0},
		{"1.29.7", "1.1", "1000", false, 32},
	} {
		if err := cfg.SetVersion(tc.version); err != nil {
			t.Fatal(err)
		}
		if v, _ := b.Effective("proxy_http_version"); v.Arg(0) != tc.http || !v.Default() {
			t.Errorf("%s: proxy_http_version %v", tc.version, v.Args)
		}
		if v, _ := b.Effective("keepalive_requests"); v.Arg(0) != tc.requests {
			t.Errorf("%s: keepalive_requests %v", tc.version, v.Args)
		}
		if _, ok := b.ProxyHeader("Connection"); ok != tc.connection {
			t.Errorf("%s: default Connection header %v", tc.version, ok)
		}
		u := &Upstream{cfg: cfg}
		if n, _ := u.Keepalive(); n != tc.upstreamKA {
			t.Errorf("%s: default upstream keepalive %d", tc.version, n)
		}
	}
	if err := cfg.SetVersion("one.two"); err == nil {
		t.Error("SetVersion accepted a bad version")
	}
}

func TestPanicRecovered(t *testing.T) {
	// gonginx's panics must become errors; exercise the guard with a
	// directive wrapper that panics.
	tree, err := parseGonginx("events {}\n")
	if err != nil || tree == nil {
		t.Fatalf("parseGonginx: %v", err)
	}
	old := gonginxParse
	defer func() { gonginxParse = old }()
	gonginxParse = func(string) (*gonginxConfig, error) { panic("boom") }
	if _, err := parseGonginx("events {}\n"); err == nil || !strings.Contains(err.Error(), "panicked") {
		t.Errorf("panic not recovered: %v", err)
	}
}

func TestParseErrorType(t *testing.T) {
	findings, err := Check([]string{"testdata/nginx-parse/stray_brace.conf"}, Options{Root: "."})
	var pe *ParseError
	if !errors.As(err, &pe) || len(pe.Findings) != 1 || len(findings) != 1 {
		t.Fatalf("want a *ParseError with one finding, got %v / %v", err, findings)
	}
	if f := findings[0]; f.File != "testdata/nginx-parse/stray_brace.conf" || f.Line != 12 || f.Severity != "error" {
		t.Errorf("finding %+v", f)
	}
	if _, err := Check([]string{"testdata/nginx-parse/nope.conf"}, Options{}); !errors.As(err, &pe) {
		t.Errorf("an unreadable entry file must be a ParseError, got %v", err)
	}
}

func TestIncludeCycle(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("nginx.conf", "events {}\nhttp {\n  include a.conf;\n}\n")
	write("a.conf", "include b.conf;\n")
	write("b.conf", "\n\ninclude a.conf;\n")
	findings, err := Check([]string{filepath.Join(dir, "nginx.conf")}, Options{Root: dir})
	if err == nil || len(findings) != 1 || findings[0].File != "b.conf" || findings[0].Line != 3 {
		t.Errorf("include cycle: %v %+v", err, findings)
	}
}

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"deploy/nginx.conf":             "events {}\nhttp { include conf.d/*.conf; }\n",
		"deploy/conf.d/site.conf":       "server { listen 80; }\n",
		"other/site.conf":               "server { listen 81; }\n",
		"other/mime.conf":               "types { text/html html; }\n",
		"vendor/x/nginx.conf":           "http {}\n",
		"web/node_modules/y/nginx.conf": "http {}\n",
		".git/z.conf":                   "http {}\n",
		"notes.txt":                     "http {}\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	got, err := Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
		got[i] = filepath.ToSlash(got[i])
	}
	if strings.Join(got, ",") != "deploy/nginx.conf,other/site.conf" {
		t.Errorf("Discover = %v", got)
	}
}

func TestWebsocketPath(t *testing.T) {
	for path, want := range map[string]bool{
		"/ws": true, "/ws/": true, "= /ws": true, "/api/ws": true, "/mqtt": true,
		`^/socket\.io/`: true, "/socket.io/": true, "/cable": true, "/websocket": true,
		"/news": false, "/awsconsole": false, "/mqttdocs": false, "/": false,
	} {
		if got := websocketPath.MatchString(path); got != want {
			t.Errorf("websocketPath(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestSnippetReportedOnce: a directive in a snippet that drops the same
// headers in every block that includes it is one finding, with the other
// blocks as related positions, not one finding per include.
func TestSnippetReportedOnce(t *testing.T) {
	findings, err := Check([]string{"testdata/nginx-header-inheritance/snippet.conf"}, Options{Root: "."})
	if err != nil {
		t.Fatal(err)
	}
	var atSnippet []report.Finding
	for _, f := range findings {
		if strings.HasSuffix(f.File, "cors.conf") {
			atSnippet = append(atSnippet, f)
		}
	}
	if len(atSnippet) != 1 {
		t.Fatalf("want one finding in the snippet, got %d: %+v", len(atSnippet), atSnippet)
	}
	f := atSnippet[0]
	if !strings.Contains(f.Message, "Access-Control-Expose-Headers set at location level (testdata/nginx-header-inheritance/snippet.conf:12 and 2 more location blocks that include it)") {
		t.Errorf("message: %s", f.Message)
	}
	if len(f.Related) != 2 || f.Related[0].Line != 17 || f.Related[1].Line != 22 {
		t.Errorf("related: %+v", f.Related)
	}
}

// TestSharedSnippetLevels: one file included at server level in one place
// and at location level in another is one set of directives; each finding
// names the level the dropped header is set at on its own path, which is
// not always the parent's.
func TestSharedSnippetLevels(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("hsts.conf", "add_header Strict-Transport-Security \"max-age=31536000\" always;\n")
	write("nginx.conf", `events {}
http {
    server {
        listen 80;
        include hsts.conf;
        location /a { add_header X-A 1; }
        location /b {
            include hsts.conf;
            location /b/c { add_header X-C 1; }
        }
        location /e {
            location /e/f { add_header X-F 1; }
        }
    }
}
`)
	findings, err := Check([]string{filepath.Join(dir, "nginx.conf")}, Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		if f.Rule == "nginx-header-inheritance" {
			got = append(got, fmt.Sprintf("%d: %s", f.Line, f.Message))
		}
	}
	want := []string{
		"12: Strict-Transport-Security set at server level", // inherited through location /e
		"6: Strict-Transport-Security set at server level",
		"9: Strict-Transport-Security set at location level",
	}
	if len(got) != len(want) {
		t.Fatalf("findings:\n%s", strings.Join(got, "\n"))
	}
	sort.Strings(got)
	for i, w := range want {
		line, text, _ := strings.Cut(w, ": ")
		if !strings.HasPrefix(got[i], line+": ") || !strings.Contains(got[i], text) {
			t.Errorf("finding %d = %s; want line %s with %q", i, got[i], line, text)
		}
	}
}
