package nginxcheck

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/connlint/connlint/internal/report"
)

// writeTree writes files (relative path → text) under a new directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func span(f report.Finding) string {
	return fmt.Sprintf("%s:%d:%d-%d:%d %s", f.File, f.Line, f.Column, f.End.Line, f.End.Column, f.Rule)
}

// TestPositions: findings span the directive, from its name to just past
// its ";" (or a block's "{"), and parse problems carry the column of the
// offending token.
func TestPositions(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"nginx.conf": "events {}\n" +
			"http {\n" +
			"\tserver {\n" +
			"\t\tlisten 8080;\n" +
			"  \t\tclient_max_body_size  0 ;\n" + // 5: name at col 5, ";" at 29
			"\t\tlocation /ws {   # a websocket\n" + // 6: block ends past "{" (col 16)
			"\t\t\tproxy_pass http://127.0.0.1:9000;\n" +
			"\t\t}\n" +
			"\t\t# connlint:ignore nginx-keepalive\n" + // 9: a stale suppression at col 3
			"\t}\n" +
			"}\n",
		"broken.conf": "events {}\nhttp {\n    server { listen 80; }\n  }\n}\n",
		"multi.conf":  "events {}\nhttp {\n  server {\n    server\n      \"x\";\n  }\n}\n",
	})
	findings, err := Check([]string{filepath.Join(dir, "nginx.conf")}, Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		got = append(got, span(f))
	}
	want := []string{
		"nginx.conf:5:5-5:30 nginx-body-size",
		"nginx.conf:6:3-6:17 nginx-websocket",
		"nginx.conf:9:3-0:0 suppress",
		"nginx.conf:9:3-0:0 suppress",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("positions:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}

	// A stray "}" at line 5, column 1; nginx reports that line.
	findings, _ = Check([]string{filepath.Join(dir, "broken.conf")}, Options{Root: dir})
	if len(findings) != 1 || span(findings[0]) != "broken.conf:5:1-0:0 nginx-parse" {
		t.Errorf("stray brace: %v", findings)
	}
	// A misplaced directive over two lines: nginx reports the line of its
	// ";", the finding ends there.
	findings, _ = Check([]string{filepath.Join(dir, "multi.conf")}, Options{Root: dir})
	if len(findings) != 1 || span(findings[0]) != "multi.conf:5:1-5:11 nginx-parse" {
		t.Errorf("misplaced server: %v", findings)
	}
}

// TestEntryContext: a fragment is read in the context its directives
// imply; a file with a main-level-only directive is a whole nginx.conf.
func TestEntryContext(t *testing.T) {
	for text, want := range map[string]string{
		"server { listen 80; }":                          "http",
		"location / { return 200; }":                     "server",
		"limit_req zone=api;":                            "server",
		"proxy_set_header Host $host;":                   "server",
		"proxy_pass http://a;":                           "location",
		"proxy_pass http://a; proxy_set_header X y;":     "location",
		"limit_req_zone $a zone=z:1m rate=1r/s;":         "http",
		"upstream u { server a; } server { listen 80; }": "http",
		"server { listen 1883; proxy_pass mqtt; }":       "stream",
		"worker_connections 512;":                        "events",
		"events {} location / {}":                        "the main level",
		"worker_processes 1; server { listen 80; }":      "the main level",
		"more_set_headers x;":                            "server", // unknown: anywhere
		"server { listen 80; location / { server x; } }": "http",   // refused inside, not at the top
	} {
		dir := writeTree(t, map[string]string{"f.conf": text + "\n"})
		cfg, _ := LoadOptions([]string{filepath.Join(dir, "f.conf")}, Options{Root: dir})
		if got := cfg.contexts["f.conf"].String(); got != want {
			t.Errorf("%q: read in %s, want %s", text, got, want)
		}
	}
}

// TestIncludedEntry: a file given as an entry that another entry includes
// is reviewed in the including context only, where the map it relies on
// is defined.
func TestIncludedEntry(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"nginx.conf": "events {}\nhttp {\n  map $http_upgrade $conn { default upgrade; '' close; }\n  include conf.d/*.conf;\n}\n",
		"conf.d/ws.conf": "server {\n  listen 80;\n  location /ws {\n    proxy_pass http://127.0.0.1:9;\n" +
			"    proxy_http_version 1.1;\n    proxy_set_header Upgrade $http_upgrade;\n    proxy_set_header Connection $conn;\n  }\n}\n",
	})
	for _, order := range [][]string{{"conf.d/ws.conf", "nginx.conf"}, {"nginx.conf", "conf.d/ws.conf"}} {
		var files []string
		for _, f := range order {
			files = append(files, filepath.Join(dir, f))
		}
		findings, err := Check(files, Options{Root: dir})
		if err != nil || len(findings) != 0 {
			t.Errorf("%v: %v %v", order, err, findings)
		}
	}
}

