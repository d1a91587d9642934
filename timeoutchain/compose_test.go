package timeoutchain

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/internal/records"
)

const composeRoot = "testdata/compose"

func TestComposeFileLayer(t *testing.T) {
	for name, want := range map[string]string{
		"compose.yaml": "base", "compose.yml": "base", "docker-compose.yaml": "base", "docker-compose.yml": "base",
		"compose.override.yaml": "override", "docker-compose.override.yml": "override",
		"docker-compose.prod.yml": "variant", "compose.dev.yaml": "variant", "docker-compose-ci.yml": "variant",
		"compose.json": "", "docker-compose.yml.example": "", "composer.yaml": "", "compose.": "", "my-compose.yml": "", "docker-compose..yml": "",
	} {
		layer, ok := composeFileLayer(name)
		got := ""
		if ok {
			got = [...]string{"base", "override", "variant"}[layer]
		}
		if got != want {
			t.Errorf("%s: %q, want %q", name, got, want)
		}
	}
}

func TestImageName(t *testing.T) {
	for ref, want := range map[string]string{
		"nginx":                                 "nginx",
		"nginx:1.27-alpine":                     "nginx",
		"docker.io/library/nginx:1.27":          "nginx",
		"bitnami/nginx:latest":                  "bitnami/nginx",
		"ghcr.io/acme/gateway:v2@sha256:abcd":   "acme/gateway",
		"registry.local:5000/edge/haproxy:2.9":  "edge/haproxy",
		"localhost/mosquitto":                   "mosquitto",
		"envoyproxy/envoy:v1.31-latest":         "envoyproxy/envoy",
		"emqx/emqx@sha256:0123":                 "emqx/emqx",
		"Traefik:v3":                            "traefik",
		"registry.local:5000/haproxy":           "haproxy",
		"public.ecr.aws/docker/library/haproxy": "docker/library/haproxy",
	} {
		if got := imageName(ref); got != want {
			t.Errorf("imageName(%q) = %q, want %q", ref, got, want)
		}
	}
}

func TestComposeRoles(t *testing.T) {
	cases := []struct {
		image   string
		build   bool
		ports   []int
		command []string
		want    string
	}{
		{image: "nginx", want: roleNginx},
		{image: "bitnami/nginx", want: roleNginx},
		{image: "openresty/openresty", want: roleNginx},
		{image: "haproxytech/haproxy-alpine", want: roleHAProxy},
		{image: "traefik", want: roleTraefik},
		{image: "envoyproxy/envoy", want: roleEnvoy},
		{image: "eclipse-mosquitto", want: roleBroker},
		{image: "hivemq/hivemq-ce", want: roleBroker},
		{image: "emqx/emqx", want: roleBroker},
		{image: "myorg/gateway", build: true, want: roleApp},
		{build: true, want: roleApp},
		{image: "rabbitmq", ports: []int{1883}, want: roleBroker},
		{image: "rabbitmq", command: []string{"sh", "-c", "rabbitmq-plugins enable rabbitmq_mqtt && rabbitmq-server"}, want: roleBroker},
		// Negatives: not clearly MQTT, or a configuration generated at
		// run time, or not a proxy at all.
		{image: "rabbitmq", ports: []int{5672}, want: ""},
		{image: "jc21/nginx-proxy-manager", want: ""},
		{image: "nginxproxy/nginx-proxy", want: ""},
		{image: "grafana/grafana", want: ""},
		{image: "postgres", want: ""},
	}
	for _, tc := range cases {
		s := &composeService{Image: imageName(tc.image), Build: tc.build, Command: tc.command}
		for _, p := range tc.ports {
			s.Ports = append(s.Ports, composePort{Target: p, TargetEnd: p})
		}
		if got := s.role(); got != tc.want {
			t.Errorf("%+v: role %q, want %q", tc, got, tc.want)
		}
	}
}

