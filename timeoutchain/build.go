package timeoutchain

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/connlint/connlint/internal/config"
	"github.com/connlint/connlint/internal/records"
	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/rules"
)

// NginxTimeouts are the effective timeouts of one nginx location, from
// nginxcheck's model.
type NginxTimeouts struct {
	ProxyRead, ProxySend, KeepAlive, UpstreamKeepalive Value
	// WebSocket: the location proxies WebSocket upgrades.
	WebSocket bool
}

// NginxModel answers for the location nginx picks for a URI.
type NginxModel interface {
	LocationTimeouts(uri string) (NginxTimeouts, error)
}

// Inputs are what a chain can draw on besides connlint.toml.
type Inputs struct {
	Root       string              // the checked directory; sources are relative to it
	Heartbeats []records.Heartbeat // found in the code, positions relative to Root
	Servers    []records.Server    // found in the code, positions relative to Root
	Nginx      NginxModel          // nil when no nginx config is loaded
}

// Build resolves the chains of cfg. Every source that cannot be found,
// read or resolved is a chain-source finding; its chain is left out.
func Build(cfg *config.Config, in Inputs) ([]*Chain, []report.Finding) {
	var chains []*Chain
	var errs []report.Finding
	cfgFile := cfg.Path
	if rel, err := filepath.Rel(in.Root, cfg.Path); err == nil && !strings.HasPrefix(rel, "..") {
		cfgFile = filepath.ToSlash(rel)
	}
	for i, cc := range cfg.Chains {
		b := &builder{cfg: cfg, cfgFile: cfgFile, in: in, key: fmt.Sprintf("chain[%d]", i)}
		c := b.chain(cc)
		if len(b.errs) > 0 {
			errs = append(errs, b.errs...)
			continue
		}
		chains = append(chains, c)
	}
	return chains, errs
}

type builder struct {
	cfg     *config.Config
	cfgFile string // cfg.Path relative to the checked directory
	in      Inputs
	key     string
	errs    []report.Finding
	stream  *StreamServer // the first nginx stream server of the chain
}

// at is the connlint.toml position of a key below the chain; a key that
// is not set falls back to the closest enclosing table.
func (b *builder) at(path ...string) Source {
	key := strings.Join(append([]string{b.key}, path...), ".")
	for key != "" {
		if line := b.cfg.Line(key); line > 0 {
			return Source{File: b.cfgFile, Line: line, Column: b.cfg.Column(key)}
		}
		i := strings.LastIndex(key, ".")
		if i < 0 {
			break
		}
		key = key[:i]
	}
	return Source{File: b.cfgFile}
}

func (b *builder) fail(at Source, format string, args ...any) {
	b.errs = append(b.errs, sourceFinding(at, fmt.Sprintf(format, args...)))
}

// sourceFinding is a chain-source finding at a configured or discovered
// source's file and line.
func sourceFinding(at Source, msg string) report.Finding {
	r := rules.MustLookup("chain-source")
	return report.Finding{Rule: r.ID, Severity: r.Severity, Position: at.position(), Message: msg, URL: r.DocURL()}
}

func (b *builder) chain(cc config.Chain) *Chain {
	c := &Chain{Name: cc.Name, Decl: b.at(), Ratio: cc.MaxHeartbeatRatio}
	if c.Name == "" {
		c.Name = b.key
	}
	for j, h := range cc.Hops {
		if hop, ok := b.hop(h, fmt.Sprintf("hop[%d]", j)); ok {
			c.Hops = append(c.Hops, hop)
		}
	}
	protocol, ok := b.protocol(cc.Protocol, b.at("protocol"))
	if !ok || len(b.errs) > 0 {
		// The chain is left out: which heartbeat it would take is moot.
		return c
	}
	if protocol == "" && b.stream != nil && b.stream.MQTT {
		protocol = ProtoMQTT // an MQTT port: its heartbeat is the keep-alive
	}
	c.Heartbeat = b.heartbeat(cc, c.Name, protocol)
	c.Protocol = protocol
	if c.Protocol == "" {
		c.Protocol = inferProtocol(c, b.stream)
	}
	return c
}

