package timeoutchain

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/internal/records"
)

func src(line int) Source { return Source{File: "connlint.toml", Line: line} }

func def(kind string) Source { return Source{Default: "default for " + kind} }

// exampleChain is a path done right: ALB 60 s, nginx 60 s, heartbeat 25 s,
// pong timeout 10 s. It must be clean.
func exampleChain(hb, pong time.Duration) *Chain {
	return &Chain{
		Name: "ws",
		Heartbeat: Heartbeat{
			Interval: val(hb, src(3)),
			Pong:     val(pong, src(4)),
		},
		Hops: []Hop{
			{Kind: "alb", Name: "alb", Decl: src(6), StreamIdle: val(60*time.Second, def("alb")), UpstreamReuse: val(60*time.Second, def("alb"))},
			{Kind: "nginx", Name: "nginx /ws", Decl: src(9), StreamIdle: val(60*time.Second, Source{File: "nginx.conf", Line: 20}), KeepAliveIdle: val(75*time.Second, def("nginx"))},
		},
	}
}

func rulesOf(c *Chain) string {
	var ids []string
	for _, f := range c.Check() {
		ids = append(ids, f.Rule)
	}
	return strings.Join(ids, ",")
}

func TestHeartbeatBoundaries(t *testing.T) {
	cases := []struct {
		name     string
		hb, pong time.Duration
		want     string
	}{
		{"25s + 10s behind 60s", 25 * time.Second, 10 * time.Second, ""},
		{"exactly half", 30 * time.Second, 10 * time.Second, ""},
		{"just above half", 30*time.Second + time.Millisecond, 10 * time.Second, "chain-heartbeat"},
		{"pong just below", 30 * time.Second, 30*time.Second - time.Millisecond, ""},
		{"pong reaches the idle timeout", 30 * time.Second, 30 * time.Second, "chain-pong"},
		{"both", 45 * time.Second, 20 * time.Second, "chain-heartbeat,chain-pong"},
		{"heartbeat equal to idle", 60 * time.Second, 0, "chain-heartbeat,chain-pong"},
	}
	for _, tc := range cases {
		if got := rulesOf(exampleChain(tc.hb, tc.pong)); got != tc.want {
			t.Errorf("%s: rules = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestHeartbeatMessageNamesBindingHop(t *testing.T) {
	c := exampleChain(45*time.Second, 0)
	c.Heartbeat.Pong = Value{}
	c.Hops[1].StreamIdle = val(40*time.Second, Source{File: "nginx.conf", Line: 20})
	fs := c.Check()
	if len(fs) != 1 {
		t.Fatalf("findings = %+v", fs)
	}
	f := fs[0]
	for _, want := range []string{"45s", "nginx /ws 40s (nginx.conf:20)", "at most 20s"} {
		if !strings.Contains(f.Message, want) {
			t.Errorf("message %q lacks %q", f.Message, want)
		}
	}
	if f.File != "connlint.toml" || f.Line != 3 {
		t.Errorf("reported at %s:%d, want the heartbeat's source connlint.toml:3", f.File, f.Line)
	}
	if len(f.Related) != 1 || f.Related[0].File != "nginx.conf" || f.Related[0].Line != 20 {
		t.Errorf("related = %+v, want the binding hop", f.Related)
	}
}

func TestRatio(t *testing.T) {
	c := exampleChain(25*time.Second, 0)
	c.Ratio = 0.4 // 24 s allowed
	if got := rulesOf(c); got != "chain-heartbeat" {
		t.Errorf("ratio 0.4: rules = %q", got)
	}
	c.Ratio = 0.5
	if got := rulesOf(c); got != "" {
		t.Errorf("ratio 0.5: rules = %q", got)
	}
}

func TestNoBoundingHop(t *testing.T) {
	c := &Chain{Name: "x", Heartbeat: Heartbeat{Interval: val(10*time.Minute, src(1))}, Hops: []Hop{{Kind: "go", Name: "go", KeepAliveIdle: val(0, Source{File: "main.go", Line: 9})}}}
	if got := rulesOf(c); got != "" {
		t.Errorf("no stream-idle hop: rules = %q", got)
	}
}

func TestIdleOrder(t *testing.T) {
	alb := Hop{Kind: "alb", Name: "alb", Decl: src(6), StreamIdle: val(60*time.Second, def("alb")), UpstreamReuse: val(60*time.Second, def("alb"))}
	goHop := func(idle time.Duration) Hop {
		return Hop{Kind: "go", Name: "go", Decl: src(9), KeepAliveIdle: val(idle, Source{File: "cmd/api/main.go", Line: 14})}
	}
	cases := []struct {
		name string
		back Hop
		want string
	}{
		{"go shorter", goHop(30 * time.Second), "chain-idle-order"},
		{"go equal", goHop(60 * time.Second), "chain-idle-order"},
		{"go just longer", goHop(60*time.Second + time.Millisecond), ""},
		{"go unlimited", goHop(0), ""},
		{"node default behind alb", Hop{Kind: "node", Name: "node", Decl: src(9), KeepAliveIdle: val(5*time.Second, def("node"))}, "chain-idle-order"},
		{"nginx 75s behind alb", Hop{Kind: "nginx", Name: "nginx", Decl: src(9), KeepAliveIdle: val(75*time.Second, def("nginx"))}, ""},
	}
	for _, tc := range cases {
		c := &Chain{Name: "c", Hops: []Hop{alb, tc.back}}
		fs := c.Check()
		got := ""
		if len(fs) > 0 {
			got = fs[0].Rule
		}
		if got != tc.want {
			t.Errorf("%s: rule = %q, want %q (%+v)", tc.name, got, tc.want, fs)
		}
		if got != "" && (fs[0].File == "" || len(fs[0].Related) != 0 && fs[0].Related[0].File == "") {
			t.Errorf("%s: finding must point at a file: %+v", tc.name, fs[0])
		}
	}
	// A default value is reported at the hop's declaration.
	c := &Chain{Name: "c", Hops: []Hop{alb, {Kind: "node", Name: "node", Decl: src(12), KeepAliveIdle: val(5*time.Second, def("node"))}}}
	if f := c.Check()[0]; f.File != "connlint.toml" || f.Line != 12 {
		t.Errorf("default node idle reported at %s:%d, want the hop declaration connlint.toml:12", f.File, f.Line)
	}
}

func TestLifetime(t *testing.T) {
	gcp := Hop{Kind: "gcp-https-lb", Name: "gcp", Decl: src(5), Lifetime: val(30*time.Second, def("gcp-https-lb"))}
	c := &Chain{Name: "c", Heartbeat: Heartbeat{Interval: val(20*time.Second, src(2))}, Hops: []Hop{gcp}}
	if got := rulesOf(c); got != "chain-heartbeat" {
		t.Errorf("GCP 30s lifetime: rules = %q", got)
	}
	c.Hops[0].Lifetime = val(time.Hour, src(7))
	if got := rulesOf(c); got != "" {
		t.Errorf("GCP 1h lifetime: rules = %q", got)
	}
	apigw := Hop{Kind: "apigw-websocket", Name: "apigw", Decl: src(5), StreamIdle: val(10*time.Minute, def("apigw")), Lifetime: val(2*time.Hour, def("apigw"))}
	c.Hops = []Hop{apigw}
	if got := rulesOf(c); got != "" {
		t.Errorf("API Gateway 2h lifetime: rules = %q", got)
	}
}

func TestKindsCiteDocs(t *testing.T) {
	for _, name := range KindNames() {
		k, ok := LookupKind(name)
		if !ok || k.Name != name || !strings.HasPrefix(k.Doc, "https://") {
			t.Errorf("kind %q: missing or without documentation URL: %+v", name, k)
		}
	}
	if len(kinds) != len(KindNames()) {
		t.Errorf("KindNames lists %d kinds, the table has %d", len(KindNames()), len(kinds))
	}
}

// A WebSocket ping period written as a literal gets the edit to the
// largest safe whole number of seconds. The pong wait runs from the last
// pong whatever the period, so a wait past the idle timeout is reported
// apart, and the period's edit stays the same.
func TestPingPeriodFix(t *testing.T) {
	cfg := parseConfig(t, `
[[chain]]
name = "ws"
  [[chain.hop]]
  kind = "alb"
  idle_timeout = "60s"
`)
	for _, tc := range []struct {
		pong     time.Duration // the read deadline's pong wait
		literal  bool
		want     string // the fix's new text, "" for none
		findings int
	}{
		{50 * time.Second, true, "30 * time.Second", 1}, // ½ × 60 s binds
		{70 * time.Second, true, "30 * time.Second", 2}, // and chain-pong: the wait itself is too long
		{50 * time.Second, false, "", 1},                // arithmetic or a flag: nothing to rewrite
	} {
		hb := records.Heartbeat{Kind: records.WebSocketPing, Pos: records.Position{File: "internal/hub.go", Line: 40},
			Interval: records.Value{Duration: 45 * time.Second, Known: true, Pos: records.Position{File: "internal/hub.go", Line: 15}},
			Timeout:  records.Value{Duration: tc.pong, Known: true, Pos: records.Position{File: "internal/hub.go", Line: 14}}}
		if tc.literal {
			hb.Interval.Literal = &records.Literal{File: "internal/hub.go", Offset: 300, End: 316, TimeName: "time"}
		}
		chains, errs := Build(cfg, Inputs{Root: root, Heartbeats: []records.Heartbeat{hb}})
		if len(errs) > 0 || len(chains) != 1 {
			t.Fatalf("chains %v errs %+v", chains, errs)
		}
		fs := chains[0].Check()
		if len(fs) != tc.findings {
			t.Errorf("pong %s: %d findings, want %d: %+v", tc.pong, len(fs), tc.findings, fs)
			continue
		}
		var got []string
		for _, f := range fs {
			for _, fix := range f.Fixes {
				got = append(got, fmt.Sprintf("%s: %s (%s)", f.Rule, fix.Edits[0].NewText, fix.Message))
			}
		}
		want := []string{}
		if tc.want != "" {
			want = append(want, fmt.Sprintf("chain-heartbeat: %s (set the heartbeat to %s)", tc.want, strings.Fields(tc.want)[0]+"s"))
		}
		if strings.Join(got, "; ") != strings.Join(want, "; ") {
			t.Errorf("pong %s: fixes %q, want %q", tc.pong, got, want)
		}
	}
}