func TestComposePorts(t *testing.T) {
	cases := []struct {
		in        string
		lo, hi    int
		published string
		protocol  string
		err       string
	}{
		{in: "3000", lo: 3000, hi: 3000, protocol: "tcp"},
		{in: "3000-3005", lo: 3000, hi: 3005, protocol: "tcp"},
		{in: "8883:8883", lo: 8883, hi: 8883, published: "8883", protocol: "tcp"},
		{in: "9090-9091:8080-8081", lo: 8080, hi: 8081, published: "9090-9091", protocol: "tcp"},
		{in: "127.0.0.1:1883:1883/tcp", lo: 1883, hi: 1883, published: "1883", protocol: "tcp"},
		{in: "[::1]:6001:6001", lo: 6001, hi: 6001, published: "6001", protocol: "tcp"},
		{in: "::1:6000:6000", lo: 6000, hi: 6000, published: "6000", protocol: "tcp"},
		{in: "127.0.0.1::8883", lo: 8883, hi: 8883, protocol: "tcp"},
		{in: "5683:5683/udp", lo: 5683, hi: 5683, published: "5683", protocol: "udp"},
		{in: "${MQTT_PORT:-1883}:1883", lo: 1883, hi: 1883, published: "${MQTT_PORT:-1883}", protocol: "tcp"},
		{in: "88a3:8883", err: `host port "88a3" is not a port number`},
		{in: "1883:0", err: `container port "0" is not a port number`},
		{in: "70000", err: `container port "70000" is not a port number`},
		{in: "1883:", err: `container port "" is not a port number`},
		{in: "8081-8080", err: `"8081-8080" is not a port range`},
	}
	for _, tc := range cases {
		p, err := shortPort(tc.in)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case p.Target != tc.lo || p.TargetEnd != tc.hi || p.Published != tc.published || p.Protocol != tc.protocol:
			t.Errorf("%q: %+v, want %d-%d published %q %s", tc.in, p, tc.lo, tc.hi, tc.published, tc.protocol)
		}
	}
}

