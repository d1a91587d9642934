// Package nginxcheck reviews nginx configurations for connection-management
// mistakes: it loads whole configurations, builds the settings nginx
// actually applies at every server, location and if, and runs the nginx
// rules of connlint's catalogue on them.
//
// # Loading
//
// Load reads the entry files and follows include directives: relative
// paths resolve against the directory of the entry file (nginx resolves
// them against its configuration prefix, which is that directory), globs
// are expanded in sorted order, hidden files are skipped as glob(3) skips
// them, and a plain path that does not exist is an error. Every directive
// keeps the file, line and column where it is written, and where it ends,
// also inside included files. A snippet included in two servers is
// evaluated in each of them.
//
// Only the repository is read, never the machine: absolute includes under
// the deployed prefix (/etc/nginx, or Options.Prefix) resolve against the
// entry file's directory, the files that ship with nginx (mime.types,
// fastcgi_params, ...) are known built-ins, and any other path outside the
// repository is an nginx-parse problem ("unresolvable").
//
// Every file is read in its context. A whole nginx.conf is read at the
// main level; a fragment (a conf.d server file, a location snippet) is
// reviewed where another entry file includes it, or, standing alone, in
// the context its directives imply, inside implied http, server or
// location blocks. A directive of nginx's own modules in a context nginx
// refuses is an nginx-parse problem at the line nginx -t reports
// (directiveContexts); third-party directives are never. envsubst
// templates (*.template) are read with ${VAR} values unknown; Go and
// Jinja templates are skipped (Config.Skipped).
//
// The directive tree comes from github.com/tufanbarisyildirim/gonginx,
// with unknown directives accepted (third-party modules add their own).
// gonginx has sharp edges that a linter cannot live with, so a small
// tokenizer that follows nginx's own (scan.go) runs first and supplies
// what gonginx loses: the opening line of every block (gonginx stamps the
// closing brace), a stray "}" (gonginx silently drops the rest of the
// file), and the line of malformed directives whose gonginx errors name
// none. A panic inside gonginx becomes an nginx-parse finding.
//
// # The effective model
//
// Config holds every http, server, location (nested too) and if Block.
// Block.Effective returns a single-value directive's effective value:
// the nearest level that writes it, else nginx's default for the
// configured version (Config.SetVersion, [nginx].version, default
// DefaultVersion), each with its Source: "file:line" or "nginx default
// (documentation URL)". Block.List returns array directives
// (proxy_set_header, add_header, limit_req, limit_conn, error_page), which
// nginx inherits only when a level has none of its own — or, for
// add_header, as add_header_inherit (1.29.3) says. Upstream.Keepalive is
// the upstream's own keepalive, not the http-level keepalive_* settings.
// Block.Timeouts gives the timeouts the timeout chain needs, and
// Server.Match / Config.Match find the location nginx selects for a URI.
//
// # Rules
//
// Check runs the rules. For example, this location never reuses an
// upstream connection (nginx-upstream-keepalive) before nginx 1.29.7:
//
//	upstream api { server 10.0.0.2:8080; keepalive 32; }
//	location /api/ { proxy_pass http://api; }
//
// and this one does:
//
//	location /api/ {
//	    proxy_pass http://api;
//	    proxy_http_version 1.1;
//	    proxy_set_header Connection "";
//	}
//
// The rules are nginx-body-size, nginx-keepalive, nginx-upstream-keepalive,
// nginx-websocket, nginx-header-inheritance and nginx-rate-limit-status;
// docs/rules/RULE.md describes each. A finding is silenced by
//
//	# connlint:ignore RULE reason
//
// on its line or the line above, or "# connlint:file-ignore RULE reason"
// anywhere in its file; a directive without a reason, naming an unknown
// rule, or suppressing nothing is a finding of rule suppress.
//
// A file that cannot be read or parsed is an nginx-parse finding at the
// line nginx itself reports (checked against nginx -t in the tests), and
// Check then also returns a *ParseError: the run must fail.
package nginxcheck
