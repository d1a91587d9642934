package timeoutchain

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/internal/config"
	"github.com/connlint/connlint/internal/records"
)

func parseConfig(t *testing.T, doc string) *config.Config {
	t.Helper()
	c, err := config.Parse("connlint.toml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

type fakeNginx map[string]NginxTimeouts

func (f fakeNginx) LocationTimeouts(uri string) (NginxTimeouts, error) {
	t, ok := f[uri]
	if !ok {
		return t, errors.New("no location matches " + uri)
	}
	return t, nil
}

func TestBuildRightHeartbeatIsClean(t *testing.T) {
	cfg := parseConfig(t, `
[[chain]]
name = "dashboard"
heartbeat = "25s"
pong_timeout = "10s"
  [[chain.hop]]
  kind = "alb"
  terraform = "infra/alb.tf"
  [[chain.hop]]
  kind = "nginx"
  location = "/ws"
`)
	ng := fakeNginx{"/ws": {ProxyRead: val(60*time.Second, Source{File: "nginx.conf", Line: 30})}}
	chains, errs := Build(cfg, Inputs{Root: root, Nginx: ng})
	if len(errs) > 0 || len(chains) != 1 {
		t.Fatalf("chains %v, errs %+v", chains, errs)
	}
	c := chains[0]
	if c.Hops[0].StreamIdle.D != 45*time.Second || c.Hops[0].StreamIdle.Src.String() != "infra/variables.tf:3" {
		t.Errorf("alb from terraform: %+v", c.Hops[0].StreamIdle)
	}
	if c.Heartbeat.Interval.Src.String() != "connlint.toml:4" {
		t.Errorf("heartbeat source %s", c.Heartbeat.Interval.Src)
	}
	// 25s heartbeat vs ALB 45s: 25 > 22.5 → finding; the documented ALB
	// (60 s) would be clean, checked next.
	if got := rulesOf(c); got != "chain-heartbeat" {
		t.Errorf("rules = %q", got)
	}
	cfg = parseConfig(t, strings.Replace(`
[[chain]]
name = "ws"
heartbeat = "25s"
pong_timeout = "10s"
  [[chain.hop]]
  kind = "alb"
  [[chain.hop]]
  kind = "nginx"
`, "", "", 1))
	chains, errs = Build(cfg, Inputs{Root: root})
	if len(errs) > 0 || rulesOf(chains[0]) != "" {
		t.Errorf("25s + 10s behind ALB 60s and nginx 60s must be clean: %+v %q", errs, rulesOf(chains[0]))
	}
}

func TestBuildFromCode(t *testing.T) {
	cfg := parseConfig(t, `
[[chain]]
name = "ws"
  [[chain.hop]]
  kind = "alb"
  idle_timeout = "60s"
  [[chain.hop]]
  kind = "go"
`)
	hb := records.Heartbeat{Kind: records.WebSocketPing, Pos: records.Position{File: "internal/hub.go", Line: 40},
		Interval: records.Value{Duration: 54 * time.Second, Known: true},
		Timeout:  records.Value{Duration: 60 * time.Second, Known: true, Pos: records.Position{File: "internal/hub.go", Line: 12}}}
	srv := records.Server{Func: "main.main", Pos: records.Position{File: "cmd/api/main.go", Line: 20},
		Idle: records.Value{Duration: 30 * time.Second, Known: true, Pos: records.Position{File: "cmd/api/main.go", Line: 24}}}
	chains, errs := Build(cfg, Inputs{Root: root, Heartbeats: []records.Heartbeat{hb, hb}, Servers: []records.Server{srv}})
	if len(errs) > 0 {
		t.Fatalf("errs %+v", errs)
	}
	fs := chains[0].Check()
	var got []string
	for _, f := range fs {
		got = append(got, f.Rule+"@"+f.File)
	}
	// The pong wait (60s) counts from the last pong: after a ping every
	// 54s, 6s remain; 54 + 6 = 60 reaches the ALB's 60s.
	if c := chains[0]; c.Heartbeat.Pong.D != 6*time.Second {
		t.Errorf("pong timeout from a websocket record = %v, want pong wait - ping period = 6s", c.Heartbeat.Pong.D)
	}
	want := "chain-heartbeat@internal/hub.go,chain-pong@internal/hub.go,chain-idle-order@cmd/api/main.go"
	if strings.Join(got, ",") != want {
		t.Errorf("findings %v, want %s", got, want)
	}
}

func TestBuildErrors(t *testing.T) {
	two := []records.Heartbeat{
		{Kind: records.WebSocketPing, Pos: records.Position{File: "a.go", Line: 1}, Interval: records.Value{Duration: time.Second, Known: true}},
		{Kind: records.MQTTKeepAlive, Pos: records.Position{File: "b.go", Line: 2}, Interval: records.Value{Duration: 30 * time.Second, Known: true}},
	}
	servers := []records.Server{{Func: "main.a", Package: "x/cmd/a", Pos: records.Position{File: "a.go", Line: 3}}, {Func: "main.b", Package: "x/cmd/b", Pos: records.Position{File: "b.go", Line: 4}}}
	cases := []struct {
		name, doc string
		in        Inputs
		want      string // connlint.toml:LINE: message part
	}{
		{"missing terraform file", "[[chain]]\nheartbeat = \"20s\"\n[[chain.hop]]\nkind = \"alb\"\nterraform = \"infra/nope.tf\"\n", Inputs{Root: root}, "connlint.toml:5: cannot read infra/nope.tf"},
		{"unresolvable", "[[chain]]\nheartbeat = \"20s\"\n[[chain.hop]]\nkind = \"alb\"\nterraform = \"multi/lbs.tf\"\nresource = \"computed\"\n", Inputs{Root: root}, "connlint.toml:5: multi/lbs.tf:10: idle_timeout is an expression"},
		{"unknown kind", "[[chain]]\nheartbeat = \"20s\"\n[[chain.hop]]\nkind = \"f5\"\n", Inputs{Root: root}, `connlint.toml:4: unknown hop kind "f5"`},
		{"two sources", "[[chain]]\nheartbeat = \"20s\"\n[[chain.hop]]\nkind = \"alb\"\nidle_timeout = \"60s\"\naws_json = \"cfn/attributes.json\"\n", Inputs{Root: root}, "connlint.toml:3: hop \"alb\" names several sources"},
		{"haproxy without value", "[[chain]]\nheartbeat = \"20s\"\n[[chain.hop]]\nkind = \"haproxy\"\n", Inputs{Root: root}, "connlint.toml:3: haproxy has no default"},
		{"no heartbeat anywhere", "[[chain]]\nname = \"c\"\n[[chain.hop]]\nkind = \"alb\"\n", Inputs{Root: root}, `connlint.toml:1: chain "c" gives no heartbeat and none`},
		{"several heartbeats", "[[chain]]\nname = \"c\"\n[[chain.hop]]\nkind = \"alb\"\n", Inputs{Root: root, Heartbeats: two}, "websocket-ping every 1s at a.go:1; mqtt-keepalive every 30s at b.go:2"},
		{"location without nginx", "[[chain]]\nheartbeat = \"20s\"\n[[chain.hop]]\nkind = \"nginx\"\nlocation = \"/ws\"\n", Inputs{Root: root}, "connlint.toml:5: hop \"nginx /ws\" names location \"/ws\" but no nginx configuration is loaded"},
		{"location not found", "[[chain]]\nheartbeat = \"20s\"\n[[chain.hop]]\nkind = \"nginx\"\nlocation = \"/mqtt\"\n", Inputs{Root: root, Nginx: fakeNginx{}}, "connlint.toml:5: hop \"nginx /mqtt\": no location matches /mqtt"},
		{"no go server", "[[chain]]\nheartbeat = \"20s\"\n[[chain.hop]]\nkind = \"go\"\n", Inputs{Root: root}, "connlint.toml:3: hop \"go\": no http.Server was found"},
		{"several go servers", "[[chain]]\nheartbeat = \"20s\"\n[[chain.hop]]\nkind = \"go\"\n", Inputs{Root: root, Servers: servers}, "several http.Servers (main.a at a.go:3; main.b at b.go:4)"},
		{"go server by resource", "[[chain]]\nheartbeat = \"20s\"\n[[chain.hop]]\nkind = \"go\"\nresource = \"cmd/c\"\n", Inputs{Root: root, Servers: servers}, `connlint.toml:5: no http.Server in the code matches "cmd/c"`},
	}
	for _, tc := range cases {
		chains, errs := Build(parseConfig(t, tc.doc), tc.in)
		if len(errs) != 1 || len(chains) != 0 {
			t.Errorf("%s: chains %d, errs %+v; want one chain-source error", tc.name, len(chains), errs)
			continue
		}
		got := errs[0].File + ":" + strconv.Itoa(errs[0].Line) + ": " + errs[0].Message
		if errs[0].Rule != "chain-source" || !strings.Contains(got, tc.want) {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestFindingPositions: chain findings point at the key of the value they
// judge, line and column, also inside inline tables; values found in the
// code and in nginx keep their column.
func TestFindingPositions(t *testing.T) {
	cfg := parseConfig(t, "chain = [\n"+
		"  { name = \"ws\", heartbeat = \"50s\", hop = [\n"+
		"      { kind = \"alb\", idle_timeout = \"60s\" },\n"+
		"      { kind = \"nginx\", location = \"/ws\" },\n"+
		"  ] },\n"+
		"]\n")
	ng := fakeNginx{"/ws": {ProxyRead: val(2*time.Minute, Source{File: "nginx/site.conf", Line: 12, Column: 9})}}
	chains, errs := Build(cfg, Inputs{Root: root, Nginx: ng})
	if len(errs) > 0 || len(chains) != 1 {
		t.Fatalf("chains %v, errs %+v", chains, errs)
	}
	fs := chains[0].Check()
	if len(fs) != 1 || fs[0].Rule != "chain-heartbeat" {
		t.Fatalf("findings %+v", fs)
	}
	if p := fs[0].Position; p.File != "connlint.toml" || p.Line != 2 || p.Column != 18 {
		t.Errorf("finding at %+v, want connlint.toml:2:18 (heartbeat)", p)
	}
	if len(fs[0].Related) != 1 || fs[0].Related[0].Line != 3 || fs[0].Related[0].Column != 23 {
		t.Errorf("related %+v, want connlint.toml:3:23 (idle_timeout)", fs[0].Related)
	}

	// The heartbeat from the code: the position the analyzer recorded.
	cfg = parseConfig(t, "[[chain]]\nname = \"x\"\n[[chain.hop]]\nkind = \"nginx\"\nlocation = \"/ws\"\n")
	hb := records.Heartbeat{Kind: records.WebSocketPing, Pos: records.Position{File: "ws/conn.go", Line: 40, Column: 14},
		Interval: records.Value{Duration: 90 * time.Second, Known: true}}
	chains, errs = Build(cfg, Inputs{Root: root, Nginx: ng, Heartbeats: []records.Heartbeat{hb}})
	if len(errs) > 0 || len(chains) != 1 {
		t.Fatalf("chains %v, errs %+v", chains, errs)
	}
	fs = chains[0].Check()
	if len(fs) != 1 || fs[0].File != "ws/conn.go" || fs[0].Line != 40 || fs[0].Column != 14 ||
		fs[0].Related[0].File != "nginx/site.conf" || fs[0].Related[0].Column != 9 {
		t.Errorf("findings %+v", fs)
	}
}