func TestSplitColons(t *testing.T) {
	for in, want := range map[string][]string{
		"./nginx.conf:/etc/nginx/nginx.conf:ro":                    {"./nginx.conf", "/etc/nginx/nginx.conf", "ro"},
		"${CFG:-./haproxy.cfg}:/usr/local/etc/haproxy/haproxy.cfg": {"${CFG:-./haproxy.cfg}", "/usr/local/etc/haproxy/haproxy.cfg"},
		"/data":         {"/data"},
		"data:/var/lib": {"data", "/var/lib"},
	} {
		if got := splitColons(in); !reflect.DeepEqual(got, want) {
			t.Errorf("splitColons(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFindComposeMerges: the base file and its override are one project;
// ports add up, the long depends_on syntax names the service, a bind mount
// resolves against the project directory and keeps its line.
func TestFindComposeMerges(t *testing.T) {
	projects, errs, err := findCompose(filepath.Join(composeRoot, "nginx-mosquitto"))
	if err != nil || len(errs) > 0 || len(projects) != 1 {
		t.Fatalf("projects %v, errs %+v, err %v", projects, errs, err)
	}
	p := projects[0]
	if !reflect.DeepEqual(p.Files, []string{"docker-compose.yml", "docker-compose.override.yml"}) {
		t.Errorf("files %q: want the base first", p.Files)
	}
	byName := map[string]*composeService{}
	for _, s := range p.Services {
		byName[s.Name] = s
	}
	edge, broker, gateway := byName["edge"], byName["broker"], byName["gateway"]
	if edge == nil || broker == nil || gateway == nil {
		t.Fatalf("services %v", p.Services)
	}
	if edge.role() != roleNginx || broker.role() != roleBroker || gateway.role() != roleApp {
		t.Errorf("roles %q %q %q", edge.role(), broker.role(), gateway.role())
	}
	if edge.Decl.String() != "docker-compose.yml:4" || len(edge.Ports) != 1 || edge.Ports[0].Target != 8883 || edge.Ports[0].At.String() != "docker-compose.yml:8" {
		t.Errorf("edge %+v", edge)
	}
	wantMounts := []composeMount{
		{Raw: "./edge/mqtt.nginx", Source: "edge/mqtt.nginx", Target: "/etc/nginx/nginx.conf", At: Source{File: "docker-compose.yml", Line: 10}},
		{Raw: "./certs", Source: "certs", Target: "/etc/nginx/certs", At: Source{File: "docker-compose.yml", Line: 11}},
	}
	if !reflect.DeepEqual(edge.Mounts, wantMounts) {
		t.Errorf("edge mounts %+v\nwant %+v", edge.Mounts, wantMounts)
	}
	// The named volume mosquitto-data is not a bind mount; the override
	// adds the plain MQTT port on the loopback address.
	if len(broker.Mounts) != 1 || len(broker.Ports) != 1 || broker.Ports[0].At.String() != "docker-compose.override.yml:5" || broker.Ports[0].Published != "1883" {
		t.Errorf("broker %+v", broker)
	}
	if !reflect.DeepEqual(gateway.DependsOn, []string{"broker"}) || !gateway.Build {
		t.Errorf("gateway %+v", gateway)
	}
}

// TestFindComposeOverrideReplacesMount: an override file's mount on the
// same container path replaces the base's, as docker compose merges
// volumes by target; a variant's is kept beside it.
func TestFindComposeOverrideReplacesMount(t *testing.T) {
	dir := t.TempDir()
	must(t, writeFile(dir, "compose.yaml", "services:\n  lb:\n    image: haproxy\n    volumes:\n      - ./a.cfg:/usr/local/etc/haproxy/haproxy.cfg\n"))
	must(t, writeFile(dir, "compose.override.yaml", "services:\n  lb:\n    volumes:\n      - ./b.cfg:/usr/local/etc/haproxy/haproxy.cfg\n"))
	must(t, writeFile(dir, "compose.prod.yaml", "services:\n  lb:\n    volumes:\n      - ./c.cfg:/usr/local/etc/haproxy/haproxy.cfg\n"+
		"      - {source: certs, target: /usr/local/etc/haproxy/certs}\n      - {type: volume, source: ./x, target: /x}\n      - {type: tmpfs, target: /run}\n"))
	projects, errs, err := findCompose(dir)
	if err != nil || len(errs) > 0 || len(projects) != 1 {
		t.Fatalf("projects %v, errs %+v, err %v", projects, errs, err)
	}
	var sources []string
	for _, m := range projects[0].Services[0].Mounts {
		sources = append(sources, m.Source)
	}
	if !reflect.DeepEqual(sources, []string{"b.cfg", "c.cfg"}) {
		t.Errorf("mount sources %q, want b.cfg (override over a.cfg) and c.cfg (variant), no named volume or tmpfs", sources)
	}
}

// TestFindComposeSkipsDirectories: compose files of vendored code,
// fixtures and hidden directories are not the repository's deployment.
func TestFindComposeSkipsDirectories(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"vendor/x", "node_modules/y", "testdata/z", ".github/w", "deploy"} {
		must(t, os.MkdirAll(filepath.Join(dir, d), 0o755))
		must(t, writeFile(dir, d+"/compose.yaml", "services:\n  app:\n    build: .\n"))
	}
	projects, _, err := findCompose(dir)
	if err != nil || len(projects) != 1 || projects[0].Dir != "deploy" || projects[0].Files[0] != "deploy/compose.yaml" {
		t.Errorf("projects %+v, err %v: want deploy only", projects, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// beats builds heartbeat records: the WebSocket ping of codeBeats and one
// MQTT keep-alive per interval.
func beats(keepAlives ...time.Duration) []records.Heartbeat {
	hbs := codeBeats(0)[:1]
	for i, ka := range keepAlives {
		at := records.Position{File: "gateway/mqtt.go", Line: 20 + i, Column: 2}
		hbs = append(hbs, records.Heartbeat{Kind: records.MQTTKeepAlive, Pos: at, Interval: records.Value{Duration: ka, Known: true, Pos: at}})
	}
	return hbs
}

// goServer is the http.Server record of the app behind a proxy.
var goServer = records.Server{Func: "main", Pos: records.Position{File: "cmd/api/main.go", Line: 30, Column: 9},
	Idle: records.Value{Duration: 2 * time.Minute, Known: true, Pos: records.Position{File: "cmd/api/main.go", Line: 33, Column: 3}}}

func TestDiscoverCompose(t *testing.T) {
	type hopWant struct{ name, idle, source string }
	cases := []struct {
		dir     string
		hbs     []records.Heartbeat
		chain   string // the one assumed chain; "" for none
		proto   string
		hops    []hopWant // each hop: name, idle timeout (stream, else keep-alive), its source
		note    string    // a note that must be printed ("" for none at all)
		wantErr string    // "file:line: message" of the one chain-source finding
	}{
		{dir: "haproxy-emqx", hbs: beats(30 * time.Second),
			chain: "assumed: compose haproxy service lb", proto: ProtoMQTT,
			hops: []hopWant{{"haproxy service lb", "3m0s", "haproxy/haproxy.cfg:8"}},
			note: `assumed chain "assumed: compose haproxy service lb": haproxy service lb (docker-compose.yaml:5); behind the proxy: MQTT broker emqx; MQTT keep-alive 30s (gateway/mqtt.go:20)`},
		{dir: "traefik-ws", hbs: beats(30 * time.Second),
			chain: "assumed: compose traefik service proxy websecure", proto: ProtoWebSocket,
			hops: []hopWant{{"traefik service proxy websecure", "1m30s", "traefik.yml:12"}, {"go", "2m0s", "cmd/api/main.go:33"}},
			note: `behind the proxy: app api; heartbeat 25s (internal/hub.go:9)`},
		// The command names the configuration file (-c), inside a mounted
		// directory; the published MQTT port selects the listener.
		{dir: "envoy-mqtt", hbs: beats(time.Minute),
			chain: "assumed: compose envoy service envoy mqtts", proto: ProtoMQTT,
			hops: []hopWant{{"envoy service envoy mqtts", "10m0s", "envoy/envoy.yaml:16"}},
			note: "behind the proxy: MQTT broker vernemq; MQTT keep-alive 1m0s (gateway/mqtt.go:20)"},

		// No proxy: devices reach the broker directly; nothing to say.
		{dir: "direct", hbs: beats(30 * time.Second)},
		// nginx in front: left to nginx discovery, which reads the
		// mounted configuration (TestComposeNginxFiles).
		{dir: "nginx-mosquitto", hbs: beats(30 * time.Second)},
		{dir: "negative/two-proxies", hbs: beats(30 * time.Second),
			note: "compose.yaml: services haproxy (haproxy), nginx (nginx) are all proxies and connlint cannot tell their order: no chain assumed for this compose project; configure [[chain]]"},
		{dir: "negative/traefik-two-entrypoints", hbs: beats(30 * time.Second),
			note: "compose.yaml:2: traefik service traefik publishes entry points web and websecure with different idle timeouts: no chain assumed"},
		{dir: "negative/haproxy-variants", hbs: beats(30 * time.Second),
			note: "service lb mounts /usr/local/etc/haproxy/haproxy.cfg from several places (./haproxy.dev.cfg (docker-compose.yml:6), ./haproxy.prod.cfg (docker-compose.prod.yml:4))"},
		{dir: "negative/haproxy-interpolated", hbs: beats(30 * time.Second),
			note: "from ${HAPROXY_CFG:-./haproxy.cfg}, which is interpolated from the environment: no chain assumed"},
		{dir: "negative/haproxy-outside", hbs: beats(30 * time.Second),
			note: "from /srv/edge/haproxy.cfg, which is outside the repository"},
		{dir: "negative/haproxy-unpublished", hbs: beats(30 * time.Second)},
		{dir: "negative/haproxy-grafana", hbs: beats(30 * time.Second)},
		{dir: "negative/npm", hbs: beats(30 * time.Second)},
		{dir: "haproxy-emqx", hbs: beats(),
			note: "docker-compose.yaml:5: no MQTT keep-alive with a known interval in the code: no chain assumed for haproxy service lb; configure [[chain]]"},
		{dir: "haproxy-emqx", hbs: beats(30*time.Second, time.Minute),
			note: `docker-compose.yaml:5: 2 MQTT keep-alives in the code: no chain assumed for haproxy service lb; configure [[chain]] with heartbeat = "…"`},

		{dir: "broken/services-list", wantErr: "compose.yaml:2: services is a list; the Compose specification wants a mapping of service names to services"},
		{dir: "broken/ports-map", wantErr: `compose.yaml:5: service "broker": ports is a mapping; the Compose specification wants a list`},
		{dir: "broken/volume-map", wantErr: `compose.yaml:5: service "broker": volumes is a mapping; the Compose specification wants a list`},
		{dir: "broken/bad-port", wantErr: `compose.yaml:5: service "broker": port "88a3:8883": host port "88a3" is not a port number (1-65535)`},
		{dir: "broken/yaml", wantErr: "docker-compose.yml:2: docker-compose.yml does not parse as YAML"},
		{dir: "broken/missing-mount", hbs: beats(30 * time.Second), wantErr: `compose.yaml:6: service "lb" mounts haproxy/haproxy.cfg, but haproxy/haproxy.cfg does not exist: haproxy would start without its configuration`},
		{dir: "broken/missing-mount", wantErr: `compose.yaml:6: service "lb" mounts haproxy/haproxy.cfg, but haproxy/haproxy.cfg does not exist`},
		{dir: "broken/haproxy-dir-without-cfg", wantErr: `compose.yaml:6: service "lb" mounts haproxy/haproxy.cfg, but haproxy/haproxy.cfg does not exist: haproxy would start without its configuration`},
		{dir: "broken/missing-nginx", wantErr: `compose.yaml:6: service "web" mounts ./nginx/default.conf at /etc/nginx/conf.d/default.conf, but nginx/default.conf does not exist`},
		{dir: "broken/haproxy-bad-time", hbs: beats(30 * time.Second), wantErr: `compose.yaml:6: service "lb" mounts haproxy.cfg: haproxy.cfg:2: timeout client: invalid time "30x"`},
	}
	for _, tc := range cases {
		t.Run(tc.dir, func(t *testing.T) {
			a := DiscoverCompose(filepath.Join(composeRoot, tc.dir), tc.hbs, []records.Server{goServer})
			var errs []string
			for _, e := range a.Errors {
				if e.Rule != "chain-source" {
					t.Errorf("finding of rule %s, want chain-source", e.Rule)
				}
				errs = append(errs, fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message))
			}
			switch {
			case tc.wantErr == "" && len(errs) > 0:
				t.Errorf("unexpected errors %q", errs)
			case tc.wantErr != "" && (len(errs) != 1 || !strings.HasPrefix(errs[0], tc.wantErr)):
				t.Errorf("errors %q, want one starting %q", errs, tc.wantErr)
			}
			notes := strings.Join(a.Notes, "\n")
			if tc.note == "" && notes != "" || !strings.Contains(notes, tc.note) {
				t.Errorf("notes:\n%s\nwant one containing %q", notes, tc.note)
			}
			if tc.chain == "" {
				if len(a.Chains) > 0 {
					t.Errorf("assumed %q, want no chain", a.Chains[0].Name)
				}
				return
			}
			if len(a.Chains) != 1 {
				t.Fatalf("%d chains, want %q", len(a.Chains), tc.chain)
			}
			c := a.Chains[0]
			if c.Name != tc.chain || c.Protocol != tc.proto || len(c.Hops) != len(tc.hops) {
				t.Fatalf("chain %q %s with %d hops, want %q %s with %d", c.Name, c.Protocol, len(c.Hops), tc.chain, tc.proto, len(tc.hops))
			}
			for i, want := range tc.hops {
				h := c.Hops[i]
				idle := h.StreamIdle
				if !idle.Set {
					idle = h.KeepAliveIdle
				}
				if got := (hopWant{h.Name, idle.D.String(), idle.Src.String()}); got != want {
					t.Errorf("hop %d: %+v, want %+v", i, got, want)
				}
			}
		})
	}
}

// TestComposeChainFindings: an assumed compose chain is checked like any
// other: a 2-minute keep-alive through haproxy's 3-minute timeout is
// reported at the keep-alive, with haproxy's line as the binding hop.
func TestComposeChainFindings(t *testing.T) {
	a := DiscoverCompose(filepath.Join(composeRoot, "haproxy-emqx"), beats(2*time.Minute), nil)
	if len(a.Chains) != 1 {
		t.Fatalf("chains %v, notes %q", a.Chains, a.Notes)
	}
	fs := a.Chains[0].Check()
	if len(fs) != 1 || fs[0].Rule != "chain-heartbeat" || fs[0].File != "gateway/mqtt.go" || fs[0].Line != 20 ||
		!strings.Contains(fs[0].Message, "haproxy service lb 3m0s (haproxy/haproxy.cfg:8)") {
		t.Errorf("findings %+v", fs)
	}
}

// TestComposeNginxFiles: the nginx configuration mounted into nginx
// containers, whatever its name, and only into nginx containers.
func TestComposeNginxFiles(t *testing.T) {
	files, err := ComposeNginxFiles(filepath.Join(composeRoot, "nginx-mosquitto"))
	if err != nil || !reflect.DeepEqual(files, []string{"edge/mqtt.nginx"}) {
		t.Errorf("files %q, err %v; want edge/mqtt.nginx (not certs/)", files, err)
	}
	dir := t.TempDir()
	for _, d := range []string{"nginx/conf.d", "nginx/templates", "whole", "other"} {
		must(t, os.MkdirAll(filepath.Join(dir, d), 0o755))
	}
	must(t, writeFile(dir, "nginx/conf.d/app.conf", "server { listen 80; }\n"))
	must(t, writeFile(dir, "nginx/conf.d/README.md", "not included\n"))
	must(t, writeFile(dir, "nginx/conf.d/.old.conf", "server { listen 81; }\n"))
	must(t, writeFile(dir, "nginx/templates/ws.conf.template", "server { listen ${PORT}; }\n"))
	must(t, writeFile(dir, "whole/nginx.conf", "events {}\n"))
	must(t, writeFile(dir, "other/site", "server { listen 82; }\n"))
	must(t, writeFile(dir, "compose.yaml", `services:
  web:
    image: nginx:alpine
    volumes:
      - ./nginx/conf.d:/etc/nginx/conf.d:ro
      - type: bind
        source: ./nginx/templates
        target: /etc/nginx/templates
      - ./other/site:/etc/nginx/sites-enabled/site
      - ./other/site:/etc/nginx/snippets/site
      - generated:/etc/nginx/conf.d/generated
  resty:
    image: openresty/openresty:alpine
    volumes:
      - ./whole:/usr/local/openresty/nginx/conf
  npm:
    image: jc21/nginx-proxy-manager
    volumes:
      - ./other/site:/etc/nginx/nginx.conf
`))
	files, err = ComposeNginxFiles(dir)
	want := []string{"whole/nginx.conf", "nginx/conf.d/app.conf", "nginx/templates/ws.conf.template", "other/site"}
	if err != nil || !reflect.DeepEqual(files, want) {
		t.Errorf("files %q, err %v; want %q", files, err, want)
	}
}

func TestBindPorts(t *testing.T) {
	for in, want := range map[string][]int{
		"*:8883":                {8883},
		":1883,:8883":           {1883, 8883},
		"ipv4@0.0.0.0:443":      {443},
		"10.0.0.1:8000-8002":    {8000, 8001, 8002},
		"/var/run/haproxy.sock": nil,
		"*:${PORT}":             nil,
		"0.0.0.0:1-65535":       nil, // a range that wide names no entry
	} {
		if got := bindPorts(in); !reflect.DeepEqual(got, want) {
			t.Errorf("bindPorts(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestComposeInline covers what the fixtures do not: Traefik configured
// by flags that an override file sets, and a proxy whose depends_on
// names no broker or app.
func TestComposeInline(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		chain string
		idle  string // the hop's idle timeout and its source
	}{
		{"traefik flags in an override", map[string]string{
			// /etc/traefik holds the certificates, not a configuration.
			"compose.yaml":      "services:\n  proxy:\n    image: traefik:v3.1\n    ports: [\"443:443\"]\n    volumes: [\"./traefik:/etc/traefik\"]\n  api:\n    build: .\n",
			"traefik/acme.json": "{}\n",
			"compose.override.yaml": "services:\n  proxy:\n    command:\n      - --entryPoints.websecure.address=:443\n" +
				"      - --entryPoints.websecure.transport.respondingTimeouts.idleTimeout=45s\n      - --entrypoints.web.address=:80\n",
		}, "assumed: compose traefik service proxy", "45s compose.override.yaml:5"},
		{"traefik without configuration", map[string]string{
			"compose.yaml": "services:\n  proxy:\n    image: traefik\n    ports: [\"80:80\"]\n  api:\n    build: .\n",
		}, "assumed: compose traefik service proxy", "3m0s default for traefik"},
		{"traefik TOML in a mounted directory", map[string]string{
			"compose.yaml":         "services:\n  proxy:\n    image: traefik:v2.11\n    ports: [\"8443:443\"]\n    volumes: [\"./traefik:/etc/traefik:ro\"]\n  api:\n    build: .\n",
			"traefik/traefik.toml": "[entryPoints.web]\n  address = \":80\"\n[entryPoints.websecure]\n  address = \":443\"\n  [entryPoints.websecure.transport.respondingTimeouts]\n    idleTimeout = \"75s\"\n",
		}, "assumed: compose traefik service proxy websecure", "1m15s traefik/traefik.toml:6"},
		{"depends on a certificate renewer", map[string]string{
			"compose.yaml": "services:\n  lb:\n    image: haproxy\n    ports: [\"8883:8883\"]\n    depends_on: [certbot]\n" +
				"    volumes: [\"./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg\"]\n  certbot:\n    image: certbot/certbot\n  broker:\n    image: eclipse-mosquitto\n",
			"haproxy.cfg": "listen mqtt\n    bind :8883\n    timeout client 5m\n    timeout server 5m\n    server b broker:1883\n",
		}, "assumed: compose haproxy service lb", "5m0s haproxy.cfg:3"},
		{"unpublished port of the config: several entries, none published", map[string]string{
			"compose.yaml": "services:\n  lb:\n    image: haproxy\n    ports: [\"9000:9000\"]\n" +
				"    volumes: [\"./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg\"]\n  broker:\n    image: eclipse-mosquitto\n",
			"haproxy.cfg": "listen a\n    bind :1883\n    timeout client 5m\nlisten b\n    bind :8883\n    timeout client 1m\n",
		}, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range tc.files {
				must(t, os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755))
				must(t, writeFile(dir, name, body))
			}
			a := DiscoverCompose(dir, beats(30*time.Second), nil)
			if len(a.Errors) > 0 {
				t.Fatalf("errors %+v", a.Errors)
			}
			if tc.chain == "" {
				if len(a.Chains) > 0 || len(a.Notes) != 1 || !strings.Contains(a.Notes[0], "publishes no port that one of the entries of haproxy.cfg (a, b) listens on") {
					t.Errorf("chains %v, notes %q: want the note only", a.Chains, a.Notes)
				}
				return
			}
			if len(a.Chains) != 1 || a.Chains[0].Name != tc.chain {
				t.Fatalf("chains %v, notes %q", a.Chains, a.Notes)
			}
			h := a.Chains[0].Hops[0]
			idle := h.StreamIdle
			if !idle.Set {
				idle = h.KeepAliveIdle
			}
			if got := idle.D.String() + " " + idle.Src.String(); got != tc.idle {
				t.Errorf("idle %s, want %s", got, tc.idle)
			}
		})
	}
}

// TestFindComposeRefusesSymlinkOut: a compose file that links out of the
// repository is not read; its project fails with the reason.
func TestFindComposeRefusesSymlinkOut(t *testing.T) {
	outside := t.TempDir()
	must(t, writeFile(outside, "compose.yaml", "services:\n  app:\n    build: .\n"))
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(outside, "compose.yaml"), filepath.Join(dir, "compose.yaml")); err != nil {
		t.Skip(err)
	}
	projects, errs, err := findCompose(dir)
	if err != nil || len(projects) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Message, "outside the repository") || errs[0].File != "compose.yaml" {
		t.Errorf("projects %v, errs %+v, err %v", projects, errs, err)
	}
}
