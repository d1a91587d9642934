package cli

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// composeModule is a repository with a Go gateway that connects to the
// broker with paho.mqtt.golang, keep-alive keepAlive, and the given
// deployment files.
func composeModule(t *testing.T, keepAlive string, files map[string]string) string {
	t.Helper()
	for _, name := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile("../../testdata/demo/" + name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(data)
	}
	files["gateway/mqtt.go"] = `package gateway

import (
	"time"

	mqtt "github.com/eclipse/paho.mqtt.golang"
)

func Options() *mqtt.ClientOptions {
	return mqtt.NewClientOptions().
		AddBroker("tcp://edge:8883").
		SetKeepAlive(` + keepAlive + `).
		SetPingTimeout(10 * time.Second)
}
`
	return module(t, files)
}

// edgeNginx is an nginx that terminates TLS for MQTT in a stream server.
const edgeNginx = "events {}\nstream {\n    upstream mosquitto { server broker:1883; }\n    server {\n        listen 8883 ssl;\n" +
	"        ssl_certificate /etc/nginx/certs/c.pem;\n        ssl_certificate_key /etc/nginx/certs/k.pem;\n        proxy_timeout 90s;\n        proxy_pass mosquitto;\n    }\n}\n"

// nginxCompose mounts src as the nginx container's nginx.conf, in front
// of mosquitto and the gateway.
func nginxCompose(src string) string {
	return `services:
  edge:
    image: nginx:1.27-alpine
    ports: ["8883:8883"]
    volumes:
      - ` + src + `:/etc/nginx/nginx.conf:ro
  broker:
    image: eclipse-mosquitto:2
  gateway:
    build: .
    depends_on: [broker]
`
}

type chainJSON struct {
	Findings []struct {
		Rule, File, Message string
		Line                int
	}
	Chains []struct {
		Name, Protocol string
		Hops           []struct {
			Name, Kind, Source string
			IdleTimeout        string `json:"idle_timeout"`
		} `json:"hops"`
	}
}

func chainDoc(t *testing.T, out string) chainJSON {
	t.Helper()
	var doc chainJSON
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return doc
}

// TestChainComposeMountedNginx: nginx configuration that only the compose
// file names (a hidden directory, no .conf) is loaded, and its stream
// server gives the MQTT chain; a 60 s keep-alive is above half of its
// 90 s proxy_timeout.
func TestChainComposeMountedNginx(t *testing.T) {
	dir := composeModule(t, "60 * time.Second", map[string]string{
		"docker-compose.yml":      nginxCompose("./deploy/.edge/mqtt.nginx"),
		"deploy/.edge/mqtt.nginx": edgeNginx,
	})
	code, out, errOut := run(t, chainCmd, "-format", "json", dir)
	doc := chainDoc(t, out)
	if code != ExitFindings || len(doc.Chains) != 1 || doc.Chains[0].Name != "assumed: nginx stream server :8883" || doc.Chains[0].Protocol != "MQTT/TCP" {
		t.Fatalf("exit %d, chains %+v\n%s", code, doc.Chains, errOut)
	}
	if h := doc.Chains[0].Hops[0]; h.Kind != "nginx-stream" || h.IdleTimeout != "1m30s" || h.Source != "deploy/.edge/mqtt.nginx:8" {
		t.Errorf("hop %+v, want nginx-stream 1m30s at deploy/.edge/mqtt.nginx:8", h)
	}
	if len(doc.Findings) != 1 || doc.Findings[0].Rule != "chain-heartbeat" || doc.Findings[0].File != "gateway/mqtt.go" {
		t.Errorf("findings %+v", doc.Findings)
	}
	// check reviews the mounted file and runs the same chain.
	code, out, errOut = run(t, check, dir)
	if code != ExitFindings || !strings.Contains(out, "gateway/mqtt.go:12:") || !strings.Contains(out, "[chain-heartbeat]") {
		t.Errorf("check: exit %d\n%s%s", code, out, errOut)
	}
	// Without the compose file nothing names that configuration.
	if err := os.Remove(dir + "/docker-compose.yml"); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = run(t, chainCmd, dir)
	if code != ExitError || !strings.Contains(errOut, "declares no [[chain]] and no chain could be assumed") {
		t.Errorf("without compose: exit %d\n%s", code, errOut)
	}
}

