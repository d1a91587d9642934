package nginxcheck

import (
	"regexp"
	"strings"
	"time"

	"github.com/connlint/connlint/internal/units"
)

// Config is the effective model of the loaded nginx configurations.
type Config struct {
	// Files are every file read, entry files and includes, relative to
	// the root, in the order they were first read.
	Files []string
	// HTTP are the http blocks, one per entry file that has one.
	HTTP []*HTTP
	// Servers are every server block of every http block, in order.
	Servers []*Server
	// Blocks are every http, server, location and if block, parents
	// before children: the levels the rules judge.
	Blocks []*Block
	// Streams are the stream blocks (TCP/UDP proxying), one per entry
	// file that has one, or the implied one of a streams.d fragment.
	Streams []*Stream
	// Skipped are the files not reviewed because they are not nginx
	// until rendered (Go or Jinja templates); a run says so on stderr.
	Skipped []Skipped

	version  Version
	comments []fileComments
	contexts map[string]context // entry file → the context it is read in
}

type fileComments struct {
	file     string
	comments []comment
}

// SetVersion sets the nginx version whose defaults apply ([nginx].version).
func (c *Config) SetVersion(v string) error {
	if v == "" {
		c.version = defaultVersion
		return nil
	}
	ver, err := ParseVersion(v)
	if err != nil {
		return err
	}
	c.version = ver
	return nil
}

// Version is the nginx version whose defaults apply.
func (c *Config) Version() Version { return c.version }

// Kind is the kind of a configuration level.
type Kind int

// Levels of an http configuration.
const (
	KindHTTP Kind = iota
	KindServer
	KindLocation
	KindIf
)

func (k Kind) String() string {
	return [...]string{"http", "server", "location", "if"}[k]
}

// Block is one configuration level: http, server, location or if. Its
// effective settings are its own directives merged with its parents' the
// way nginx merges them.
type Block struct {
	Kind      Kind
	Directive *Directive // the block directive ("server {", "location /x {")
	Parent    *Block     // nil for http
	Children  []*Block
	HTTP      *HTTP
	Server    *Server   // nil for http
	Location  *Location // the innermost enclosing location; nil above
	own       byName
	cfg       *Config
}

// HTTP is an http block and the names its servers refer to.
type HTTP struct {
	*Block
	Upstreams map[string]*Upstream
	// Maps are the map blocks by the variable they define ("$conn").
	Maps map[string]*Map
	// LimitZones are limit_req_zone and limit_conn_zone by zone name.
	LimitZones map[string]*Directive
}

// Server is a server block.
type Server struct {
	*Block
	Names     []string
	Locations []*Location // top-level locations, in order
}

// Location is a location block.
type Location struct {
	*Block
	Modifier  string // "", "=", "^~", "~", "~*" or "@" for a named location
	Path      string
	Parent    *Location // enclosing location, nil at server level
	Locations []*Location
	re        *regexp.Regexp
}

// Upstream is an upstream block.
type Upstream struct {
	Name      string
	Directive *Directive
	Servers   []*Directive
	own       byName // the first of each name counts
	cfg       *Config
}

// Map is a map block: map SOURCE $VAR { ... }.
type Map struct {
	Source    string
	Var       string
	Default   string // value of the default entry ("" when absent)
	Directive *Directive
}

// Value is the effective value of a directive at a level: the directive
// that sets it, or nginx's default.
type Value struct {
	Args      []string
	Directive *Directive // nil when the value is nginx's default
	DocURL    string     // for a default: the documentation that states it
}

// Default reports whether the value is nginx's default.
func (v Value) Default() bool { return v.Directive == nil }

// Arg returns argument i, or "".
func (v Value) Arg(i int) string {
	if i < len(v.Args) {
		return v.Args[i]
	}
	return ""
}

// Source says where the value comes from: "file:line" or
// "nginx default (URL)".
func (v Value) Source() string {
	if v.Directive != nil {
		return v.Directive.Pos.String()
	}
	if v.DocURL == "" {
		return "not set"
	}
	return "nginx default (" + v.DocURL + ")"
}

// Effective returns the effective value of a single-value directive at b:
// the nearest level's own directive, else nginx's default for the
// configured version. Known is false when neither exists.
func (b *Block) Effective(name string) (v Value, known bool) {
	for l := b; l != nil; l = l.Parent {
		if ds := l.own.get(name); len(ds) > 0 {
			return Value{Args: ds[0].Args, Directive: ds[0]}, true
		}
	}
	args, doc, ok := defaultOf(name, b.cfg.version)
	return Value{Args: args, DocURL: doc}, ok
}

