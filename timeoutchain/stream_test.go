package timeoutchain

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/connlint/connlint/internal/records"
)

// fakeStreams is an nginx model with stream servers by listen port.
type fakeStreams struct {
	fakeNginx
	servers map[string]StreamServer
}

func (f fakeStreams) StreamServer(listen string) (StreamServer, error) {
	s, ok := f.servers[listen]
	if !ok {
		return s, errors.New("no stream server listens on " + listen)
	}
	return s, nil
}

func mqttStream(proxy time.Duration) StreamServer {
	return StreamServer{
		Name: "stream server :8883", Decl: Source{File: "nginx/nginx.conf", Line: 20},
		Proxy: val(proxy, Source{File: "nginx/nginx.conf", Line: 22}), TLS: "terminates TLS",
		Listen: []string{"8883"}, MQTT: true,
	}
}

// codeBeats are a WebSocket ping and an MQTT keep-alive, as a gateway with
// a dashboard and a broker connection has.
func codeBeats(keepAlive time.Duration) []records.Heartbeat {
	at := func(line int) records.Position {
		return records.Position{File: "internal/bridge/mqtt.go", Line: line, Column: 3}
	}
	return []records.Heartbeat{
		{Kind: records.WebSocketPing, Pos: records.Position{File: "internal/hub.go", Line: 9, Column: 2},
			Interval: records.Value{Duration: 25 * time.Second, Known: true}, Timeout: records.Value{Duration: 60 * time.Second, Known: true}},
		{Kind: records.MQTTKeepAlive, Pos: at(12), Interval: records.Value{Duration: keepAlive, Known: true, Pos: at(12)},
			Timeout: records.Value{Duration: 10 * time.Second, Known: true, Pos: at(13)}},
	}
}

const mqttChainTOML = `
[[chain]]
name = "devices"
  [[chain.hop]]
  kind = "nlb"
  [[chain.hop]]
  kind = "nginx-stream"
  listen = "8883"
`

func TestBuildMQTTStreamChain(t *testing.T) {
	ng := fakeStreams{servers: map[string]StreamServer{"8883": mqttStream(45 * time.Second)}}
	chains, errs := Build(parseConfig(t, mqttChainTOML), Inputs{Root: root, Nginx: ng, Heartbeats: codeBeats(30 * time.Second)})
	if len(errs) > 0 || len(chains) != 1 {
		t.Fatalf("chains %v, errs %+v", chains, errs)
	}
	c := chains[0]
	if c.Protocol != ProtoMQTT || c.Heartbeat.Kind != records.MQTTKeepAlive || c.Heartbeat.Interval.D != 30*time.Second {
		t.Fatalf("protocol %q heartbeat %+v: want the MQTT keep-alive of the code, not the WebSocket ping", c.Protocol, c.Heartbeat)
	}
	h := c.Hops[1]
	if h.Name != "nginx-stream 8883" || h.StreamIdle.D != 45*time.Second || h.StreamIdle.Src.String() != "nginx/nginx.conf:22" || h.Note != "terminates TLS" {
		t.Errorf("stream hop %+v", h)
	}
	fs := c.Check()
	// 30 s + the 10 s ping timeout stay under 45 s: no chain-pong.
	if len(fs) != 1 || fs[0].Rule != "chain-heartbeat" {
		t.Fatalf("findings %+v, want chain-heartbeat only", fs)
	}
	want := `chain "devices": MQTT keep-alive 30s is above half of the shortest idle timeout on the path, nginx-stream 8883 45s (nginx/nginx.conf:22): ` +
		`an idle client sends PINGREQ only after a whole keep-alive of silence, so a PINGREQ late by 15s finds the connection closed, ` +
		`and the broker waits 1.5 × keep-alive = 45s (MQTT section 3.1.2.10) before it drops a silent client, so nginx-stream 8883 drops the connection first; ` +
		`set the keep-alive to at most 22.5s`
	if fs[0].Message != want || fs[0].File != "internal/bridge/mqtt.go" || fs[0].Line != 12 {
		t.Errorf("chain-heartbeat at %s:%d:\n%s\nwant:\n%s", fs[0].File, fs[0].Line, fs[0].Message, want)
	}
}