// TestChainComposeNginxOnce: a mounted file that nginx discovery finds too
// is loaded once: one chain, one note.
func TestChainComposeNginxOnce(t *testing.T) {
	dir := composeModule(t, "30 * time.Second", map[string]string{
		"compose.yaml":          nginxCompose("./nginx/nginx.conf"),
		"compose.override.yaml": "services:\n  edge:\n    volumes:\n      - ./nginx/nginx.conf:/etc/nginx/nginx.conf\n",
		"nginx/nginx.conf":      edgeNginx,
	})
	code, out, errOut := run(t, chainCmd, "-format", "json", dir)
	doc := chainDoc(t, out)
	if code != ExitClean || len(doc.Chains) != 1 || len(doc.Findings) != 0 {
		t.Fatalf("exit %d, chains %+v, findings %+v\n%s", code, doc.Chains, doc.Findings, errOut)
	}
	if n := strings.Count(errOut, "assumed chain"); n != 1 {
		t.Errorf("%d notes of an assumed chain, want 1:\n%s", n, errOut)
	}
}

const emqxCompose = `services:
  lb:
    image: haproxytech/haproxy-alpine:2.9
    ports:
      - "1883:1883"
      - "8883:8883"
      - "127.0.0.1:8404:8404"
    volumes:
      - ./haproxy:/usr/local/etc/haproxy:ro
  emqx:
    image: emqx/emqx:5.7
  gateway:
    build: .
    depends_on: [emqx]
`

const emqxHAProxy = `defaults
    mode tcp
    timeout connect 5s
    timeout client 3m
    timeout server 3m

frontend mqtt
    bind *:1883
    bind *:8883
    default_backend emqx

backend emqx
    server emqx1 emqx:1883

listen stats
    mode http
    bind *:8404
    timeout client 10s
`

// TestChainComposeHAProxy: haproxy in TCP mode in front of EMQX, read from
// the directory mounted into the container; the stats port beside the
// MQTT ports is another path.
func TestChainComposeHAProxy(t *testing.T) {
	dir := composeModule(t, "2 * time.Minute", map[string]string{
		"deploy/compose.yaml":        emqxCompose,
		"deploy/haproxy/haproxy.cfg": emqxHAProxy,
	})
	code, out, errOut := run(t, chainCmd, "-format", "json", dir)
	doc := chainDoc(t, out)
	if code != ExitFindings || len(doc.Chains) != 1 {
		t.Fatalf("exit %d, chains %+v\n%s", code, doc.Chains, errOut)
	}
	c := doc.Chains[0]
	if c.Name != "assumed: compose haproxy service lb mqtt" || c.Protocol != "MQTT/TCP" || len(c.Hops) != 1 ||
		c.Hops[0].IdleTimeout != "3m0s" || c.Hops[0].Source != "deploy/haproxy/haproxy.cfg:4" {
		t.Errorf("chain %+v", c)
	}
	if len(doc.Findings) != 1 || doc.Findings[0].Rule != "chain-heartbeat" || doc.Findings[0].File != "gateway/mqtt.go" || doc.Findings[0].Line != 12 ||
		!strings.Contains(doc.Findings[0].Message, "(deploy/haproxy/haproxy.cfg:4)") {
		t.Errorf("findings %+v", doc.Findings)
	}
	if !strings.Contains(errOut, `assumed chain "assumed: compose haproxy service lb mqtt": haproxy service lb mqtt (deploy/compose.yaml:2); behind the proxy: MQTT broker emqx; MQTT keep-alive 2m0s (gateway/mqtt.go:12)`) {
		t.Errorf("stderr does not say which chain was assumed:\n%s", errOut)
	}
}

// TestChainComposeBroken: a compose file that cannot be read, or a
// configuration it mounts that is missing, fails the run at its line.
func TestChainComposeBroken(t *testing.T) {
	for _, tc := range []struct{ name, compose, want string }{
		{"services is a list", "services:\n  - broker\n", "compose.yaml:2:1: services is a list"},
		{"ports of a wrong type", "services:\n  broker:\n    image: emqx/emqx\n    ports: 1883\n", `compose.yaml:4:1: service "broker": ports is the scalar "1883"; the Compose specification wants a list`},
		{"not YAML", "services:\n  broker:\n    image: [emqx\n", "compose.yaml:2:1: compose.yaml does not parse as YAML"},
		{"missing haproxy.cfg", strings.Replace(emqxCompose, "./haproxy:", "./lb:", 1), `compose.yaml:9:1: service "lb" mounts lb/haproxy.cfg, but lb/haproxy.cfg does not exist: haproxy would start without its configuration`},
		{"missing nginx.conf", nginxCompose("./nginx/edge.conf"), `compose.yaml:6:1: service "edge" mounts ./nginx/edge.conf at /etc/nginx/nginx.conf, but nginx/edge.conf does not exist`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := module(t, map[string]string{"main.go": "package fixture\n", "compose.yaml": tc.compose, "haproxy/haproxy.cfg": emqxHAProxy})
			code, out, errOut := run(t, chainCmd, dir)
			if code != ExitError || !strings.Contains(out, tc.want) || !strings.Contains(out, "[chain-source]") {
				t.Errorf("exit %d, want 2 and %q:\n%s%s", code, tc.want, out, errOut)
			}
		})
	}
}