// TestNeverReadsTheMachine: absolute includes resolve in the repository
// only. A path under /etc/nginx that the repository lacks is missing even
// when this machine has it; a built-in is known; others are unresolvable.
func TestNeverReadsTheMachine(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"nginx.conf": "events {}\nhttp {\n  include /etc/nginx/mime.types;\n  include /etc/nginx/nginx.conf;\n" +
			"  include /etc/hosts;\n  include /etc/nginx/conf.d/*.conf;\n  include ../../../*/*.conf;\n  include /data/nginx/proxy_host/*.conf;\n}\n",
	})
	findings, err := Check([]string{filepath.Join(dir, "nginx.conf")}, Options{Root: dir})
	if err == nil {
		t.Fatal("no error")
	}
	var got []string
	for _, f := range findings {
		got = append(got, fmt.Sprintf("%d:%d %s", f.Line, f.Column, f.Message))
	}
	// /etc/nginx/nginx.conf is this very file: a cycle, not the machine's.
	if len(got) != 3 || !strings.Contains(got[0], "4:3 include \"/etc/nginx/nginx.conf\": nginx.conf includes itself") ||
		!strings.Contains(got[1], "5:3 include \"/etc/hosts\": unresolvable") ||
		!strings.Contains(got[2], "7:3 include \"../../../*/*.conf\": unresolvable: the path leads outside the repository") {
		t.Errorf("findings:\n%s", strings.Join(got, "\n"))
	}
	// A glob outside the repository names files made where nginx runs:
	// nginx loads without them, so connlint says so and reads nothing.
	cfg, _ := LoadOptions([]string{filepath.Join(dir, "nginx.conf")}, Options{Root: dir})
	if len(cfg.Skipped) != 1 || cfg.Skipped[0].File != "nginx.conf" || !strings.HasPrefix(cfg.Skipped[0].Reason, "line 8: include \"/data/nginx/proxy_host/*.conf\" names files outside the repository") {
		t.Errorf("skipped %+v", cfg.Skipped)
	}
}

// TestTemplates: Go and Jinja templates are skipped with a reason, envsubst
// templates are reviewed with their placeholders unknown.
func TestTemplates(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"nginx.tmpl":            "http {\n  {{ range $s := .Servers }}\n  server { listen {{ $s.Port }}; }\n  {{ end }}\n}\n",
		"site.conf.j2":          "server {\n  listen 80;\n{% if tls %}\n  listen 443 ssl;\n{% endif %}\n}\n",
		"json_ok.conf":          "server {\n  listen 80;\n  location / { return 200 '{{\"a\":1}}'; }\n}\n",
		"default.conf.template": "server {\n  listen ${PORT};\n  client_max_body_size ${MAX};\n${EXTRA}\n  location / { return 200; }\n}\n",
	})
	var files []string
	for _, f := range []string{"nginx.tmpl", "site.conf.j2", "json_ok.conf", "default.conf.template"} {
		files = append(files, filepath.Join(dir, f))
	}
	cfg, err := LoadOptions(files, Options{Root: dir})
	if err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for _, s := range cfg.Skipped {
		skipped = append(skipped, s.File+": "+s.Reason)
	}
	want := "nginx.tmpl: template syntax ({{ }} at line 2): not nginx until rendered, not reviewed\n" +
		"site.conf.j2: template syntax ({% %} at line 3): not nginx until rendered, not reviewed"
	if strings.Join(skipped, "\n") != want {
		t.Errorf("skipped:\n%s", strings.Join(skipped, "\n"))
	}
	if len(cfg.Servers) != 2 {
		t.Errorf("%d servers, want the JSON one and the template's", len(cfg.Servers))
	}
	findings, err := Review(cfg, Options{Root: dir})
	if err != nil || len(findings) != 0 {
		t.Errorf("findings %v, %v", findings, err)
	}
}