// A keep-alive at half the stream's proxy_timeout or less is clean: the
// broker's 1.5 × grace (¾ of the idle timeout at most) ends first.
func TestBuildMQTTStreamChainClean(t *testing.T) {
	ng := fakeStreams{servers: map[string]StreamServer{"8883": mqttStream(10 * time.Minute)}}
	chains, errs := Build(parseConfig(t, mqttChainTOML), Inputs{Root: root, Nginx: ng, Heartbeats: codeBeats(60 * time.Second)})
	if len(errs) > 0 || len(chains) != 1 {
		t.Fatalf("chains %v, errs %+v", chains, errs)
	}
	if fs := chains[0].Check(); len(fs) != 0 {
		t.Errorf("findings %+v, want none (60s keep-alive under an NLB's 350s and nginx's 10m)", fs)
	}
	if safe, hop, _ := chains[0].SafeHeartbeat(); safe != 175*time.Second || hop.Kind != "nlb" {
		t.Errorf("safe heartbeat %s at %s, want 2m55s bound by the NLB's 350s default", safe, hop.Name)
	}
}

func TestBuildStreamErrors(t *testing.T) {
	for _, tc := range []struct{ name, toml, want string }{
		{"no such stream server", strings.Replace(mqttChainTOML, `"8883"`, `"1883"`, 1), `connlint.toml:8: hop "nginx-stream 1883": no stream server listens on 1883`},
		{"listen on an http hop", strings.Replace(mqttChainTOML, `"nginx-stream"`, `"nginx"`, 1), "connlint.toml:8: listen selects a stream server for hops of kind nginx-stream"},
		{"unknown protocol", strings.Replace(mqttChainTOML, `name = "devices"`, "name = \"devices\"\nprotocol = \"amqp\"", 1), `connlint.toml:4: unknown protocol "amqp"`},
		{"no keep-alive in the code", strings.Replace(mqttChainTOML, `name = "devices"`, "name = \"devices\"\nprotocol = \"mqtt\"", 1), "no MQTT keep-alive with a known interval"},
	} {
		ng := fakeStreams{servers: map[string]StreamServer{"8883": mqttStream(45 * time.Second)}}
		hbs := codeBeats(30 * time.Second)
		if tc.name == "no keep-alive in the code" {
			hbs = hbs[:1] // the WebSocket ping only
		}
		_, errs := Build(parseConfig(t, tc.toml), Inputs{Root: root, Nginx: ng, Heartbeats: hbs})
		if len(errs) != 1 || errs[0].Rule != "chain-source" || !strings.Contains(errs[0].File+":"+strconv.Itoa(errs[0].Line)+": "+errs[0].Message, tc.want) {
			t.Errorf("%s: errs %+v, want one chain-source containing %q", tc.name, errs, tc.want)
		}
	}
}

func TestDiscoverStreams(t *testing.T) {
	plain := StreamServer{Name: "stream server :5432", Decl: Source{File: "nginx.conf", Line: 40}, Proxy: val(time.Hour, Source{File: "nginx.conf", Line: 41})}
	a := DiscoverStreams(t.TempDir(), []StreamServer{mqttStream(45 * time.Second), plain}, codeBeats(30*time.Second))
	if len(a.Chains) != 1 {
		t.Fatalf("chains %d, want one for the MQTT stream server (not the database's): notes %v", len(a.Chains), a.Notes)
	}
	c := a.Chains[0]
	if c.Name != "assumed: nginx stream server :8883" || c.Protocol != ProtoMQTT || len(c.Hops) != 1 || c.Heartbeat.Interval.D != 30*time.Second {
		t.Errorf("chain %+v", c)
	}
	if fs := c.Check(); len(fs) == 0 || fs[0].Rule != "chain-heartbeat" {
		t.Errorf("findings %+v", fs)
	}
	// No MQTT keep-alive in the code: a note, no chain with the
	// WebSocket ping.
	a = DiscoverStreams(t.TempDir(), []StreamServer{mqttStream(45 * time.Second)}, codeBeats(30 * time.Second)[:1])
	if len(a.Chains) != 0 || len(a.Notes) != 1 || !strings.Contains(a.Notes[0], "no MQTT keep-alive") {
		t.Errorf("without a keep-alive: chains %d notes %v", len(a.Chains), a.Notes)
	}
}