// heartbeat takes the chain's heartbeat from connlint.toml, or else the
// one heartbeat found in the code that serves the chain's protocol (an
// MQTT keep-alive for MQTT; a WebSocket or application ping for a
// WebSocket; any when the protocol is not known).
func (b *builder) heartbeat(cc config.Chain, name, protocol string) Heartbeat {
	var hb Heartbeat
	if cc.Heartbeat.Set {
		hb.Interval = val(cc.Heartbeat.Duration, b.at("heartbeat"))
	}
	if cc.PongTimeout.Set {
		hb.Pong = val(cc.PongTimeout.Duration, b.at("pong_timeout"))
	}
	if hb.Interval.Set {
		if protocol == ProtoMQTT {
			hb.Kind = records.MQTTKeepAlive // the keep-alive, in connlint.toml
		}
		return hb
	}
	found := knownHeartbeats(ofKinds(b.in.Heartbeats, heartbeatKinds(protocol)))
	switch {
	case len(found) == 0 && protocol == ProtoMQTT:
		b.fail(b.at(), "chain %q gives no heartbeat and no MQTT keep-alive with a known interval was found in the code: set heartbeat = \"…\" (the keep-alive)", name)
	case len(found) == 0:
		b.fail(b.at(), "chain %q gives no heartbeat and none with a known interval was found in the code: set heartbeat = \"…\"", name)
	case len(found) == 1:
		fromCode := heartbeatOf(found[0])
		hb.Interval, hb.Kind, hb.Literal = fromCode.Interval, fromCode.Kind, fromCode.Literal
		if !hb.Pong.Set {
			hb.Pong = fromCode.Pong
		}
	default:
		var names []string
		for _, h := range found {
			names = append(names, fmt.Sprintf("%s every %s at %s", h.Kind, h.Interval.Duration, h.Pos))
		}
		b.fail(b.at(), "chain %q gives no heartbeat and the code has several (%s): set heartbeat = \"…\"", name, strings.Join(names, "; "))
	}
	return hb
}

// heartbeatOf turns a heartbeat record into the chain's heartbeat. The
// pong timeout is the time a dead peer goes unnoticed after a ping: for
// MQTT the PINGRESP wait itself; for a WebSocket ping the record holds the
// pong wait, a read deadline counted from the last pong that already
// includes the ping period (gorilla's pingPeriod = pongWait*9/10), so the
// time left after a ping is pong wait − ping period.
func heartbeatOf(h records.Heartbeat) Heartbeat {
	hb := Heartbeat{Interval: val(h.Interval.Duration, codeSource(h.Pos)), Kind: h.Kind, Literal: h.Interval.Literal}
	if !h.Timeout.Known {
		return hb
	}
	pong := h.Timeout.Duration
	if h.Kind == records.WebSocketPing {
		pong -= h.Interval.Duration
	}
	if pong > 0 {
		src := codeSource(h.Timeout.Pos)
		if src.File == "" {
			src.Default = "the client library's default" // paho's 10 s ping timeout
		}
		hb.Pong = val(pong, src)
	}
	return hb
}

// knownHeartbeats keeps the heartbeats whose interval is known, one per
// distinct (interval, timeout): the same constants used by a server and a
// client are one heartbeat.
func knownHeartbeats(hbs []records.Heartbeat) []records.Heartbeat {
	seen := map[[2]time.Duration]int{}
	var out []records.Heartbeat
	for _, h := range hbs {
		// A known interval of 0 is a disabled heartbeat (an MQTT
		// keep-alive of 0): there is nothing to check on the path.
		if !h.Interval.Known || h.Interval.Duration <= 0 {
			continue
		}
		k := [2]time.Duration{h.Interval.Duration, h.Timeout.Duration}
		if i, ok := seen[k]; ok {
			// Written in several places: an edit of one would split
			// the heartbeat in two, so none is offered.
			out[i].Interval.Literal = nil
			continue
		}
		seen[k] = len(out)
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos.String() < out[j].Pos.String() })
	return out
}

func (b *builder) hop(h config.Hop, key string) (Hop, bool) {
	kind, ok := LookupKind(h.Kind)
	if !ok {
		b.fail(b.at(key, "kind"), "unknown hop kind %q; known kinds: %s", h.Kind, strings.Join(KindNames(), ", "))
		return Hop{}, false
	}
	hop := Hop{Kind: kind.Name, Name: h.Name, Decl: b.at(key)}
	if hop.Name == "" {
		hop.Name = kind.Name
		if h.Location != "" {
			hop.Name += " " + h.Location
		}
		if h.Listen != "" {
			hop.Name += " " + h.Listen
		}
	}
	applyDefaults(&hop, kind)
	sources := 0
	for _, s := range []string{h.Terraform, h.CloudFormation, h.AWSJSON, h.Kubernetes, h.HAProxy, h.Envoy, h.Traefik} {
		if s != "" {
			sources++
		}
	}
	if h.IdleTimeout.Set {
		sources++
	}
	if sources > 1 {
		b.fail(hop.Decl, "hop %q names several sources of its idle timeout: keep one of idle_timeout, terraform, cloudformation, aws_json, kubernetes, haproxy, envoy, traefik", hop.Name)
		return hop, false
	}
	if h.Listen != "" && !kind.FromNginxStream {
		b.fail(b.at(key, "listen"), "listen selects a stream server for hops of kind nginx-stream, not %q", kind.Name)
		return hop, false
	}
	if !b.resolve(&hop, kind, h, key) {
		return hop, false
	}
	if kind.Name == "haproxy" && !hop.StreamIdle.Set {
		b.fail(hop.Decl, "haproxy has no default idle timeout: give the hop idle_timeout (its timeout tunnel, or timeout client/server)")
		return hop, false
	}
	return hop, true
}

