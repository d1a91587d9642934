package cli

import (
	"strings"
	"testing"
)

// TestNginxLayouts: the nginx command on the layouts real repositories
// have: a Go template is skipped with a note on stderr, [nginx].prefix maps
// the deployed directory, a fragment is judged in its context.
func TestNginxLayouts(t *testing.T) {
	dir := module(t, map[string]string{
		"connlint.toml":            "[nginx]\nprefix = \"/usr/local/openresty/nginx/conf\"\n",
		"nginx/nginx.conf":         "events {}\nhttp {\n  include /usr/local/openresty/nginx/conf/conf.d/*.conf;\n}\n",
		"nginx/conf.d/app.conf":    "server {\n  listen 80;\n  client_max_body_size 0;\n}\n",
		"ingress/nginx.tmpl":       "http {\n  {{ range .Servers }}\n  server {\n    listen {{ .Port }};\n  }\n  {{ end }}\n}\n",
		"snippets/api.conf":        "location /api/ {\n    limit_req zone=api;\n}\n",
		"snippets/proxy_ok.conf":   "proxy_set_header Host $host;\n",
		"nginx/bad/misplaced.conf": "events {}\nlocation / {}\nhttp {}\n",
	})
	inDir(t, dir, func() {
		code, out, errOut := run(t, nginxCmd, "nginx/nginx.conf", "ingress/nginx.tmpl", "snippets/api.conf", "snippets/proxy_ok.conf")
		if code != ExitFindings {
			t.Fatalf("exit %d\n%s%s", code, out, errOut)
		}
		for _, want := range []string{"nginx/conf.d/app.conf:3:3:", "[nginx-body-size]", "snippets/api.conf:2:5:", "[nginx-rate-limit-status]"} {
			if !strings.Contains(out, want) {
				t.Errorf("missing %q in\n%s", want, out)
			}
		}
		if !strings.Contains(errOut, "connlint: note: ingress/nginx.tmpl: template syntax ({{ }} at line 2)") {
			t.Errorf("no note for the template:\n%s", errOut)
		}
		code, out, _ = run(t, nginxCmd, "nginx/bad/misplaced.conf")
		if code != ExitError || !strings.Contains(out, "nginx/bad/misplaced.conf:2:1: \"location\" directive is not allowed here") {
			t.Errorf("misplaced location: exit %d\n%s", code, out)
		}
	})
}