func TestListenMatches(t *testing.T) {
	for _, tc := range []struct {
		listen, want string
		ok           bool
	}{
		{"8883", "8883", true}, {"10.0.0.2:1883", "1883", true}, {"[::]:8883", "8883", true},
		{"10.0.0.2:1883", "10.0.0.2:1883", true}, {"18830", "1883", false}, {"10.0.0.3:1883", "10.0.0.2:1883", false},
	} {
		if got := ListenMatches(tc.listen, tc.want); got != tc.ok {
			t.Errorf("ListenMatches(%q, %q) = %v", tc.listen, tc.want, got)
		}
	}
}

// An NLB's idle timeout is its TCP listeners' tcp_idle_timeout_seconds,
// not the load balancer's idle_timeout (an ALB attribute).
func TestTerraformNLBListener(t *testing.T) {
	v, ok, err := TerraformIdle(root, "nlb/main.tf", "nlb", "")
	if err != nil || !ok || v.D != 600*time.Second || v.Src.String() != "nlb/variables.tf:4" {
		t.Errorf("nlb: %+v %v %v, want 10m0s from nlb/variables.tf:4", v, ok, err)
	}
	// The plain listener sets none: the 350 s default.
	if _, ok, err := TerraformIdle(root, "nlb/main.tf", "nlb", "mqtt"); ok || err != nil {
		t.Errorf("listener without the attribute: ok %v err %v, want the default", ok, err)
	}
	if _, _, err := TerraformIdle(root, "nlb/main.tf", "nlb", "amqp"); err == nil || !strings.Contains(err.Error(), `no aws_lb_listener resource named "amqp"`) {
		t.Errorf("missing listener: %v", err)
	}
	if _, _, err := TerraformIdle(root, "nlb_broken/main.tf", "nlb", ""); err == nil || !strings.Contains(err.Error(), "nlb_broken/main.tf:4: tcp_idle_timeout_seconds is an expression connlint cannot resolve") {
		t.Errorf("unresolvable: %v", err)
	}
}

