package timeoutchain

import (
	"strings"
	"testing"
	"time"
)

const serviceManifests = `apiVersion: v1
kind: Service
metadata:
  name: mqtt
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-type: external
    service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-8883: tcp.idle_timeout.seconds=600
    service.beta.kubernetes.io/aws-load-balancer-listener-attributes.TCP-1883: "tcp.idle_timeout.seconds=120"
spec:
  type: LoadBalancer
  ports: [{port: 8883}, {port: 1883}]
---
apiVersion: v1
kind: Service
metadata:
  name: legacy
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout: "300"
spec:
  type: LoadBalancer
---
apiVersion: v1
kind: Service
metadata:
  name: internal
spec:
  type: ClusterIP
`

func TestServiceIdle(t *testing.T) {
	cases := []struct {
		kind, resource string
		want           time.Duration
		line           int
		found          bool
	}{
		{"nlb", "mqtt", 2 * time.Minute, 8, true},    // the shorter listener binds
		{"elb", "legacy", 5 * time.Minute, 18, true}, // the in-tree ELB annotation
		{"elb", "mqtt", 0, 0, false},                 // no ELB annotation: the default
		{"nlb", "legacy", 0, 0, false},               // no listener attributes: 350 s default
	}
	for _, tc := range cases {
		v, ok, err := kubernetesIdle([]byte(serviceManifests), "k8s/svc.yaml", tc.kind, tc.resource)
		if err != nil || ok != tc.found || v.D != tc.want || (ok && v.Src.Line != tc.line) {
			t.Errorf("%s %s: %s at %s, ok %v, err %v; want %s at line %d", tc.kind, tc.resource, v.D, v.Src, ok, err, tc.want, tc.line)
		}
	}
	for _, bad := range []struct{ doc, kind, resource, want string }{
		{serviceManifests, "nlb", "", "several Services of type LoadBalancer (mqtt, legacy)"},
		{serviceManifests, "nlb", "internal", "no Service of type LoadBalancer named"},
		{"kind: Service\nmetadata:\n  name: s\n  annotations:\n    " + elbIdleAnnotation + ": soon\nspec: {type: LoadBalancer}\n", "elb", "", "k8s/svc.yaml:5:"},
	} {
		if _, _, err := kubernetesIdle([]byte(bad.doc), "k8s/svc.yaml", bad.kind, bad.resource); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("err = %v, want %q", err, bad.want)
		}
	}
}

// TestCloudHops: a GKE BackendConfig's timeoutSec caps the lifetime of a
// WebSocket behind the GCP load balancer (a chain-heartbeat finding when
// under 10 minutes, whatever the heartbeat); azurerm's
// idle_timeout_in_minutes is in minutes.
func TestCloudHops(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"backend.yaml": "apiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata:\n  name: ws\nspec:\n  timeoutSec: 3600\n",
		"short.yaml":   "apiVersion: cloud.google.com/v1\nkind: BackendConfig\nmetadata:\n  name: ws\nspec:\n  timeoutSec: 120\n",
		"azure.tf":     "resource \"azurerm_lb_rule\" \"mqtt\" {\n  name = \"mqtt\"\n  idle_timeout_in_minutes = 30\n}\n",
	}
	for name, body := range files {
		if err := writeFile(root, name, body); err != nil {
			t.Fatal(err)
		}
	}
	build := func(hop string) *Chain {
		t.Helper()
		chains, errs := Build(parseConfig(t, "[[chain]]\nname = \"c\"\nheartbeat = \"25s\"\n[[chain.hop]]\n"+hop+"\n"), Inputs{Root: root})
		if len(errs) != 0 || len(chains) != 1 {
			t.Fatalf("%s: chains %d, errs %+v", hop, len(chains), errs)
		}
		return chains[0]
	}
	long := build("kind = \"gcp-https-lb\"\nkubernetes = \"backend.yaml\"")
	if lt := long.Hops[0].Lifetime; lt.D != time.Hour || lt.Src.String() != "backend.yaml:6" {
		t.Errorf("gcp lifetime = %s from %s, want 1h0m0s from backend.yaml:6", lt.D, lt.Src)
	}
	if got := rulesOf(long); got != "" {
		t.Errorf("rules = %q with a one-hour backend timeout", got)
	}
	if got := rulesOf(build("kind = \"gcp-https-lb\"\nkubernetes = \"short.yaml\"")); got != "chain-heartbeat" {
		t.Errorf("rules = %q, want chain-heartbeat for a 2-minute WebSocket lifetime", got)
	}
	az := build("kind = \"azure-lb\"\nterraform = \"azure.tf\"")
	if idle := az.Hops[0].StreamIdle; idle.D != 30*time.Minute || idle.Src.String() != "azure.tf:3" {
		t.Errorf("azure idle = %s from %s, want 30m0s from azure.tf:3", idle.D, idle.Src)
	}
}
