package timeoutchain

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzSourceErrors feeds the same bytes to every hop source reader, for
// every kind each reads: none may panic, hang or return a negative
// timeout, and every error names the file it is about, so that the
// chain-source finding says where to look.
func FuzzSourceErrors(f *testing.F) {
	seed(f, "infra/alb.tf", "cfn/stack.yaml", "cfn/stack.json", "cfn/attributes.json", "k8s/ingress.yaml")
	f.Add("Common: &c\n  LoadBalancerAttributes:\n    - {Key: idle_timeout.timeout_seconds, Value: \"9\"}\nResources:\n  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      <<: *c\n")
	f.Add("kind: Service\nmetadata:\n  name: s\n  annotations: &a\n    service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout: \"60\"\nspec:\n  type: LoadBalancer\n")
	f.Add("a: &a [x, *a]\n")
	f.Add("module \"m\" {\n  source = \"git::https://example.invalid/m.git\"\n}\n")
	f.Add(haproxyCfg)
	f.Add(envoyBootstrap)
	f.Add(traefikStatic)
	f.Add(traefikStaticTOML)
	for _, name := range []string{"haproxy-emqx/docker-compose.yaml", "traefik-ws/compose.yaml", "nginx-mosquitto/docker-compose.yml", "negative/traefik-two-entrypoints/compose.yaml", "broken/yaml/docker-compose.yml"} {
		data, err := os.ReadFile(filepath.Join(composeRoot, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Fuzz(func(t *testing.T, body string) {
		// A hang is a failure too: the fuzzing engine saves the input
		// that brings its worker down.
		watchdog := time.AfterFunc(10*time.Second, func() { panic("hop source readers hang on this input") })
		defer watchdog.Stop()
		data := []byte(body)
		const file = "src/x.yaml"
		check := func(what string, d time.Duration, err error) {
			if err != nil && !strings.Contains(err.Error(), file) {
				t.Fatalf("%s: error %q does not name %s", what, err, file)
			}
			if err == nil && d < 0 {
				t.Fatalf("%s: negative timeout %v", what, d)
			}
		}
		for kind, types := range terraformResourceTypes {
			attr, unit := terraformIdleAttribute(kind)
			v, _, err := terraformIdle(root, file, data, types, "", attr, unit)
			check("terraform "+kind, v.D, err)
		}
		for _, kind := range []string{"alb", "elb"} {
			v, _, err := cloudFormationIdle(data, file, kind, "")
			check("cloudformation "+kind, v.D, err)
		}
		v, _, err := awsJSONIdle(data, file)
		check("aws_json", v.D, err)
		for _, kind := range []string{"alb", "nlb", "elb", "ingress-nginx", "gcp-https-lb"} {
			v, _, err := kubernetesIdle(data, file, kind, "")
			check("kubernetes "+kind, v.D, err)
		}
		v, _, err = haproxyIdle(data, file, "")
		check("haproxy", v.D, err)
		// The compose reader is connlint's own code: a panic is a bug
		// to fix, not a parser failure to report.
		services, err := parseCompose(data, file, "src", root)
		check("compose", 0, err)
		if err != nil && strings.Contains(err.Error(), "parser failure") {
			t.Fatalf("compose: %v", err)
		}
		for _, s := range services {
			for _, p := range s.Ports {
				if p.Target < 0 || p.TargetEnd < p.Target {
					t.Fatalf("compose: port range %d-%d", p.Target, p.TargetEnd)
				}
			}
		}
		for name, read := range map[string]func([]byte, string, string) (proxyTimeouts, error){"envoy": envoyIdle, "traefik": traefikIdle, "traefik-toml": traefikTOMLIdle} {
			pt, err := read(data, file, "")
			d := pt.Stream.D
			if pt.KeepAlive.D < d {
				d = pt.KeepAlive.D
			}
			check(name, d, err)
		}
	})
}
