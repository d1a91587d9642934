package cli

import (
	"encoding/json"
	"strings"
	"testing"
)

// streamRepo is an edge with an nginx stream server terminating TLS for
// MQTT in front of the broker, an NLB listener in Terraform, and no Go
// code (the keep-alive is given in connlint.toml).
func streamRepo(proxyTimeout string) map[string]string {
	return map[string]string{
		"main.go": "package fixture\n",
		"deploy/nginx.conf": "events {}\nstream {\n    upstream broker { server 10.0.0.5:1883; }\n    server {\n        listen 8883 ssl;\n" +
			"        ssl_certificate /etc/tls/c.pem;\n        ssl_certificate_key /etc/tls/k.pem;\n        proxy_timeout " + proxyTimeout + ";\n        proxy_pass broker;\n    }\n}\n",
		"infra/nlb.tf": "resource \"aws_lb_listener\" \"mqtts\" {\n  port = 8883\n  protocol = \"TCP\"\n  tcp_idle_timeout_seconds = 600\n}\n",
	}
}

const streamTOML = `[nginx]
files = ["deploy/nginx.conf"]

[[chain]]
name = "devices"
protocol = "mqtt"
heartbeat = "60s"
  [[chain.hop]]
  kind = "nlb"
  terraform = "infra/nlb.tf"
  [[chain.hop]]
  kind = "nginx-stream"
  listen = "8883"
`

func TestChainNginxStream(t *testing.T) {
	// 60 s keep-alive: under half of nginx's 5 min and the NLB's 10 min.
	dir := module(t, withConfig(streamRepo("5m"), streamTOML))
	code, out, errOut := run(t, chainCmd, dir)
	if code != ExitClean || !tableRow(out, "5m0s", "deploy/nginx.conf:8") || !strings.Contains(out, "MQTT/TCP") || !strings.Contains(out, "terminates TLS") {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	// The same keep-alive through a 90 s proxy_timeout: reported at the
	// keep-alive, with the stream directive as the binding hop.
	dir = module(t, withConfig(streamRepo("90s"), streamTOML))
	code, out, _ = run(t, chainCmd, "-format", "json", dir)
	var doc struct {
		Findings []struct {
			Rule, File, Message string
			Line                int
		}
		Chains []struct {
			Protocol string
			Hops     []struct{ Kind, IdleTimeout, Source string } `json:"hops"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != ExitFindings {
		t.Fatalf("exit %d, %v\n%s", code, err, out)
	}
	if len(doc.Findings) != 1 || doc.Findings[0].Rule != "chain-heartbeat" || doc.Findings[0].Line != 7 || !strings.Contains(doc.Findings[0].Message, "MQTT keep-alive 1m0s") {
		t.Errorf("findings %+v", doc.Findings)
	}
	if len(doc.Chains) != 1 || doc.Chains[0].Protocol != "MQTT/TCP" || len(doc.Chains[0].Hops) != 2 || doc.Chains[0].Hops[1].Source != "deploy/nginx.conf:8" {
		t.Errorf("chains %+v", doc.Chains)
	}
}

func TestChainNginxStreamBroken(t *testing.T) {
	for _, tc := range []struct{ name, proxyTimeout, toml, want string }{
		{"no stream server on the port", "5m", strings.Replace(streamTOML, `listen = "8883"`, `listen = "1883"`, 1), `connlint.toml:13:3: hop "nginx-stream 1883": no stream server of [nginx].files listens on "1883"`},
		{"listen on an nginx location hop", "5m", strings.Replace(streamTOML, `"nginx-stream"`, `"nginx"`, 1), "connlint.toml:13:3: listen selects a stream server for hops of kind nginx-stream"},
		{"unknown protocol", "5m", strings.Replace(streamTOML, `"mqtt"`, `"amqp"`, 1), `connlint.toml:6:1: unknown protocol "amqp"`},
		{"unparsable NLB listener", "5m", strings.Replace(streamTOML, `infra/nlb.tf`, `infra/bad.tf`, 1), "infra/bad.tf:2: tcp_idle_timeout_seconds is an expression connlint cannot resolve"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := withConfig(streamRepo(tc.proxyTimeout), tc.toml)
			files["infra/bad.tf"] = "resource \"aws_lb_listener\" \"x\" {\n  tcp_idle_timeout_seconds = local.idle\n}\n"
			code, out, errOut := run(t, chainCmd, module(t, files))
			if code != ExitError || !strings.Contains(out, tc.want) || !strings.Contains(out, "[chain-source]") {
				t.Errorf("exit %d, want 2 and %q:\n%s%s", code, tc.want, out, errOut)
			}
		})
	}
}