// TestChainComposeNothingAssumed: a device that talks to the broker
// directly gives no chain and no note; two proxies in a row give a note
// that says why and what to configure.
func TestChainComposeNothingAssumed(t *testing.T) {
	direct := "services:\n  mosquitto:\n    image: eclipse-mosquitto\n    ports: [\"1883:1883\"]\n  gateway:\n    build: .\n"
	dir := composeModule(t, "30 * time.Second", map[string]string{"compose.yaml": direct})
	code, _, errOut := run(t, chainCmd, dir)
	if code != ExitError || strings.Contains(errOut, "connlint: note:") && strings.Contains(errOut, "compose") {
		t.Errorf("direct: exit %d\n%s", code, errOut)
	}
	twoProxies := emqxCompose + "  web:\n    image: traefik:v3\n    ports: [\"443:443\"]\n"
	dir = composeModule(t, "30 * time.Second", map[string]string{"compose.yaml": twoProxies, "haproxy/haproxy.cfg": emqxHAProxy})
	code, _, errOut = run(t, chainCmd, dir)
	want := "connlint: note: compose.yaml: services lb (haproxy), web (traefik) are all proxies and connlint cannot tell their order: no chain assumed for this compose project; configure [[chain]]"
	if code != ExitError || !strings.Contains(errOut, want) {
		t.Errorf("two proxies: exit %d\n%s", code, errOut)
	}
}

const wsServer = `package main

import (
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

const pingPeriod = 50 * time.Second

var upgrader websocket.Upgrader

func ws(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	ticker := time.NewTicker(pingPeriod)
	defer ticker.Stop()
	for range ticker.C {
		if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
			return
		}
	}
}

func main() {
	srv := &http.Server{
		Addr:              ":8080",
		Handler:           http.HandlerFunc(ws),
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	_ = srv.ListenAndServe()
}
`

// TestChainComposeTraefik: Traefik in front of the Go WebSocket server,
// its entry point chosen by the published port, the server's idle
// timeout from the code.
func TestChainComposeTraefik(t *testing.T) {
	files := map[string]string{
		"cmd/api/main.go": wsServer,
		"compose.yaml": "services:\n  proxy:\n    image: traefik:v3.1\n    ports:\n      - \"443:443\"\n    volumes:\n" +
			"      - ./deploy/traefik.yml:/etc/traefik/traefik.yml:ro\n  api:\n    build: .\n",
		"deploy/traefik.yml": "entryPoints:\n  web:\n    address: \":80\"\n  websecure:\n    address: \":443\"\n" +
			"    transport:\n      respondingTimeouts:\n        idleTimeout: 90s\n",
	}
	for _, name := range []string{"go.mod", "go.sum"} {
		data, err := os.ReadFile("../../testdata/demo/" + name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(data)
	}
	dir := module(t, files)
	code, out, errOut := run(t, chainCmd, "-format", "json", dir)
	doc := chainDoc(t, out)
	if code != ExitClean || len(doc.Chains) != 1 {
		t.Fatalf("exit %d, chains %+v\n%s%s", code, doc.Chains, out, errOut)
	}
	c := doc.Chains[0]
	if c.Name != "assumed: compose traefik service proxy websecure" || c.Protocol != "WebSocket" || len(c.Hops) != 2 {
		t.Fatalf("chain %+v", c)
	}
	if h := c.Hops[0]; h.Kind != "traefik" || h.IdleTimeout != "1m30s" || h.Source != "deploy/traefik.yml:8" {
		t.Errorf("traefik hop %+v", h)
	}
	if h := c.Hops[1]; h.Kind != "go" || h.IdleTimeout != "2m0s" || h.Source != "cmd/api/main.go:33" {
		t.Errorf("go hop %+v", h)
	}
	if !strings.Contains(errOut, "behind the proxy: app api; heartbeat 50s (cmd/api/main.go:19)") {
		t.Errorf("stderr:\n%s", errOut)
	}
}