// The JSON view carries the table's columns, protocol included.
func TestJSONView(t *testing.T) {
	ng := fakeStreams{servers: map[string]StreamServer{"8883": mqttStream(45 * time.Second)}}
	chains, errs := Build(parseConfig(t, mqttChainTOML), Inputs{Root: root, Nginx: ng, Heartbeats: codeBeats(30 * time.Second)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	j := JSON(chains)
	if len(j) != 1 || j[0].Protocol != ProtoMQTT || j[0].Heartbeat != "30s" || j[0].Source != "internal/bridge/mqtt.go:12" || len(j[0].Hops) != 2 {
		t.Fatalf("%+v", j)
	}
	h := j[0].Hops[1]
	if h.Kind != "nginx-stream" || h.Protocol != ProtoMQTT || h.IdleTimeout != "45s" || h.Source != "nginx/nginx.conf:22" || !strings.HasPrefix(h.Verdict, "binding: heartbeat ≤ 22.5s") {
		t.Errorf("hop %+v", h)
	}
}

// A keep-alive written as a literal gets the edit to the largest safe
// value in whole seconds; one written in several places gets none.
func TestKeepAliveFix(t *testing.T) {
	build := func(hbs []records.Heartbeat) *Chain {
		ng := fakeStreams{servers: map[string]StreamServer{"8883": mqttStream(45 * time.Second)}}
		chains, errs := Build(parseConfig(t, mqttChainTOML), Inputs{Root: root, Nginx: ng, Heartbeats: hbs})
		if len(errs) > 0 || len(chains) != 1 {
			t.Fatalf("chains %v errs %+v", chains, errs)
		}
		return chains[0]
	}
	hbs := codeBeats(30 * time.Second)
	hbs[1].Interval.Literal = &records.Literal{File: "internal/bridge/mqtt.go", Offset: 210, End: 226, TimeName: "time"}
	fs := build(hbs).Check()
	if len(fs) != 1 || len(fs[0].Fixes) != 1 {
		t.Fatalf("findings %+v, want one with a fix", fs)
	}
	e := fs[0].Fixes[0].Edits[0]
	if e.File != "internal/bridge/mqtt.go" || e.StartOffset != 210 || e.EndOffset != 226 || e.NewText != "22 * time.Second" {
		t.Errorf("edit %+v, want 22 * time.Second (22.5s floored to paho's whole seconds)", e)
	}
	// paho.golang: seconds, and the default pinger waits a keep-alive
	// for PINGRESP: 2 × keep-alive must stay under 45 s → 22.
	hbs[1].Timeout = records.Value{Duration: 30 * time.Second, Known: true}
	hbs[1].Interval.Literal = &records.Literal{File: "cmd/dev/main.go", Offset: 5, End: 7, Seconds: true}
	if fs := build(hbs).Check(); len(fs) == 0 || len(fs[0].Fixes) != 1 || fs[0].Fixes[0].Edits[0].NewText != "22" {
		t.Errorf("seconds fix: %+v", fs)
	}
	// The same keep-alive in two places: no edit.
	dup := append(hbs, hbs[1])
	dup[2].Pos.Line = 40
	if fs := build(dup).Check(); len(fs) == 0 || len(fs[0].Fixes) != 0 {
		t.Errorf("duplicated keep-alive: %+v, want no fix", fs)
	}
}

// Services of type LoadBalancer are found without configuration when their
// annotations name the AWS load balancer; the NLB fronts the assumed MQTT
// chain with its listener idle timeout.
func TestDiscoverServiceNLB(t *testing.T) {
	dir := t.TempDir()
	plain := "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: somecloud\nspec:\n  type: LoadBalancer\n"
	if err := writeFile(dir, "services.yaml", serviceManifests+plain); err != nil {
		t.Fatal(err)
	}
	lbs, err := FindLoadBalancers(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, lb := range lbs {
		got = append(got, lb.String())
	}
	want := "nlb mqtt (services.yaml:1); elb legacy (services.yaml:13)"
	if strings.Join(got, "; ") != want {
		t.Errorf("load balancers %q, want %q (a Service that names no AWS load balancer is passed over)", strings.Join(got, "; "), want)
	}
	a := DiscoverStreams(dir, []StreamServer{mqttStream(10 * time.Minute)}, codeBeats(30*time.Second))
	if len(a.Chains) != 1 || len(a.Chains[0].Hops) != 2 {
		t.Fatalf("chains %+v notes %v", a.Chains, a.Notes)
	}
	if nlb := a.Chains[0].Hops[0]; nlb.Kind != "nlb" || nlb.StreamIdle.D != 2*time.Minute || nlb.StreamIdle.Src.String() != "services.yaml:8" {
		t.Errorf("front hop %+v, want the NLB's 120s listener attribute", nlb)
	}
}

// A load balancer from a remote Terraform module is never fetched: the
// assumed chain says so and starts at nginx. A local module's files are
// read where they are.
func TestRemoteLBModule(t *testing.T) {
	dir := t.TempDir()
	main := `module "nlb" {
  source  = "terraform-aws-modules/alb/aws"
  version = "~> 9.0"
  load_balancer_type = "network"
}

module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}

module "edge" {
  source = "./modules/edge-lb"
}
`
	if err := writeFile(dir, "main.tf", main); err != nil {
		t.Fatal(err)
	}
	a := DiscoverStreams(dir, []StreamServer{mqttStream(10 * time.Minute)}, codeBeats(30*time.Second))
	if len(a.Chains) != 1 || len(a.Chains[0].Hops) != 1 {
		t.Fatalf("chains %+v", a.Chains)
	}
	want := `module "nlb" (main.tf:1) comes from terraform-aws-modules/alb/aws, which connlint does not fetch`
	if len(a.Notes) != 2 || !strings.HasPrefix(a.Notes[0], want) {
		t.Errorf("notes %q, want the remote module first (not vpc, not the local module)", a.Notes)
	}
}
