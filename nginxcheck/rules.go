package nginxcheck

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/rules"
	"github.com/connlint/connlint/internal/units"
)

// checker runs the rules over a model and collects findings.
type checker struct {
	cfg  *Config
	opts Options
	// found are the findings, compact, in chunks of chunkSize: a
	// configuration of thousands of servers has a finding every few
	// lines, held beside the whole model until the rules are done; one
	// growing slice of report.Finding would cost three times as much
	// and copy them all at every growth.
	found [][]finding
	// related are the related positions of found[i/chunkSize][i%chunkSize].
	related map[int][]report.Related
	n       int // findings so far
	// dropped collects nginx-header-inheritance, one entry per level: a
	// snippet included in twenty locations is one mistake, reported once
	// (reportDroppedHeaders groups the entries by key). A slice sorted
	// once costs a third of a map on configurations of thousands of
	// servers.
	dropped []droppedHeaders
}

// finding is a finding as the rules make it: a directive's span and a
// message.
type finding struct {
	rule    string
	at      Pos
	end     lineCol
	message string
}

// droppedKey identifies one nginx-header-inheritance finding: the first
// own directive of a level, and what it drops from which kind of level.
type droppedKey struct {
	at          Pos
	name, level string
	headers     string
}

// droppedHeaders is one level's part of an nginx-header-inheritance
// finding: the directive that drops the headers, and the place that sets
// them.
type droppedHeaders struct {
	key  droppedKey
	own  *Directive
	from Pos
}

// report records a finding at directive d: from its name to its ";" (or,
// for a block, its "{"). It returns the finding's index.
func (c *checker) report(rule string, d *Directive, format string, args ...any) int {
	if k := len(c.found); k == 0 || len(c.found[k-1]) == chunkSize {
		c.found = append(c.found, make([]finding, 0, chunkSize))
	}
	last := &c.found[len(c.found)-1]
	*last = append(*last, finding{rule: rules.MustLookup(rule).ID, at: d.Pos, end: d.end, message: fmt.Sprintf(format, args...)})
	c.n++
	return c.n - 1
}

const chunkSize = 256

// findings returns the findings in one slice, as the report has them.
func (c *checker) findings() []report.Finding {
	out := make([]report.Finding, 0, c.n)
	for _, chunk := range c.found {
		for _, f := range chunk {
			d := Directive{Pos: f.at, end: f.end}
			start, end := d.at()
			r := rules.MustLookup(f.rule)
			out = append(out, report.Finding{
				Rule:     r.ID,
				Severity: r.Severity,
				Position: start,
				End:      end,
				Message:  f.message,
				Related:  c.related[len(out)],
			})
		}
	}
	return out
}

// levels are the blocks where settings take effect for requests: every
// server, location and if. An http level's values matter through its
// servers; an http level without servers (a fragment of http settings,
// or an nginx.conf whose servers are not in the repository) is judged
// itself.
func (c *checker) levels() []*Block {
	out := make([]*Block, 0, len(c.cfg.Blocks))
	for _, b := range c.cfg.Blocks {
		if b.Kind != KindHTTP || len(b.Children) == 0 {
			out = append(out, b)
		}
	}
	return out
}

func (c *checker) run() {
	for _, b := range c.levels() {
		ws := isWebsocket(b)
		c.bodySize(b)
		c.keepalive(b)
		c.upstreamKeepalive(b, ws)
		c.websocket(b, ws)
		c.rateLimitStatus(b)
	}
	for _, b := range c.cfg.Blocks {
		c.headerInheritance(b, "proxy_set_header")
		c.headerInheritance(b, "add_header")
	}
	c.reportDroppedHeaders()
}

// bodySize: nginx-body-size. Only a written directive can be a finding:
// nginx's default (1m) is a sane limit.
func (c *checker) bodySize(b *Block) {
	v, _ := b.Effective("client_max_body_size")
	if v.Default() {
		return
	}
	size, err := units.ParseSize(v.Arg(0))
	if err != nil {
		return // nginx -t rejects it; not connlint's to guess
	}
	switch {
	case size == 0:
		c.report("nginx-body-size", v.Directive,
			"client_max_body_size 0 disables the request body limit: set a limit of at most %s", c.opts.MaxBodySize)
	case size > c.opts.MaxBodySize:
		c.report("nginx-body-size", v.Directive,
			"client_max_body_size %s is above the %s maximum: lower it, or raise [nginx].max_body_size for this upload path", v.Arg(0), c.opts.MaxBodySize)
	}
}

