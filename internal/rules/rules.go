// Package rules is the single source of truth for connlint's rule metadata:
// every rule's ID, title, severity, source and documentation page live here
// and nowhere else. The `rules` and `explain` commands, the SARIF
// reportingDescriptors, the analyzers' URLs and the README's rule table are
// all generated from this list, the way staticcheck keeps one documentation
// struct per check.
//
// Rule IDs are a public contract (../shared/DESIGN.md): add rules, never
// rename them.
package rules

import "sort"

// Severity is how serious a finding of a rule is.
type Severity string

// Severities, as written in JSON and SARIF output.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
	Info    Severity = "info"
)

// Source names which part of connlint produces a rule's findings.
type Source string

// Sources of findings.
const (
	Go       Source = "go"       // a go/analysis analyzer
	Nginx    Source = "nginx"    // nginxcheck
	Chain    Source = "chain"    // timeoutchain
	Connlint Source = "connlint" // connlint itself (directives)
)

// Rule describes one rule.
type Rule struct {
	ID       string   // stable identifier; for Go rules, the analyzer name
	Title    string   // one line: the mistake the rule finds
	Severity Severity // default severity of its findings
	Source   Source
}

// DocBase is where the rule pages are published; each rule's page is
// DocBase + ID + ".md". The same pages are embedded in the binary
// (package docs) for `connlint explain`.
const DocBase = "https://github.com/connlint/connlint/blob/main/docs/rules/"

// DocURL returns the address of the rule's documentation page.
func (r Rule) DocURL() string { return DocBase + r.ID + ".md" }

// catalogue lists the rules that connlint implements today. A rule of
// DESIGN.md's catalogue joins this list in the change that implements it,
// so that `connlint rules` never lists a rule that cannot fire.
var catalogue = []Rule{
	{
		ID:       "transportreuse",
		Title:    "HTTP connection pool or TLS/TCP connection created per request: every call pays TCP and TLS handshakes",
		Severity: Warning,
		Source:   Go,
	},
	{
		ID:       "keepalive",
		Title:    "HTTP keep-alive switched off: every request opens a new connection",
		Severity: Warning,
		Source:   Go,
	},
	{
		ID:       "bodydrain",
		Title:    "HTTP response body not drained and closed on every path: the connection cannot return to the pool",
		Severity: Warning,
		Source:   Go,
	},
	{
		ID:       "tlsresume",
		Title:    "client tls.Config for repeated connections without ClientSessionCache: every reconnect is a full handshake",
		Severity: Warning,
		Source:   Go,
	},
	{
		ID:       "bodylimit",
		Title:    "HTTP handler reads the request body with no size limit on its path: one device can exhaust the gateway's memory",
		Severity: Warning,
		Source:   Go,
	},
	{
		ID:       "decompresslimit",
		Title:    "decompressed data read without a size limit: a small compressed payload expands to gigabytes (zip bomb)",
		Severity: Warning,
		Source:   Go,
	},
	{
		ID:       "servertimeouts",
		Title:    "HTTP server without ReadHeaderTimeout or IdleTimeout: slow or idle clients hold connections forever",
		Severity: Warning,
		Source:   Go,
	},
	{
		ID:       "statuscode",
		Title:    "error reported with a 2xx status, or 503/429 without Retry-After: devices cannot act on the answer",
		Severity: Warning,
		Source:   Go,
	},
	{
		ID:       "reconnectbackoff",
		Title:    "reconnect or retry loop that waits a fixed interval, or grows without jitter or without a cap: a thundering herd after every restart",
		Severity: Warning,
		Source:   Go,
	},
	{
		ID:       "pollinterval",
		Title:    "HTTP polling for updates more often than the threshold: use MQTT, CoAP Observe, SSE or WebSockets",
		Severity: Warning,
		Source:   Go,
	},
	{
		ID:       "heartbeat",
		Title:    "heartbeat that cannot work: ping period not below the pong deadline, a read loop without deadline, an MQTT keep-alive that is off",
		Severity: Warning,
		Source:   Go,
	},
	{
		ID:       "nginx-parse",
		Title:    "nginx configuration file that cannot be read or parsed",
		Severity: Error,
		Source:   Nginx,
	},
	{
		ID:       "nginx-body-size",
		Title:    "nginx client_max_body_size 0 (unlimited) or above the configured maximum",
		Severity: Warning,
		Source:   Nginx,
	},
	{
		ID:       "nginx-keepalive",
		Title:    "nginx client keep-alive switched off, keepalive_requests below the threshold, or a forced Connection: close",
		Severity: Warning,
		Source:   Nginx,
	},
	{
		ID:       "nginx-upstream-keepalive",
		Title:    "upstream keepalive proxied without HTTP/1.1 and a cleared Connection header: no upstream connection is ever reused",
		Severity: Warning,
		Source:   Nginx,
	},
	{
		ID:       "nginx-websocket",
		Title:    "location proxying WebSocket upgrades without HTTP/1.1 and the Upgrade/Connection headers",
		Severity: Error,
		Source:   Nginx,
	},
	{
		ID:       "nginx-header-inheritance",
		Title:    "proxy_set_header/add_header at a deeper level silently drops the headers inherited from above",
		Severity: Warning,
		Source:   Nginx,
	},
	{
		ID:       "nginx-rate-limit-status",
		Title:    "limit_req/limit_conn answering 503 (the default) instead of 429",
		Severity: Warning,
		Source:   Nginx,
	},
	{
		ID:       "chain-heartbeat",
		Title:    "heartbeat interval above half of the shortest idle timeout on its connection path (or a hop that caps the connection's lifetime)",
		Severity: Error,
		Source:   Chain,
	},
	{
		ID:       "chain-pong",
		Title:    "heartbeat interval + pong timeout not below the shortest idle timeout: the path drops before a dead peer is noticed",
		Severity: Error,
		Source:   Chain,
	},
	{
		ID:       "chain-idle-order",
		Title:    "backend keep-alive idle timeout not longer than the pool of the proxy in front of it: intermittent 502s",
		Severity: Warning,
		Source:   Chain,
	},
	{
		ID:       "chain-source",
		Title:    "a configured chain source (file, resource, location, server) that cannot be found, read or resolved",
		Severity: Error,
		Source:   Chain,
	},
	{
		ID:       "suppress",
		Title:    "a //connlint:ignore directive that is malformed, has no reason, names an unknown rule or suppresses nothing",
		Severity: Warning,
		Source:   Connlint,
	},
}

var byID = func() map[string]Rule {
	m := make(map[string]Rule, len(catalogue))
	for _, r := range catalogue {
		m[r.ID] = r
	}
	return m
}()

// All returns every rule, sorted by ID.
func All() []Rule {
	out := append([]Rule(nil), catalogue...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	r, ok := byID[id]
	return r, ok
}

// MustLookup returns the rule with the given ID and panics when there is
// none: it is for analyzers naming their own rule at init time, where a
// typo must fail every test at once.
func MustLookup(id string) Rule {
	r, ok := byID[id]
	if !ok {
		panic("connlint: rule " + id + " is not in the catalogue (internal/rules)")
	}
	return r
}

// BadInput is the analysis.Diagnostic Category of diagnostics that are
// really errors in the input (a suppression directive naming no rule or an
// unknown one): `connlint check` turns them into run errors (exit 2)
// instead of findings. Under go vet they stay diagnostics.
const BadInput = "connlint/bad-input"
