package timeoutchain

import (
	"strings"
	"testing"
	"time"
)

const envoyBootstrap = `static_resources:
  listeners:
  - name: ws
    address: {socket_address: {address: 0.0.0.0, port_value: 8443}}
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
          stat_prefix: ws
          stream_idle_timeout: 90s
          common_http_protocol_options:
            idle_timeout: 600s
          upgrade_configs: [{upgrade_type: websocket}]
  - name: mqtt
    filter_chains:
    - filters:
      - name: tcp
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy
          cluster: brokers
          idle_timeout: {seconds: 300}
  - name: defaults
    filter_chains:
    - filters:
      - name: envoy.filters.network.http_connection_manager
        typed_config: {stat_prefix: d}
`

func TestEnvoyIdle(t *testing.T) {
	cases := []struct {
		resource          string
		stream, keepAlive time.Duration
		streamLine        int
		hasStream, hasKA  bool
	}{
		{"ws", 90 * time.Second, 10 * time.Minute, 11, true, true},
		// A TCP proxy's idle_timeout closes the idle tunnel; the type URL
		// names the filter when its name is free-form.
		{"mqtt", 5 * time.Minute, 5 * time.Minute, 22, true, true},
		// Nothing set: the kind's documented defaults stay in force.
		{"defaults", 0, 0, 0, false, false},
	}
	for _, tc := range cases {
		got, err := envoyIdle([]byte(envoyBootstrap), "envoy.yaml", tc.resource)
		if err != nil {
			t.Errorf("%s: %v", tc.resource, err)
			continue
		}
		if got.HasStream != tc.hasStream || got.HasKeepAlive != tc.hasKA || got.Stream.D != tc.stream || got.KeepAlive.D != tc.keepAlive || got.Stream.Src.Line != tc.streamLine {
			t.Errorf("%s: %+v, want stream %s (line %d), keep-alive %s", tc.resource, got, tc.stream, tc.streamLine, tc.keepAlive)
		}
	}
}