// keepalive: nginx-keepalive.
func (c *checker) keepalive(b *Block) {
	if v, _ := b.Effective("keepalive_timeout"); !v.Default() {
		if d, err := units.ParseDuration(v.Arg(0)); err == nil && d == 0 {
			c.report("nginx-keepalive", v.Directive,
				"keepalive_timeout 0 closes every client connection after one request: set it to 60s or more")
		}
	}
	if v, _ := b.Effective("keepalive_requests"); !v.Default() {
		if n := atoi(v.Arg(0)); n >= 0 && n < c.opts.MinKeepaliveRequests {
			c.report("nginx-keepalive", v.Directive,
				"keepalive_requests %d closes client connections after %d requests: set it to at least %d", n, n, c.opts.MinKeepaliveRequests)
		}
	}
	for _, d := range b.List("add_header") {
		if strings.EqualFold(d.Arg(0), "Connection") && strings.EqualFold(d.Arg(1), "close") {
			c.report("nginx-keepalive", d,
				"add_header Connection close forces clients to reconnect for every request: remove it")
		}
	}
	if b.ProxyPass() == nil {
		return
	}
	if u := b.Upstream(); u != nil {
		if n, _ := u.Keepalive(); n > 0 {
			if v, ok := b.ProxyHeader("Connection"); ok && !v.Default() && strings.EqualFold(v.Arg(0), "close") {
				c.report("nginx-keepalive", v.Directive,
					"proxy_set_header Connection close defeats upstream %s's keepalive: set proxy_set_header Connection \"\"", u.Name)
			}
		}
	}
}

// upstreamKeepalive: nginx-upstream-keepalive, at the location's opening
// line.
func (c *checker) upstreamKeepalive(b *Block, websocket bool) {
	u := b.Upstream()
	if u == nil || b.Kind == KindServer {
		return
	}
	n, kv := u.Keepalive()
	if n <= 0 || websocket {
		return
	}
	var missing []string
	if v, _ := b.Effective("proxy_http_version"); unknown(v.Arg(0)) {
		return // a template's placeholder: connlint cannot tell
	} else if v.Arg(0) != "1.1" && v.Arg(0) != "2" && v.Arg(0) != "2.0" {
		missing = append(missing, "proxy_http_version 1.1")
	}
	// An explicit Connection close is nginx-keepalive's finding, at the
	// directive; here only nginx's default one is.
	if v, ok := b.ProxyHeader("Connection"); ok && v.Default() && strings.EqualFold(v.Arg(0), "close") {
		missing = append(missing, `proxy_set_header Connection ""`)
	}
	if len(missing) == 0 {
		return
	}
	c.report("nginx-upstream-keepalive", b.Directive,
		"%s proxies to upstream %s (keepalive at %s) over a connection nginx never reuses: add %s",
		b.Name(), u.Name, kv.Source(), strings.Join(missing, " and "))
}

// websocketPath matches location paths and upstream names that clearly
// carry WebSocket (or MQTT over WebSocket) traffic.
var websocketPath = regexp.MustCompile(`(?i)(^|[^a-z])(ws|wss|websockets?|socket\\?\.io|sockjs|mqtt|cable)([^a-z]|$)`)

// isWebsocket reports whether a level proxies WebSocket upgrades: it
// forwards Upgrade $http_upgrade, or its path or upstream says so.
func isWebsocket(b *Block) bool {
	if b.ProxyPass() == nil {
		return false
	}
	if v, ok := b.ProxyHeader("Upgrade"); ok && !v.Default() && strings.Contains(v.Arg(0), "$http_upgrade") {
		return true
	}
	if b.Location != nil && b.Location.Modifier != "@" && websocketPath.MatchString(b.Location.Path) {
		return true
	}
	if u := b.Upstream(); u != nil && websocketPath.MatchString(u.Name) {
		return true
	}
	return false
}

// websocket: nginx-websocket, at the level's opening line.
func (c *checker) websocket(b *Block, websocket bool) {
	if b.Kind == KindServer || !websocket {
		return
	}
	var missing []string
	if v, _ := b.Effective("proxy_http_version"); v.Arg(0) != "1.1" && !unknown(v.Arg(0)) {
		missing = append(missing, "proxy_http_version 1.1")
	}
	if v, ok := b.ProxyHeader("Upgrade"); !ok || (!strings.Contains(v.Arg(0), "$http_upgrade") && !unknown(v.Arg(0))) {
		missing = append(missing, "proxy_set_header Upgrade $http_upgrade")
	}
	if v, ok := b.ProxyHeader("Connection"); !ok || !c.upgradesConnection(b, v.Arg(0)) {
		missing = append(missing, `proxy_set_header Connection "upgrade" (or a map $http_upgrade variable)`)
	}
	if len(missing) == 0 {
		return
	}
	c.report("nginx-websocket", b.Directive,
		"%s proxies WebSocket upgrades but nginx will not forward the handshake: add %s", b.Name(), strings.Join(missing, ", "))
}

// upgradesConnection reports whether a Connection header value carries
// "upgrade": the literal, a variable mapped from $http_upgrade, or the
// client's own Connection header.
func (c *checker) upgradesConnection(b *Block, value string) bool {
	// $http_connection forwards the client's own "Connection: Upgrade".
	if strings.EqualFold(value, "upgrade") || value == "$http_connection" {
		return true
	}
	if m := b.HTTP.Maps[value]; m != nil && m.Source == "$http_upgrade" {
		return true
	}
	if unknown(value) {
		return true // a template's placeholder: connlint cannot tell
	}
	// A fragment's http block is elsewhere: a variable it does not define
	// may be the usual map there.
	return b.HTTP.Directive.implied() && strings.HasPrefix(value, "$") && b.HTTP.Maps[value] == nil
}