func applyDefaults(hop *Hop, k Kind) {
	src := Source{Default: "default for " + k.Name, Doc: k.Doc}
	for _, p := range []struct {
		d   time.Duration
		dst *Value
	}{{k.StreamIdle, &hop.StreamIdle}, {k.KeepAliveIdle, &hop.KeepAliveIdle}, {k.UpstreamReuse, &hop.UpstreamReuse}, {k.Lifetime, &hop.Lifetime}} {
		if p.d > 0 {
			*p.dst = val(p.d, src)
		}
	}
	if k.Unconfirmed != "" {
		hop.Note = "unconfirmed default: " + k.Unconfirmed
	}
}

// setIdle applies an idle timeout read from a source: the one setting of
// a load balancer governs idle client connections, streams and (for ALB
// and ELB) the pooled target connections alike.
func setIdle(hop *Hop, d time.Duration, src Source) {
	v := val(d, src)
	hop.StreamIdle, hop.KeepAliveIdle = v, v
	if hop.UpstreamReuse.Set {
		hop.UpstreamReuse = v
	}
	if hop.Kind == "go" || hop.Kind == "node" || hop.Kind == "traefik" {
		hop.StreamIdle = Value{}
	}
	hop.Note = ""
}

// resolve reads the hop's configured source, if any.
func (b *builder) resolve(hop *Hop, kind Kind, h config.Hop, key string) bool {
	root := b.in.Root
	var v lbValue
	var found bool
	var err error
	var field string
	switch {
	case h.IdleTimeout.Set:
		setIdle(hop, h.IdleTimeout.Duration, b.at(key, "idle_timeout"))
		return true
	case h.Terraform != "":
		field = "terraform"
		v, found, err = TerraformIdle(root, h.Terraform, kind.Name, h.Resource)
	case h.CloudFormation != "":
		field = "cloudformation"
		v, found, err = CloudFormationIdle(root, h.CloudFormation, kind.Name, h.Resource)
	case h.AWSJSON != "":
		field = "aws_json"
		v, found, err = AWSJSONIdle(root, h.AWSJSON)
	case h.Kubernetes != "":
		field = "kubernetes"
		v, found, err = KubernetesIdle(root, h.Kubernetes, kind.Name, h.Resource)
	case h.HAProxy != "":
		field = "haproxy"
		if !b.sourceKind(kind, "haproxy", key, field) {
			return false
		}
		v, found, err = HAProxyIdle(root, h.HAProxy, h.Resource)
	case h.Envoy != "":
		if !b.sourceKind(kind, "envoy", key, "envoy") {
			return false
		}
		return b.applyProxy(hop, key, "envoy", EnvoyIdle, h.Envoy, h.Resource)
	case h.Traefik != "":
		if !b.sourceKind(kind, "traefik", key, "traefik") {
			return false
		}
		return b.applyProxy(hop, key, "traefik", TraefikIdle, h.Traefik, h.Resource)
	case kind.FromNginx:
		return b.resolveNginx(hop, h, key)
	case kind.FromNginxStream:
		return b.resolveNginxStream(hop, h, key)
	case kind.FromCode:
		return b.resolveGo(hop, h, key)
	default:
		return true
	}
	if err != nil {
		b.fail(b.at(key, field), "%v", err)
		return false
	}
	switch {
	case found && kind.Name == "gcp-https-lb":
		// The backend service timeout ends every WebSocket after it,
		// however busy: a lifetime, not an idle timeout.
		hop.Lifetime = val(v.D, v.Src)
	case found:
		setIdle(hop, v.D, v.Src)
	}
	return true
}