func TestEnvoyErrors(t *testing.T) {
	cases := []struct{ name, doc, resource, want string }{
		{"several listeners", envoyBootstrap, "", "several listeners (ws, mqtt, defaults)"},
		{"unknown listener", envoyBootstrap, "api", `no listener "api"`},
		{"not bootstrap", "kind: Deployment\n", "", "not an Envoy bootstrap file"},
		{"bad duration", "static_resources:\n  listeners:\n  - name: l\n    filter_chains:\n    - filters:\n      - name: envoy.filters.network.tcp_proxy\n        typed_config: {idle_timeout: 5m}\n", "", "envoy.yaml:7: idle_timeout: \"5m\" is not a protobuf duration"},
		{"no proxy filter", "static_resources:\n  listeners:\n  - name: l\n    filter_chains:\n    - filters:\n      - name: envoy.filters.network.redis_proxy\n", "", "envoy.yaml:3: listener has no http_connection_manager or tcp_proxy filter"},
		{"yaml syntax", "static_resources: [\n", "", "envoy.yaml"},
	}
	for _, tc := range cases {
		_, err := envoyIdle([]byte(tc.doc), "envoy.yaml", tc.resource)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

const traefikStatic = `entryPoints:
  websecure:
    address: ":443"
    transport:
      respondingTimeouts:
        readTimeout: 60s
        idleTimeout: 90s
  mqtt:
    address: ":8883"
    transport:
      respondingTimeouts:
        idleTimeout: 600
  web:
    address: ":80"
`

func TestTraefikIdle(t *testing.T) {
	cases := []struct {
		resource string
		want     time.Duration
		line     int
		set      bool
	}{
		{"websecure", 90 * time.Second, 7, true},
		{"mqtt", 10 * time.Minute, 12, true}, // a bare number is seconds
		{"web", 0, 0, false},                 // Traefik's default (180 s) stays
	}
	for _, tc := range cases {
		got, err := traefikIdle([]byte(traefikStatic), "traefik.yml", tc.resource)
		if err != nil || got.HasKeepAlive != tc.set || got.KeepAlive.D != tc.want || got.KeepAlive.Src.Line != tc.line || got.HasStream {
			t.Errorf("%s: %+v, %v; want keep-alive %s at line %d", tc.resource, got, err, tc.want, tc.line)
		}
	}
	for _, bad := range []struct{ doc, resource, want string }{
		{traefikStatic, "", "several entry points (mqtt, web, websecure)"},
		{traefikStatic, "admin", `no entry point "admin"`},
		{"entryPoints:\n  web:\n    transport:\n      respondingTimeouts:\n        idleTimeout: soon\n", "", "traefik.yml:5: idleTimeout: \"soon\" is not a duration"},
		{"http:\n  routers: {}\n", "", "no entryPoints"},
	} {
		if _, err := traefikIdle([]byte(bad.doc), "traefik.yml", bad.resource); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("err = %v, want %q", err, bad.want)
		}
	}
}

// TestProxyHops: envoy and traefik hops take their values from the files,
// keep the kind's defaults for what the files leave out, and refuse a file
// on a hop of another kind.
func TestProxyHops(t *testing.T) {
	root := t.TempDir()
	for name, body := range map[string]string{"envoy.yaml": envoyBootstrap, "traefik.yml": traefikStatic} {
		if err := writeFile(root, name, body); err != nil {
			t.Fatal(err)
		}
	}
	doc := "[[chain]]\nname = \"ws\"\nheartbeat = \"25s\"\n" +
		"[[chain.hop]]\nkind = \"envoy\"\nenvoy = \"envoy.yaml\"\nresource = \"ws\"\n" +
		"[[chain.hop]]\nkind = \"traefik\"\ntraefik = \"traefik.yml\"\nresource = \"websecure\"\n"
	chains, errs := Build(parseConfig(t, doc), Inputs{Root: root})
	if len(errs) != 0 || len(chains) != 1 {
		t.Fatalf("chains %d, errs %+v", len(chains), errs)
	}
	envoy, traefik := chains[0].Hops[0], chains[0].Hops[1]
	if envoy.StreamIdle.D != 90*time.Second || envoy.StreamIdle.Src.String() != "envoy.yaml:11" || envoy.UpstreamReuse.D != time.Hour || envoy.Note != "" {
		t.Errorf("envoy hop = %+v", envoy)
	}
	if traefik.KeepAliveIdle.D != 90*time.Second || traefik.StreamIdle.Set {
		t.Errorf("traefik hop = %+v", traefik)
	}
	// 25 s is under half of Envoy's 90 s stream idle timeout, but Envoy
	// keeps idle upstream connections for its default hour while Traefik
	// closes them after 90 s: Envoy would reuse closed connections.
	if got := rulesOf(chains[0]); got != "chain-idle-order" {
		t.Errorf("rules = %q, want chain-idle-order only", got)
	}
	bad := strings.Replace(doc, `kind = "envoy"`, `kind = "nginx"`, 1)
	if _, errs := Build(parseConfig(t, bad), Inputs{Root: root}); len(errs) != 1 || !strings.Contains(errs[0].Message, "envoy files are read for hops of kind envoy") {
		t.Errorf("envoy file on an nginx hop: %+v", errs)
	}
}

func FuzzProxyFiles(f *testing.F) {
	f.Add([]byte(envoyBootstrap), "ws")
	f.Add([]byte(traefikStatic), "mqtt")
	f.Add([]byte(traefikStaticTOML), "websecure")
	f.Fuzz(func(t *testing.T, data []byte, resource string) {
		for _, read := range []func([]byte, string, string) (proxyTimeouts, error){envoyIdle, traefikIdle, traefikTOMLIdle} {
			got, err := read(data, "f.yaml", resource)
			if err == nil && (got.Stream.D < 0 || got.KeepAlive.D < 0) {
				t.Errorf("negative timeout %+v", got)
			}
		}
	})
}

// traefikStaticTOML is a static configuration in TOML: a table header, a
// dotted key, a bare number of seconds, and an entry point left at the
// default.
const traefikStaticTOML = `# traefik.toml
[entryPoints]
  [entryPoints.web]
    address = ":80"

  [entryPoints.websecure]
    address = ":443"
    [entryPoints.websecure.transport.respondingTimeouts]
      readTimeout = "60s"
      idleTimeout = "90s"

  [entryPoints.mqtt]
    address = ":8883"
    transport.respondingTimeouts.idleTimeout = 600
`

func TestTraefikTOML(t *testing.T) {
	for _, tc := range []struct {
		resource string
		want     time.Duration
		line     int
		set      bool
	}{
		{"websecure", 90 * time.Second, 10, true},
		{"mqtt", 10 * time.Minute, 14, true},
		{"web", 0, 0, false},
	} {
		got, err := traefikTOMLIdle([]byte(traefikStaticTOML), "traefik.toml", tc.resource)
		if err != nil || got.HasKeepAlive != tc.set || got.KeepAlive.D != tc.want || got.KeepAlive.Src.Line != tc.line {
			t.Errorf("%s: %+v, %v; want keep-alive %s at line %d", tc.resource, got, err, tc.want, tc.line)
		}
	}
	for _, bad := range []struct{ doc, resource, want string }{
		{traefikStaticTOML, "", "several entry points (mqtt, web, websecure)"},
		{traefikStaticTOML, "admin", `no entry point "admin"`},
		{"[entryPoints.web.transport.respondingTimeouts]\nidleTimeout = \"soon\"\n", "", `traefik.toml:2: idleTimeout: "soon" is not a duration`},
		{"[entryPoints.web.transport.respondingTimeouts]\nidleTimeout = true\n", "", "traefik.toml:2: idleTimeout: true is not a duration"},
		{"[entryPoints.web\naddress = 1\n", "", "traefik.toml:2: expected '.' or ']' to end table name"},
		{"[http.routers]\n", "", "no [entryPoints]"},
	} {
		if _, err := traefikTOMLIdle([]byte(bad.doc), "traefik.toml", bad.resource); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("err = %v, want %q", err, bad.want)
		}
	}
}
