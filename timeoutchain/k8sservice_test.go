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