// TestDiscoverLayouts: fragments, templates and only nginx are discovered.
func TestDiscoverLayouts(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"nginx/nginx.conf":                          "events {}\nhttp { include /etc/nginx/conf.d/*.conf; }\n",
		"nginx/conf.d/app.conf":                     "server { listen 80; }\n",
		"nginx/templates/ws.conf.template":          "server { listen ${PORT}; }\n",
		"snippets/api-location.conf":                "location /api/ {\n  limit_req zone=api;\n}\n",
		"snippets/proxy.conf":                       "proxy_set_header Host $host;\nproxy_read_timeout 1h;\n",
		"ingress/nginx.tmpl":                        "http {\n{{ range .Servers }}\n  server {\n    listen {{ .Port }};\n  }\n{{ end }}\n}\n",
		"spire/server.conf":                         "server {\n  bind_port = 8081\n  trust_domain = \"x\"\n}\n",
		"broker/mosquitto.conf":                     "listener 1883\nallow_anonymous false\n",
		"rspamd/local.d/actions.conf":               "reject = 15;\nadd_header = 8;\n",
		"rspamd/local.d/headers.conf":               "routines {\n  spam-header {\n    header = \"X-Spam\";\n  }\n}\n",
		"tls/openssl.conf":                          "[ req ]\ndistinguished_name = dn\n",
		"web/templates/index.tmpl":                  "<html>{{ .Title }}</html>\n",
		"charts/app/templates/nginx-configmap.yaml": "data:\n  nginx.conf: |\n    server { listen {{ .Values.port }}; }\n",
		"testdata/broken.conf":                      "server {\n",
		"nginx/conf.d/.disabled.conf":               "server { listen 81; }\n",
		"edge/nginx.conf":                           "events {}\nhttp {}\n}\n",
		"spire/agent-nginx.txt":                     "server {\n",
	})
	got, err := Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
		got[i] = filepath.ToSlash(got[i])
	}
	want := "edge/nginx.conf,ingress/nginx.tmpl,nginx/nginx.conf,snippets/api-location.conf,snippets/proxy.conf"
	if strings.Join(got, ",") != want {
		t.Errorf("Discover =\n %v\nwant\n %v", strings.Join(got, ","), want)
	}
}

// TestEntryOutsideRoot: an entry file given outside the root (connlint
// nginx ../site/nginx.conf) reads its own includes.
func TestEntryOutsideRoot(t *testing.T) {
	site := writeTree(t, map[string]string{
		"nginx.conf":    "events {}\nhttp {\n  include conf.d/*.conf;\n  include /etc/nginx/mime.types;\n}\n",
		"conf.d/a.conf": "server {\n  listen 80;\n  client_max_body_size 0;\n}\n",
	})
	findings, err := Check([]string{filepath.Join(site, "nginx.conf")}, Options{Root: t.TempDir()})
	if err != nil || len(findings) != 1 || findings[0].Rule != "nginx-body-size" || !strings.HasSuffix(findings[0].File, "conf.d/a.conf") {
		t.Errorf("%v %+v", err, findings)
	}
}

// TestDiscoverWith: files a compose file mounts into nginx are entries
// wherever they are and whatever their name, once each, and never beside
// a file that includes them or that they include.
func TestDiscoverWith(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".docker/edge.nginx":     "events {}\nstream { include streams/*.conf; }\n",
		".docker/streams/m.conf": "server { listen 8883; proxy_pass broker:1883; }\n",
		"nginx/nginx.conf":       "events {}\nhttp { include /etc/nginx/conf.d/*.conf; }\n",
		"nginx/conf.d/app.conf":  "server { listen 80; }\n",
		"streams/mqtt.conf":      "server { listen 1883; proxy_pass broker:1883; }\n",
	})
	extra := []string{
		filepath.Join(dir, ".docker/edge.nginx"),    // hidden directory, no .conf
		filepath.Join(dir, "nginx/conf.d/app.conf"), // included by nginx/nginx.conf
		filepath.Join(dir, "nginx/nginx.conf"),      // discovered already
		filepath.Join(dir, ".docker/edge.nginx"),    // mounted twice
	}
	got, err := DiscoverWith(dir, extra)
	if err != nil {
		t.Fatal(err)
	}
	for i := range got {
		got[i], _ = filepath.Rel(dir, got[i])
		got[i] = filepath.ToSlash(got[i])
	}
	want := ".docker/edge.nginx,nginx/nginx.conf,streams/mqtt.conf"
	if strings.Join(got, ",") != want {
		t.Errorf("DiscoverWith =\n %v\nwant\n %v", strings.Join(got, ","), want)
	}
}
