package nginxcheck

import (
	"net"
	"strconv"

	"github.com/connlint/connlint/internal/units"
)

// streamProxyDoc documents the stream proxy module's directives.
const streamProxyDoc = "https://nginx.org/en/docs/stream/ngx_stream_proxy_module.html#"

// Stream is a stream block: TCP and UDP proxying, outside http.
type Stream struct {
	Directive *Directive // "stream {", or an implied one for a streams.d fragment
	Upstreams map[string]*StreamUpstream
	Servers   []*StreamServer
	own       byName
}

// StreamUpstream is an upstream block of a stream block.
type StreamUpstream struct {
	Name      string
	Directive *Directive
	Servers   []*Directive
}

// StreamServer is a server of a stream block. One that proxies
// (proxy_pass) is a hop of a TCP connection's path: it closes the
// connection when neither side sends anything for proxy_timeout.
type StreamServer struct {
	Directive *Directive // "server {"
	Stream    *Stream
	own       byName
}

// addStream models a stream block (implied for a streams.d fragment) and
// its servers and upstreams. The http rules never see it.
func (c *Config) addStream(d *Directive, body []*Directive) {
	s := &Stream{Directive: d, Upstreams: map[string]*StreamUpstream{}}
	var own []*Directive
	for _, sd := range body {
		switch {
		case sd.Name == "server" && sd.IsBlock():
			srv := &StreamServer{Directive: sd, Stream: s}
			var srvOwn []*Directive
			for _, x := range sd.Block {
				if !x.IsBlock() {
					srvOwn = append(srvOwn, x)
				}
			}
			srv.own = index(srvOwn)
			s.Servers = append(s.Servers, srv)
		case sd.Name == "upstream" && sd.IsBlock():
			u := &StreamUpstream{Name: sd.Arg(0), Directive: sd}
			for _, x := range sd.Block {
				if x.Name == "server" && !x.IsBlock() {
					u.Servers = append(u.Servers, x)
				}
			}
			s.Upstreams[u.Name] = u
		case !sd.IsBlock():
			own = append(own, sd)
		}
	}
	s.own = index(own)
	c.Streams = append(c.Streams, s)
}

// effective returns the server's own directive, else the stream block's.
func (s *StreamServer) effective(name string) *Directive {
	if ds := s.own.get(name); len(ds) > 0 {
		return ds[0]
	}
	if ds := s.Stream.own.get(name); len(ds) > 0 {
		return ds[0]
	}
	return nil
}

// Timeout returns an effective stream proxy timeout: proxy_timeout or
// proxy_connect_timeout, written at the server or the stream level, else
// the module's default. Both defaults are the "Default:" lines of
// nginx.org/en/docs/stream/ngx_stream_proxy_module.html: "proxy_timeout
// 10m" (between two successive reads or writes, on the client and the
// proxied connection alike) and "proxy_connect_timeout 60s".
func (s *StreamServer) Timeout(name string) Timeout {
	d := s.effective(name)
	if d == nil {
		def := map[string]string{"proxy_timeout": "10m", "proxy_connect_timeout": "60s"}[name]
		dur, err := units.ParseDuration(def)
		return Timeout{Duration: dur, Value: Value{Args: []string{def}, DocURL: streamProxyDoc + name}, Err: err}
	}
	dur, err := units.ParseDuration(d.Arg(0))
	return Timeout{Duration: dur, Value: Value{Args: d.Args, Directive: d}, Err: err}
}

// ProxyPass returns the server's proxy_pass, or nil for a server that
// answers itself (return, pass to another server).
func (s *StreamServer) ProxyPass() *Directive {
	if ds := s.own.get("proxy_pass"); len(ds) > 0 {
		return ds[0]
	}
	return nil
}

// Listens are the server's listen directives.
func (s *StreamServer) Listens() []*Directive { return s.own.get("listen") }

// Name describes the server for messages and chain names: "stream server
// :8883", by its first listen address.
func (s *StreamServer) Name() string {
	if ls := s.Listens(); len(ls) > 0 {
		addr := ls[0].Arg(0)
		if _, err := strconv.Atoi(addr); err == nil {
			addr = ":" + addr
		}
		return "stream server " + addr
	}
	return "stream server"
}

// UDP reports whether the server listens on UDP only: its proxy_timeout
// is no TCP idle timeout.
func (s *StreamServer) UDP() bool {
	ls := s.Listens()
	for _, l := range ls {
		if !hasArg(l, "udp") {
			return false
		}
	}
	return len(ls) > 0
}

// TLS says what the server does with TLS: "terminates TLS" (listen …
// ssl: the connection to the upstream is a new one), "TLS passes through,
// ssl_preread" (ssl_preread on: nginx reads the ClientHello only), or "".
func (s *StreamServer) TLS() string {
	for _, l := range s.Listens() {
		if hasArg(l, "ssl") {
			return "terminates TLS"
		}
	}
	if d := s.effective("ssl_preread"); d != nil && d.Arg(0) == "on" {
		return "TLS passes through, ssl_preread"
	}
	return ""
}

// UpstreamPorts are the ports the server proxies to: proxy_pass's own, or
// those of the servers of the upstream it names. Variables and unix
// sockets give none.
func (s *StreamServer) UpstreamPorts() []int {
	pp := s.ProxyPass()
	if pp == nil {
		return nil
	}
	target := pp.Arg(0)
	var addrs []string
	if u := s.Stream.Upstreams[target]; u != nil {
		for _, d := range u.Servers {
			addrs = append(addrs, d.Arg(0))
		}
	} else {
		addrs = append(addrs, target)
	}
	var ports []int
	for _, a := range addrs {
		if _, p, err := net.SplitHostPort(a); err == nil {
			if n, err := strconv.Atoi(p); err == nil {
				ports = append(ports, n)
			}
		}
	}
	return ports
}

// ListenPorts are the ports the server listens on.
func (s *StreamServer) ListenPorts() []int {
	var ports []int
	for _, l := range s.Listens() {
		a := l.Arg(0)
		if _, p, err := net.SplitHostPort(a); err == nil {
			a = p
		}
		if n, err := strconv.Atoi(a); err == nil {
			ports = append(ports, n)
		}
	}
	return ports
}

// Upstream returns the upstream block proxy_pass names, or nil.
func (s *StreamServer) Upstream() *StreamUpstream {
	if pp := s.ProxyPass(); pp != nil {
		return s.Stream.Upstreams[pp.Arg(0)]
	}
	return nil
}

func hasArg(d *Directive, arg string) bool {
	for _, a := range d.Args[min(1, len(d.Args)):] {
		if a == arg {
			return true
		}
	}
	return false
}

// StreamTimeouts are a stream server's effective timeouts.
type StreamTimeouts struct {
	Proxy, Connect Timeout
}

// Timeouts returns the server's effective proxy timeouts.
func (s *StreamServer) Timeouts() StreamTimeouts {
	return StreamTimeouts{Proxy: s.Timeout("proxy_timeout"), Connect: s.Timeout("proxy_connect_timeout")}
}