// Own returns the directives named name written at this level.
func (b *Block) Own(name string) []*Directive { return b.own.get(name) }

// List returns the effective directives of an array directive
// (proxy_set_header, add_header, limit_req, limit_conn, error_page): nginx
// inherits them only when a level has none of its own, unless
// add_header_inherit (1.29.3) says otherwise for add_header.
func (b *Block) List(name string) []*Directive {
	own := b.own.get(name)
	if name == "add_header" {
		mode, _ := b.Effective("add_header_inherit")
		switch mode.Arg(0) {
		case "off":
			return own
		case "merge":
			if b.Parent != nil {
				return append(append([]*Directive(nil), b.Parent.List(name)...), own...)
			}
			return own
		}
	}
	if len(own) > 0 || b.Parent == nil {
		return own
	}
	return b.Parent.List(name)
}

// ProxyHeader returns the effective value of a request header nginx sends
// upstream (proxy_set_header, else the proxy module's defaults). ok is
// false when the header is neither set nor defaulted.
func (b *Block) ProxyHeader(header string) (v Value, ok bool) {
	for _, d := range b.List("proxy_set_header") {
		if strings.EqualFold(d.Arg(0), header) {
			return Value{Args: d.Args[1:], Directive: d}, true
		}
	}
	if def, ok := defaultProxyHeaders(b.cfg.version)[strings.ToLower(header)]; ok {
		return Value{Args: []string{def}, DocURL: proxyDoc + "proxy_set_header"}, true
	}
	return Value{}, false
}

// Duration returns the effective duration of a time directive.
func (b *Block) Duration(name string) (time.Duration, Value, error) {
	v, _ := b.Effective(name)
	d, err := units.ParseDuration(v.Arg(0))
	return d, v, err
}

// Timeout is an effective timeout and where it comes from.
type Timeout struct {
	Duration time.Duration
	Value
	Err error // the value could not be parsed
}

// Timeouts are the effective timeouts of a level that the timeout chain
// needs.
type Timeouts struct {
	ProxyRead, ProxySend, Keepalive, ClientBody, Send Timeout
}

// Timeouts returns the effective timeouts at b.
func (b *Block) Timeouts() Timeouts {
	get := func(name string) Timeout {
		d, v, err := b.Duration(name)
		return Timeout{Duration: d, Value: v, Err: err}
	}
	return Timeouts{
		ProxyRead:  get("proxy_read_timeout"),
		ProxySend:  get("proxy_send_timeout"),
		Keepalive:  get("keepalive_timeout"),
		ClientBody: get("client_body_timeout"),
		Send:       get("send_timeout"),
	}
}

// ProxyPass returns the level's own proxy_pass (nginx does not inherit
// it), or nil.
func (b *Block) ProxyPass() *Directive {
	if ds := b.own.get("proxy_pass"); len(ds) > 0 {
		return ds[0]
	}
	return nil
}

// Upstream returns the upstream block the level's proxy_pass names, or nil.
func (b *Block) Upstream() *Upstream {
	pp := b.ProxyPass()
	if pp == nil || b.HTTP == nil {
		return nil
	}
	host := pp.Arg(0)
	if i := strings.Index(host, "://"); i >= 0 {
		host = host[i+3:]
	}
	if i := strings.IndexAny(host, "/?"); i >= 0 {
		host = host[:i]
	}
	return b.HTTP.Upstreams[host]
}

// Name describes the level for messages: "http", "server example.com",
// "location /ws", "if ($x)".
func (b *Block) Name() string {
	switch b.Kind {
	case KindServer:
		if len(b.Server.Names) > 0 && b.Server.Names[0] != "" {
			return "server " + b.Server.Names[0]
		}
		return "server"
	case KindLocation:
		if b.Directive.implied() {
			return "the location " + b.Directive.Pos.File + " is included in"
		}
		return "location " + strings.Join(b.Directive.Args, " ")
	case KindIf:
		return "if " + strings.Join(b.Directive.Args, " ")
	}
	return "http"
}

