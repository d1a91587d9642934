package timeoutchain

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const haproxyCfg = `global
    maxconn 4096

defaults
    mode http
    timeout connect 5s
    timeout client  50s   # clients
    timeout server  50000

frontend mqtt_ws
    bind :443 ssl crt /etc/haproxy/site.pem
    timeout client 2m
    default_backend brokers

backend brokers
    timeout server 90s
    server b1 10.0.0.1:8083

defaults tcp
    mode tcp
    timeout client 1h
    timeout server 1h
    timeout tunnel 10m

listen mqtt
    bind :8883
    server b1 10.0.0.1:1883
`

func TestHAProxyIdle(t *testing.T) {
	cases := []struct {
		name, cfg, resource string
		want                time.Duration
		line                int
	}{
		// client 2m (frontend) vs server 90s (backend): the server side
		// closes first.
		{"frontend and backend", haproxyCfg, "mqtt_ws", 90 * time.Second, 16},
		// The second defaults section is in force for listen mqtt, and its
		// tunnel timeout supersedes client and server.
		{"listen under later defaults", haproxyCfg, "mqtt", 10 * time.Minute, 23},
		{"bare number is milliseconds", "defaults\n timeout client 30000\n timeout server 45000\nlisten l\n bind :80\n", "", 30 * time.Second, 2},
		{"own value beats defaults", "defaults\n timeout tunnel 1h\nlisten l\n timeout tunnel 45s\n", "", 45 * time.Second, 4},
		{"no timeout at all", "listen l\n bind :80\n", "", 0, 1},
		{"only server", "listen l\n timeout server 20s\n", "", 20 * time.Second, 2},
	}
	for _, tc := range cases {
		v, ok, err := haproxyIdle([]byte(tc.cfg), "haproxy.cfg", tc.resource)
		if err != nil || !ok {
			t.Errorf("%s: ok %v, err %v", tc.name, ok, err)
			continue
		}
		if v.D != tc.want || v.Src.File != "haproxy.cfg" || v.Src.Line != tc.line {
			t.Errorf("%s: %s at %s, want %s at haproxy.cfg:%d", tc.name, v.D, v.Src, tc.want, tc.line)
		}
	}
}

func TestHAProxyErrors(t *testing.T) {
	cases := []struct{ name, cfg, resource, want string }{
		{"several entries", haproxyCfg, "", "several frontend/listen sections (mqtt_ws, mqtt)"},
		{"unknown resource", haproxyCfg, "api", `no frontend or listen section "api"`},
		{"bad unit", "listen l\n timeout client 30 s\n", "", `haproxy.cfg:2: timeout client takes one time, not "30 s"`},
		{"unknown unit", "listen l\n timeout tunnel 1w\n", "", `unknown unit "w"`},
		{"frontend without backend", "frontend f\n timeout client 1m\n use_backend b if x\n", "", "haproxy.cfg:1: frontend f has no default_backend"},
		{"nameless listen", "listen\n timeout client 1m\n", "", "haproxy.cfg:1: listen section without a name"},
		{"no entry", "backend b\n timeout server 1m\n", "", "no frontend or listen section"},
		{"huge", "listen l\n timeout client 99999999999999d\n", "", "too large"},
	}
	for _, tc := range cases {
		_, _, err := haproxyIdle([]byte(tc.cfg), "haproxy.cfg", tc.resource)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func FuzzHAProxy(f *testing.F) {
	f.Add([]byte(haproxyCfg), "")
	f.Add([]byte("listen l\n timeout tunnel 1h\n"), "l")
	f.Fuzz(func(t *testing.T, data []byte, resource string) {
		v, ok, err := haproxyIdle(data, "haproxy.cfg", resource)
		if err == nil && (!ok || v.D < 0) {
			t.Errorf("no error but ok=%v d=%s", ok, v.D)
		}
	})
}

// TestHAProxyHop: a chain hop reads its idle timeout from haproxy.cfg, and
// the heartbeat is judged against it with the file's line as the source.
func TestHAProxyHop(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "deploy"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := writeFile(root, "deploy/haproxy.cfg", haproxyCfg); err != nil {
		t.Fatal(err)
	}
	doc := "[[chain]]\nname = \"mqtt\"\nheartbeat = \"6m\"\n[[chain.hop]]\nkind = \"haproxy\"\nhaproxy = \"deploy/haproxy.cfg\"\nresource = \"mqtt\"\n"
	chains, errs := Build(parseConfig(t, doc), Inputs{Root: root})
	if len(errs) != 0 || len(chains) != 1 {
		t.Fatalf("chains %d, errs %+v", len(chains), errs)
	}
	hop := chains[0].Hops[0]
	if hop.StreamIdle.D != 10*time.Minute || hop.StreamIdle.Src.String() != "deploy/haproxy.cfg:23" {
		t.Errorf("hop idle = %s from %s, want 10m0s from deploy/haproxy.cfg:23", hop.StreamIdle.D, hop.StreamIdle.Src)
	}
	if got := rulesOf(chains[0]); got != "chain-heartbeat" {
		t.Errorf("rules = %v, want chain-heartbeat (6m > half of 10m)", got)
	}
	doc = strings.Replace(doc, `kind = "haproxy"`, `kind = "nginx"`, 1)
	if _, errs := Build(parseConfig(t, doc), Inputs{Root: root}); len(errs) != 1 || !strings.Contains(errs[0].Message, "read for hops of kind haproxy") {
		t.Errorf("haproxy source on an nginx hop: errs = %+v", errs)
	}
}
