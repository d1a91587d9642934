package nginxcheck

import (
	"slices"
	"testing"
	"time"
)

func TestStreamServers(t *testing.T) {
	cfg, err := Load([]string{"testdata/model/stream_ok.conf"}, "testdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Streams) != 1 {
		t.Fatalf("got %d stream blocks, want 1", len(cfg.Streams))
	}
	for _, b := range cfg.Blocks {
		if b.Kind == KindServer && b.Directive.Pos.Line > 12 {
			t.Errorf("stream server at %s modeled as an http server", b.Directive.Pos)
		}
	}
	type want struct {
		name           string
		proxy, connect time.Duration
		proxySrc       string // "" for the default
		tls            string
		udp            bool
		upstream       []int
		proxies        bool
	}
	wants := []want{
		{name: "stream server :8883", proxy: 5 * time.Minute, connect: 5 * time.Second, proxySrc: "model/stream_ok.conf:13",
			tls: "terminates TLS", upstream: []int{1883, 1883}, proxies: true},
		{name: "stream server 10.0.0.2:1883", proxy: 90 * time.Second, connect: time.Minute, proxySrc: "model/stream_ok.conf:32",
			upstream: []int{1883, 1883}, proxies: true},
		{name: "stream server :443", proxy: 5 * time.Minute, connect: time.Minute, proxySrc: "model/stream_ok.conf:13",
			tls: "TLS passes through, ssl_preread", upstream: []int{8883}, proxies: true},
		{name: "stream server :53", proxy: 5 * time.Minute, connect: time.Minute, proxySrc: "model/stream_ok.conf:13",
			udp: true, upstream: []int{53}, proxies: true},
		{name: "stream server :9000", proxy: 5 * time.Minute, connect: time.Minute, proxySrc: "model/stream_ok.conf:13"},
	}
	servers := cfg.Streams[0].Servers
	if len(servers) != len(wants) {
		t.Fatalf("got %d stream servers, want %d", len(servers), len(wants))
	}
	for i, w := range wants {
		s := servers[i]
		to := s.Timeouts()
		src := ""
		if !to.Proxy.Default() {
			src = to.Proxy.Directive.Pos.String()
		}
		if s.Name() != w.name || to.Proxy.Duration != w.proxy || to.Connect.Duration != w.connect || src != w.proxySrc ||
			s.TLS() != w.tls || s.UDP() != w.udp || !slices.Equal(s.UpstreamPorts(), w.upstream) || (s.ProxyPass() != nil) != w.proxies {
			t.Errorf("server %d: got %s proxy_timeout %s (%q) connect %s tls %q udp %v upstream %v proxies %v, want %+v",
				i, s.Name(), to.Proxy.Duration, src, to.Connect.Duration, s.TLS(), s.UDP(), s.UpstreamPorts(), s.ProxyPass() != nil, w)
		}
	}
}

// A streams.d fragment is modeled inside an implied stream block, with
// the module's documented defaults: proxy_timeout 10m,
// proxy_connect_timeout 60s.
func TestStreamFragmentDefaults(t *testing.T) {
	cfg, err := Load([]string{"testdata/model/streams_fragment_ok.conf"}, "testdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Streams) != 1 || len(cfg.Streams[0].Servers) != 1 || len(cfg.Servers) != 0 {
		t.Fatalf("got %d stream blocks and %d http servers, want one stream server", len(cfg.Streams), len(cfg.Servers))
	}
	s := cfg.Streams[0].Servers[0]
	to := s.Timeouts()
	if to.Proxy.Duration != 10*time.Minute || !to.Proxy.Default() || to.Proxy.DocURL != streamProxyDoc+"proxy_timeout" {
		t.Errorf("proxy_timeout = %s from %s, want the 10m default", to.Proxy.Duration, to.Proxy.Source())
	}
	if to.Connect.Duration != time.Minute || !to.Connect.Default() {
		t.Errorf("proxy_connect_timeout = %s from %s, want the 60s default", to.Connect.Duration, to.Connect.Source())
	}
	if got := s.UpstreamPorts(); !slices.Equal(got, []int{1883}) {
		t.Errorf("upstream ports %v, want [1883]", got)
	}
}