// Keepalive returns the upstream's keepalive connection cache size and
// its source: the keepalive directive, else nginx's default (none before
// 1.29.7, "keepalive 32 local" since).
func (u *Upstream) Keepalive() (int, Value) {
	if d := u.own.first("keepalive"); d != nil {
		n := atoi(d.Arg(0))
		return n, Value{Args: d.Args, Directive: d}
	}
	if u.cfg.version.AtLeast(upstreamKeepaliveDefault) {
		return 32, Value{Args: []string{"32", "local"}, DocURL: upstreamDoc + "keepalive"}
	}
	return 0, Value{DocURL: upstreamDoc + "keepalive"}
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' || n > 1<<30 {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	if s == "" {
		return -1
	}
	return n
}

// build adds one entry file's expanded directives, read in context ctx,
// to the model. A fragment written for an http, server or location block
// elsewhere (conf.d/*.conf, a snippet, a Kubernetes ConfigMap) is modeled
// inside implied blocks of the kinds it lacks, so that its settings are
// judged where they take effect. Stream blocks are modeled apart (their
// servers are hops of TCP paths); mail and events configuration holds
// nothing the rules judge.
func (c *Config) build(file string, top []*Directive, ctx context) {
	implied := func(name string, body []*Directive) *Directive {
		at := Pos{File: file, Line: 1, Column: 1}
		if len(top) > 0 {
			at = top[0].Pos
		}
		if body == nil {
			body = []*Directive{}
		}
		return &Directive{Name: name, Pos: at, Block: body, end: lineCol{line: impliedLine}}
	}
	switch ctx {
	case cMain:
		for _, d := range top {
			if d.Name == "http" && d.IsBlock() {
				c.addHTTP(d, d.Block)
			}
			if d.Name == "stream" && d.IsBlock() {
				c.addStream(d, d.Block)
			}
		}
	case cStream:
		c.addStream(implied("stream", nil), top)
	case cStreamServer:
		c.addStream(implied("stream", nil), []*Directive{implied("server", top)})
	case cHTTP:
		c.addHTTP(implied("http", nil), top)
	case cServer:
		c.addHTTP(implied("http", nil), []*Directive{implied("server", top)})
	case cLocation:
		c.addHTTP(implied("http", nil), []*Directive{implied("server", []*Directive{implied("location", top)})})
	}
}

func (c *Config) addHTTP(d *Directive, body []*Directive) {
	h := &HTTP{Upstreams: map[string]*Upstream{}, Maps: map[string]*Map{}, LimitZones: map[string]*Directive{}}
	h.Block = c.newBlock(KindHTTP, d, nil)
	h.HTTP = h
	c.HTTP = append(c.HTTP, h)
	c.fill(h.Block, body)
}

func (c *Config) newBlock(kind Kind, d *Directive, parent *Block) *Block {
	b := &Block{Kind: kind, Directive: d, Parent: parent, cfg: c}
	if parent != nil {
		b.HTTP, b.Server, b.Location = parent.HTTP, parent.Server, parent.Location
		parent.Children = append(parent.Children, b)
	}
	c.Blocks = append(c.Blocks, b)
	return b
}

// fill records a level's own directives and builds its child levels.
func (c *Config) fill(b *Block, ds []*Directive) {
	var own []*Directive
	for _, d := range ds {
		switch {
		case d.Name == "server" && d.IsBlock() && b.Kind == KindHTTP:
			s := &Server{}
			s.Block = c.newBlock(KindServer, d, b)
			s.Server = s
			c.Servers = append(c.Servers, s)
			for _, sd := range d.Block {
				if sd.Name == "server_name" {
					s.Names = append(s.Names, sd.Args...)
				}
			}
			c.fill(s.Block, d.Block)
		case d.Name == "location" && d.IsBlock() && (b.Kind == KindServer || b.Kind == KindLocation):
			l := &Location{}
			l.Block = c.newBlock(KindLocation, d, b)
			l.Parent = b.Location
			l.Location = l
			l.Modifier, l.Path = locationMatch(d.Args)
			l.compile()
			switch {
			case d.implied():
				// Its path is unknown: no URI selects it.
			case l.Parent != nil:
				l.Parent.Locations = append(l.Parent.Locations, l)
			default:
				b.Server.Locations = append(b.Server.Locations, l)
			}
			c.fill(l.Block, d.Block)
		case d.Name == "if" && d.IsBlock() && b.Kind != KindHTTP:
			c.fill(c.newBlock(KindIf, d, b), d.Block)
		case d.Name == "upstream" && d.IsBlock() && b.Kind == KindHTTP:
			u := &Upstream{Name: d.Arg(0), Directive: d, cfg: c}
			var own []*Directive
			for _, ud := range d.Block {
				if ud.Name == "server" {
					u.Servers = append(u.Servers, ud)
				} else {
					own = append(own, ud)
				}
			}
			u.own = index(own)
			b.HTTP.Upstreams[u.Name] = u
		case d.Name == "map" && d.IsBlock() && b.Kind == KindHTTP:
			m := &Map{Source: d.Arg(0), Var: d.Arg(1), Directive: d}
			for _, e := range d.Block {
				if e.Name == "default" {
					m.Default = e.Arg(0)
				}
			}
			b.HTTP.Maps[m.Var] = m
		case (d.Name == "limit_req_zone" || d.Name == "limit_conn_zone") && b.Kind == KindHTTP:
			for _, a := range d.Args {
				if z, ok := strings.CutPrefix(a, "zone="); ok {
					name, _, _ := strings.Cut(z, ":")
					b.HTTP.LimitZones[name] = d
				}
			}
		case d.IsBlock():
			// Blocks connlint does not model (limit_except, types, geo,
			// split_clients…) hold no settings the rules judge.
		default:
			own = append(own, d)
		}
	}
	b.own = index(own)
}

