package timeoutchain

import (
	"strings"
	"testing"
	"time"
)

const root = "testdata/src"

type parsed struct {
	v   lbValue
	ok  bool
	err error
}

func check(t *testing.T, name string, got parsed, wantSecs int, wantAt string, wantErr string) {
	t.Helper()
	if wantErr != "" {
		if got.err == nil || !strings.Contains(got.err.Error(), wantErr) {
			t.Errorf("%s: err = %v, want one containing %q", name, got.err, wantErr)
		}
		return
	}
	if got.err != nil {
		t.Errorf("%s: unexpected error %v", name, got.err)
		return
	}
	if wantSecs < 0 {
		if got.ok {
			t.Errorf("%s: got %v, want no value (the provider default applies)", name, got.v)
		}
		return
	}
	if !got.ok || got.v.D != time.Duration(wantSecs)*time.Second || got.v.Src.String() != wantAt {
		t.Errorf("%s: got %v at %s (ok %v), want %ds at %s", name, got.v.D, got.v.Src, got.ok, wantSecs, wantAt)
	}
}

func tf(file, kind, res string) parsed {
	v, ok, err := TerraformIdle(root, file, kind, res)
	return parsed{v, ok, err}
}

func TestTerraform(t *testing.T) {
	check(t, "var default", tf("infra/alb.tf", "alb", ""), 45, "infra/variables.tf:3", "")
	check(t, "literal by name", tf("multi/lbs.tf", "alb", "aws_lb.public"), 120, "multi/lbs.tf:2", "")
	check(t, "string number, aws_alb alias, short name", tf("multi/lbs.tf", "alb", "internal"), 30, "multi/lbs.tf:6", "")
	check(t, "no idle_timeout", tf("multi/lbs.tf", "alb", "plain"), -1, "", "")
	check(t, "elb", tf("multi/lbs.tf", "elb", ""), 400, "multi/lbs.tf:21", "")
	check(t, "several", tf("multi/lbs.tf", "alb", ""), 0, "", "several load balancers (aws_lb.public, aws_alb.internal")
	check(t, "function call", tf("multi/lbs.tf", "alb", "computed"), 0, "", "multi/lbs.tf:10: idle_timeout is an expression connlint cannot resolve")
	check(t, "variable without default", tf("multi/lbs.tf", "alb", "nodefault"), 0, "", `variable "no_default" has no default`)
	check(t, "missing resource", tf("multi/lbs.tf", "alb", "nope"), 0, "", `no aws_lb/aws_alb resource named "nope"`)
	check(t, "missing file", tf("infra/missing.tf", "alb", ""), 0, "", "cannot read infra/missing.tf")
	check(t, "wrong kind", tf("infra/alb.tf", "nginx", ""), 0, "", "not \"nginx\"")
}

func TestCloudFormation(t *testing.T) {
	cf := func(file, kind, res string) parsed {
		v, ok, err := CloudFormationIdle(root, file, kind, res)
		return parsed{v, ok, err}
	}
	check(t, "yaml", cf("cfn/stack.yaml", "alb", "DashboardALB"), 75, "cfn/stack.yaml:15", "")
	check(t, "!Ref is not guessed", cf("cfn/stack.yaml", "alb", "RefALB"), 0, "", "cfn/stack.yaml:21: idle_timeout.timeout_seconds is !Ref IdleSeconds")
	check(t, "several", cf("cfn/stack.yaml", "alb", ""), 0, "", "several AWS::ElasticLoadBalancingV2::LoadBalancer resources (DashboardALB, RefALB)")
	check(t, "classic", cf("cfn/stack.yaml", "elb", ""), 90, "cfn/stack.yaml:26", "")
	check(t, "json", cf("cfn/stack.json", "alb", ""), 300, "cfn/stack.json:7", "")
	check(t, "absent resource", cf("cfn/stack.json", "alb", "Other"), 0, "", `no AWS::ElasticLoadBalancingV2::LoadBalancer resource named "Other"`)
	check(t, "not a template", cf("cfn/attributes.json", "alb", ""), 0, "", "has no Resources")
}

func TestAWSJSON(t *testing.T) {
	v, ok, err := AWSJSONIdle(root, "cfn/attributes.json")
	check(t, "describe-load-balancer-attributes", parsed{v, ok, err}, 50, "cfn/attributes.json:9", "")
	v, ok, err = AWSJSONIdle(root, "cfn/stack.json")
	check(t, "not attributes output", parsed{v, ok, err}, 0, "", `no "Attributes" list`)
}

func TestKubernetes(t *testing.T) {
	k := func(kind, res string) parsed {
		v, ok, err := KubernetesIdle(root, "k8s/ingress.yaml", kind, res)
		return parsed{v, ok, err}
	}
	check(t, "alb annotation", k("alb", "dashboard-alb"), 120, "k8s/ingress.yaml:12", "")
	check(t, "ingress-nginx annotation: the read timeout", k("ingress-nginx", "dashboard-nginx"), 3600, "k8s/ingress.yaml:19", "")
	cm := func(kind, res string) parsed {
		v, ok, err := KubernetesIdle(root, "k8s/configmap.yaml", kind, res)
		return parsed{v, ok, err}
	}
	check(t, "Ingress annotation wins over the ConfigMap", cm("ingress-nginx", "api"), 90, "k8s/configmap.yaml:13", "")
	check(t, "the only Ingress", cm("ingress-nginx", ""), 90, "k8s/configmap.yaml:13", "")
	v, ok, err := KubernetesIdle(root, "k8s/controller.yaml", "ingress-nginx", "")
	check(t, "ingress-nginx controller ConfigMap", parsed{v, ok, err}, 300, "k8s/controller.yaml:6", "")
	check(t, "no ConfigMap for alb", cm("alb", "nope"), 0, "", `has no Ingress named "nope"`)
	check(t, "no annotation", k("alb", "dashboard-nginx"), -1, "", "")
	check(t, "several", k("alb", ""), 0, "", "several Ingresses (dashboard-alb, dashboard-nginx)")
}

func TestBrokenInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := writeFile(dir, name, body); err != nil {
			t.Fatal(err)
		}
	}
	write("bad.tf", "resource \"aws_lb\" \"x\" {\n  idle_timeout = \n}\n")
	if _, _, err := TerraformIdle(dir, "bad.tf", "alb", ""); err == nil || !strings.Contains(err.Error(), "bad.tf:2") {
		t.Errorf("broken HCL: err = %v, want bad.tf:2", err)
	}
	write("bad.yaml", "Resources:\n  X: [unclosed\n")
	if _, _, err := CloudFormationIdle(dir, "bad.yaml", "alb", ""); err == nil || !strings.Contains(err.Error(), "bad.yaml") {
		t.Errorf("broken YAML: err = %v", err)
	}
}
