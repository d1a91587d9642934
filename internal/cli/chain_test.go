package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func chainCmd(args []string, o, e *bytes.Buffer) int { return Chain(args, o, e) }

// infra is a repository with one source of every kind connlint reads.
func infra() map[string]string {
	return map[string]string{
		"infra/alb.tf":       "resource \"aws_lb\" \"ws\" {\n  idle_timeout = var.idle\n}\n",
		"infra/variables.tf": "variable \"idle\" {\n  default = 40\n}\n",
		"infra/stack.yaml":   "Resources:\n  Lb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      LoadBalancerAttributes:\n        - Key: idle_timeout.timeout_seconds\n          Value: \"120\"\n",
		"infra/attrs.json":   "{\"Attributes\": [{\"Key\": \"idle_timeout.timeout_seconds\", \"Value\": \"90\"}]}\n",
		"k8s/ingress.yaml":   "kind: Ingress\nmetadata:\n  name: ws\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-read-timeout: \"50\"\n",
	}
}

func withConfig(files map[string]string, toml string) map[string]string {
	files["connlint.toml"] = toml
	return files
}

func TestChainEveryInfraSource(t *testing.T) {
	cases := []struct {
		name, hop string
		value     string // the binding value in the table
		source    string // and its source, on the same line
		exit      int
	}{
		{"terraform", "kind = \"alb\"\nterraform = \"infra/alb.tf\"", "40s", "infra/variables.tf:2", ExitFindings},
		{"cloudformation", "kind = \"alb\"\ncloudformation = \"infra/stack.yaml\"", "2m0s", "infra/stack.yaml:7", ExitClean},
		{"aws json", "kind = \"alb\"\naws_json = \"infra/attrs.json\"", "1m30s", "infra/attrs.json:1", ExitClean},
		{"kubernetes, exactly half", "kind = \"ingress-nginx\"\nkubernetes = \"k8s/ingress.yaml\"", "50s", "k8s/ingress.yaml:5", ExitClean},
		{"toml value", "kind = \"cloudflare\"\nidle_timeout = \"100s\"", "1m40s", "connlint.toml:6", ExitClean},
		{"default", "kind = \"heroku\"", "55s", "default for heroku", ExitClean},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := module(t, withConfig(infra(), "[[chain]]\nname = \"ws\"\nheartbeat = \"25s\"\n[[chain.hop]]\n"+tc.hop+"\n"))
			code, out, errOut := run(t, chainCmd, dir)
			if code != tc.exit {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.exit, out, errOut)
			}
			if !tableRow(out, tc.value, tc.source) {
				t.Errorf("table has no row with %q and %q:\n%s", tc.value, tc.source, out)
			}
			if tc.exit == ExitFindings && !strings.Contains(out, "[chain-heartbeat]") {
				t.Errorf("no chain-heartbeat finding:\n%s", out)
			}
		})
	}
}

func TestChainSourceErrors(t *testing.T) {
	cases := []struct {
		name, toml, want string
	}{
		{"missing terraform", "[[chain]]\nheartbeat = \"25s\"\n[[chain.hop]]\nkind = \"alb\"\nterraform = \"infra/nope.tf\"\n", "connlint.toml:5:1: cannot read infra/nope.tf"},
		{"unresolvable !Ref", "[[chain]]\nheartbeat = \"25s\"\n[[chain.hop]]\nkind = \"alb\"\ncloudformation = \"infra/ref.yaml\"\n", "infra/ref.yaml:5: idle_timeout.timeout_seconds is !Ref"},
		{"missing kubernetes", "[[chain]]\nheartbeat = \"25s\"\n[[chain.hop]]\nkind = \"alb\"\nkubernetes = \"k8s/none.yaml\"\n", "cannot read k8s/none.yaml"},
		{"unknown kind", "[[chain]]\nheartbeat = \"25s\"\n[[chain.hop]]\nkind = \"f5\"\n", `connlint.toml:4:1: unknown hop kind "f5"`},
		{"no heartbeat in code", "[[chain]]\nname = \"x\"\n[[chain.hop]]\nkind = \"alb\"\n", `chain "x" gives no heartbeat and none with a known interval was found in the code`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := withConfig(infra(), tc.toml)
			files["infra/ref.yaml"] = "Resources:\n  Lb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      LoadBalancerAttributes: [{Key: idle_timeout.timeout_seconds, Value: !Ref Idle}]\n"
			files["main.go"] = "package fixture\n"
			dir := module(t, files)
			code, out, errOut := run(t, chainCmd, dir)
			if code != ExitError {
				t.Fatalf("exit %d, want 2\n%s%s", code, out, errOut)
			}
			if !strings.Contains(out, tc.want) || !strings.Contains(out, "[chain-source]") {
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
		})
	}
}