// locationMatch splits a location's arguments into modifier and path:
// "location = /x", "location =/x", "location ~* \.php$", "location @name".
func locationMatch(args []string) (string, string) {
	if len(args) == 2 {
		return args[0], args[1]
	}
	if len(args) == 0 {
		return "", ""
	}
	a := args[0]
	for _, m := range []string{"^~", "~*", "=", "~", "@"} {
		if m == "@" && strings.HasPrefix(a, "@") {
			return "@", a[1:]
		}
		if strings.HasPrefix(a, m) && len(a) > len(m) {
			return m, a[len(m):]
		}
	}
	return "", a
}

func (l *Location) compile() {
	switch l.Modifier {
	case "~":
		l.re, _ = regexp.Compile(l.Path)
	case "~*":
		l.re, _ = regexp.Compile("(?i)" + l.Path)
	}
}

// Match returns the location nginx selects for uri in this server, or nil:
// an exact "=" match wins; otherwise the longest prefix is remembered (and
// its nested locations searched); a "^~" longest prefix stops there;
// otherwise regular expressions are tried in order (nested ones first)
// and the first match wins; else the longest prefix
// (ngx_http_core_module.html#location). Regexes use Go's RE2 syntax,
// which covers the PCRE that location patterns use in practice; a pattern
// RE2 cannot compile never matches.
func (s *Server) Match(uri string) *Location {
	l, _ := findLocation(s.Locations, uri)
	return l
}

// Match returns, for each server, the location nginx selects for uri.
func (c *Config) Match(uri string) []*Location {
	var out []*Location
	for _, s := range c.Servers {
		if l := s.Match(uri); l != nil {
			out = append(out, l)
		}
	}
	return out
}

func findLocation(locs []*Location, uri string) (*Location, bool) {
	for _, l := range locs {
		if l.Modifier == "=" && l.Path == uri {
			return l, true
		}
	}
	var found *Location
	final := false
	for _, l := range locs {
		if (l.Modifier == "" || l.Modifier == "^~") && strings.HasPrefix(uri, l.Path) &&
			(found == nil || len(l.Path) > len(found.Path)) {
			found = l
		}
	}
	if found != nil {
		final = found.Modifier == "^~"
		if n, f := findLocation(found.Locations, uri); n != nil {
			found, final = n, f || final
		}
		if final {
			return found, true
		}
	}
	for _, l := range locs {
		if l.re != nil && l.re.MatchString(uri) {
			if n, _ := findLocation(l.Locations, uri); n != nil {
				return n, true
			}
			return l, true
		}
	}
	return found, final
}

// KeepaliveTimeout returns how long the upstream keeps an idle pooled
// connection open (the upstream block's keepalive_timeout, default 60s
// since nginx 1.15.3: ngx_http_upstream_module.html#keepalive_timeout),
// and its source. It only matters when Keepalive is above zero: without a
// connection cache nginx reuses nothing.
func (u *Upstream) KeepaliveTimeout() (time.Duration, Value, error) {
	if d := u.own.first("keepalive_timeout"); d != nil {
		dur, err := units.ParseDuration(d.Arg(0))
		return dur, Value{Args: d.Args, Directive: d}, err
	}
	return 60 * time.Second, Value{Args: []string{"60s"}, DocURL: upstreamDoc + "keepalive_timeout"}, nil
}