// levelOf returns the kind of the nearest block, from b up, that sets d
// itself: the level an inherited directive comes from. (A directive of a
// file included at several levels is one Directive; the blocks tell the
// levels apart.)
func levelOf(b *Block, name string, d *Directive) Kind {
	for up := b; up != nil; up = up.Parent {
		if slices.Contains(up.own.get(name), d) {
			return up.Kind
		}
	}
	return b.Kind // not reached: d came from b's list
}

// headerInheritance: nginx-header-inheritance, at the level's first own
// directive.
func (c *checker) headerInheritance(b *Block, name string) {
	own := b.own.get(name)
	if len(own) == 0 || b.Parent == nil {
		return
	}
	if name == "add_header" {
		if v, _ := b.Effective("add_header_inherit"); v.Arg(0) == "merge" || v.Arg(0) == "off" {
			return // merged, or dropped on purpose
		}
	}
	inherited := b.Parent.List(name)
	if len(inherited) == 0 {
		return
	}
	set := make(map[string]bool, len(own))
	for _, d := range own {
		set[strings.ToLower(d.Arg(0))] = true
	}
	var dropped []string
	var from *Directive
	for _, d := range inherited {
		h := d.Arg(0)
		if h == "" || set[strings.ToLower(h)] {
			continue
		}
		set[strings.ToLower(h)] = true
		dropped = append(dropped, h)
		if from == nil {
			from = d
		}
	}
	if len(dropped) == 0 {
		return
	}
	key := droppedKey{at: own[0].Pos, name: name, level: levelOf(b.Parent, name, from).String(), headers: strings.Join(dropped, ", ")}
	c.dropped = append(c.dropped, droppedHeaders{key: key, own: own[0], from: from.Pos})
}

// reportDroppedHeaders reports each nginx-header-inheritance finding once,
// at the directive that drops the headers. When that directive sits in a
// snippet included at several levels, the first level that sets the
// headers is named in the message and the others are related positions.
func (c *checker) reportDroppedHeaders() {
	slices.SortFunc(c.dropped, func(a, b droppedHeaders) int {
		return cmp.Or(compareKeys(a.key, b.key), comparePos(a.from, b.from))
	})
	for i := 0; i < len(c.dropped); {
		k, d := c.dropped[i].key, c.dropped[i]
		// The group of k, sorted by where the headers are set; the same
		// place twice (one snippet, two include sites) counts once.
		var from []Pos
		for ; i < len(c.dropped) && c.dropped[i].key == k; i++ {
			if p := c.dropped[i].from; len(from) == 0 || from[len(from)-1] != p {
				from = append(from, p)
			}
		}
		where := from[0].String()
		if n := len(from) - 1; n > 0 {
			where += fmt.Sprintf(" and %d more %s blocks that include it", n, k.level)
		}
		i := c.report("nginx-header-inheritance", d.own,
			"this %s drops %s set at %s level (%s): repeat them here, or move them into an include used at every level",
			k.name, k.headers, k.level, where)
		for _, p := range from[1:] {
			if c.related == nil {
				c.related = map[int][]report.Related{}
			}
			c.related[i] = append(c.related[i], report.Related{Position: p.position(), Message: fmt.Sprintf("%s set here too, and dropped the same way", k.headers)})
		}
	}
	c.dropped = nil
}

func compareKeys(a, b droppedKey) int {
	return cmp.Or(comparePos(a.at, b.at), cmp.Compare(a.name, b.name), cmp.Compare(a.level, b.level), cmp.Compare(a.headers, b.headers))
}

func comparePos(a, b Pos) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}

// rateLimitStatus: nginx-rate-limit-status, at each limit_req/limit_conn
// in effect where the status is still 503.
func (c *checker) rateLimitStatus(b *Block) {
	for _, pair := range [...][2]string{{"limit_req", "limit_req_status"}, {"limit_conn", "limit_conn_status"}} {
		limits := b.List(pair[0])
		if len(limits) == 0 {
			continue
		}
		st, _ := b.Effective(pair[1])
		if st.Arg(0) != "503" {
			continue
		}
		for _, d := range limits {
			c.report("nginx-rate-limit-status", d,
				"%s rejects excess requests with 503 (%s at %s), which clients retry at once: set %s 429 and add_header Retry-After ... always",
				pair[0], pair[1], st.Source(), pair[1])
		}
	}
}

// ProxiesWebSocket reports whether the level proxies WebSocket upgrades
// (the test nginx-websocket uses): the timeout chain assumes a chain for
// each such location when none is configured.
func (b *Block) ProxiesWebSocket() bool { return isWebsocket(b) }