func TestChainJSONAndCheck(t *testing.T) {
	toml := "[[chain]]\nname = \"ws\"\nheartbeat = \"45s\"\npong_timeout = \"10s\"\n[[chain.hop]]\nkind = \"alb\"\n"
	dir := module(t, withConfig(map[string]string{"main.go": "package fixture\n"}, toml))
	code, out, _ := run(t, chainCmd, "-format", "json", dir)
	var doc struct {
		Findings []struct {
			Rule, File string
			Line       int
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != ExitFindings {
		t.Fatalf("exit %d, %v\n%s", code, err, out)
	}
	if len(doc.Findings) != 1 || doc.Findings[0].Rule != "chain-heartbeat" || doc.Findings[0].File != "connlint.toml" || doc.Findings[0].Line != 3 {
		t.Errorf("findings %+v, want chain-heartbeat at connlint.toml:3", doc.Findings)
	}
	// check runs the chains too, in the same report as the Go findings.
	code, out, errOut := run(t, check, dir)
	if code != ExitFindings || !strings.Contains(out, "connlint.toml:3:1: chain \"ws\": heartbeat every 45s") {
		t.Errorf("check: exit %d\n%s%s", code, out, errOut)
	}
}

func TestChainWithoutChains(t *testing.T) {
	dir := module(t, map[string]string{"main.go": "package fixture\n"})
	code, _, errOut := run(t, chainCmd, dir)
	if code != ExitError || !strings.Contains(errOut, "declares no [[chain]]") {
		t.Errorf("exit %d, %s", code, errOut)
	}
}

// tableRow reports whether a line of the table holds both fields, in
// order.
func tableRow(out, value, source string) bool {
	for _, line := range strings.Split(out, "\n") {
		fields := strings.Fields(line)
		for i, f := range fields {
			if f == value && strings.Contains(strings.Join(fields[i+1:], " "), source) {
				return true
			}
		}
	}
	return false
}

// TestCheckAssumesChain: with no [[chain]], check assumes the chain of
// each WebSocket location — the repository's load balancer, the location,
// the code's heartbeat — and says so.
func TestCheckAssumesChain(t *testing.T) {
	gomod, gosum := read(t, "../../testdata/demo", "go.mod"), read(t, "../../testdata/demo", "go.sum")
	hub := `package hub

import (
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

const (
	pongWait   = 50 * time.Second
	pingPeriod = (pongWait * 9) / 10
)

var upgrader websocket.Upgrader

func Serve(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	go ping(conn)
	conn.SetReadDeadline(time.Now().Add(pongWait))
	conn.SetPongHandler(func(string) error { return conn.SetReadDeadline(time.Now().Add(pongWait)) })
	for {
		if _, _, err := conn.ReadMessage(); err != nil {
			return
		}
	}
}

func ping(conn *websocket.Conn) {
	ticker := time.NewTicker(pingPeriod)
	defer ticker.Stop()
	for range ticker.C {
		if err := conn.WriteControl(websocket.PingMessage, nil, time.Now().Add(time.Second)); err != nil {
			return
		}
	}
}
`
	ngx := "events {}\nhttp {\n    server {\n        listen 80;\n        location /ws {\n            proxy_http_version 1.1;\n            proxy_set_header Upgrade $http_upgrade;\n            proxy_set_header Connection \"upgrade\";\n            proxy_pass http://127.0.0.1:8080;\n        }\n    }\n}\n"
	dir := module(t, map[string]string{
		"go.mod":            gomod,
		"go.sum":            gosum,
		"hub/hub.go":        hub,
		"deploy/nginx.conf": ngx,
		"infra/lb.tf":       "resource \"aws_lb\" \"ws\" {\n  idle_timeout = 60\n}\n",
	})
	code, out, errOut := run(t, check, dir)
	if code != ExitFindings {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, `assumed chain "assumed: nginx location /ws": alb (infra/lb.tf:1) → nginx location /ws (deploy/nginx.conf:5); heartbeat 45s (hub/hub.go:33)`) {
		t.Errorf("stderr does not say which chain was assumed:\n%s", errOut)
	}
	if !strings.Contains(out, "hub/hub.go:33:12: chain \"assumed: nginx location /ws\": heartbeat every 45s is above half") {
		t.Errorf("no chain-heartbeat finding on the assumed chain:\n%s", out)
	}
}