// sourceKind checks that a proxy's configuration file is read for a hop of
// that proxy's kind.
func (b *builder) sourceKind(kind Kind, want, key, field string) bool {
	if kind.Name != want {
		b.fail(b.at(key, field), "%s files are read for hops of kind %s, not %q", field, want, kind.Name)
		return false
	}
	return true
}

// applyProxy reads a proxy configuration's stream and keep-alive idle
// timeouts into the hop; what the file leaves out keeps the kind's default.
func (b *builder) applyProxy(hop *Hop, key, field string, read func(root, file, resource string) (proxyTimeouts, error), file, resource string) bool {
	t, err := read(b.in.Root, file, resource)
	if err != nil {
		b.fail(b.at(key, field), "%v", err)
		return false
	}
	hop.applyProxy(t)
	return true
}

// applyProxy takes a proxy hop's values from its configuration file.
func (hop *Hop) applyProxy(t proxyTimeouts) {
	if t.HasStream {
		hop.StreamIdle = val(t.Stream.D, t.Stream.Src)
		hop.Note = ""
	}
	if t.HasKeepAlive {
		// Only the downstream side: Envoy's pool toward upstreams has its
		// own idle_timeout in the cluster, so the hop's upstream reuse
		// keeps its default.
		hop.KeepAliveIdle = val(t.KeepAlive.D, t.KeepAlive.Src)
	}
}

func (b *builder) resolveNginx(hop *Hop, h config.Hop, key string) bool {
	if h.Location == "" {
		return true // nginx defaults, documented
	}
	if b.in.Nginx == nil {
		b.fail(b.at(key, "location"), "hop %q names location %q but no nginx configuration is loaded: list it in [nginx].files", hop.Name, h.Location)
		return false
	}
	t, err := b.in.Nginx.LocationTimeouts(h.Location)
	if err != nil {
		b.fail(b.at(key, "location"), "hop %q: %v", hop.Name, err)
		return false
	}
	hop.applyNginx(t)
	return true
}

// applyNginx takes an nginx hop's values from a location's effective
// timeouts.
func (hop *Hop) applyNginx(t NginxTimeouts) {
	// An idle proxied WebSocket is closed after proxy_read_timeout ("the
	// connection will be closed if the proxied server does not transmit
	// any data within 60 seconds", nginx.org/en/docs/http/websocket.html);
	// proxy_send_timeout only runs while a write to the upstream is
	// pending, which an idle connection never has.
	hop.StreamIdle = t.ProxyRead
	if t.KeepAlive.Set {
		hop.KeepAliveIdle = t.KeepAlive
	}
	// Without an upstream keepalive pool nginx reuses no connection.
	hop.UpstreamReuse = t.UpstreamKeepalive
	hop.Note = ""
	hop.webSocket = t.WebSocket
}

// resolveGo takes the go hop's idle timeout from the http.Server record
// of the code: the only server, or the one whose package, function or
// address matches resource.
func (b *builder) resolveGo(hop *Hop, h config.Hop, key string) bool {
	var match []records.Server
	for _, s := range b.in.Servers {
		if h.Resource == "" || strings.HasSuffix(s.Package, h.Resource) || s.Func == h.Resource || s.Addr == h.Resource {
			match = append(match, s)
		}
	}
	switch {
	case len(match) == 0 && h.Resource != "":
		b.fail(b.at(key, "resource"), "no http.Server in the code matches %q", h.Resource)
		return false
	case len(match) == 0:
		b.fail(hop.Decl, "hop %q: no http.Server was found in the code of [code].patterns", hop.Name)
		return false
	case len(match) > 1:
		var names []string
		for _, s := range match {
			names = append(names, fmt.Sprintf("%s at %s", s.Func, s.Pos))
		}
		b.fail(hop.Decl, "hop %q: the code has several http.Servers (%s): name one with resource = \"package, func or address\"", hop.Name, strings.Join(names, "; "))
		return false
	}
	s := match[0]
	if !s.Idle.Known {
		b.fail(hop.Decl, "hop %q: the idle timeout of the http.Server at %s is set from a value connlint cannot fold: give the hop idle_timeout", hop.Name, s.Pos)
		return false
	}
	src := codeSource(s.Idle.Pos)
	if src.File == "" {
		src = codeSource(s.Pos)
	}
	hop.KeepAliveIdle = val(s.Idle.Duration, src)
	return true
}

// codeSource is the source of a value found in the code: the position the
// analyzer recorded, column included.
func codeSource(p records.Position) Source {
	return Source{File: p.File, Line: p.Line, Column: p.Column}
}
