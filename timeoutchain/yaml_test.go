package timeoutchain

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// TestYAMLAliasesAndMerges: values reached through aliases and merge keys
// are read as YAML means them (the merged or anchored value, at its own
// line), never taken for missing (which would silently apply a default).
func TestYAMLAliasesAndMerges(t *testing.T) {
	for _, tt := range []struct {
		name, doc string
		want      time.Duration
		line      int
		err       string
	}{
		{"merge key", "Common: &common\n  LoadBalancerAttributes:\n    - Key: idle_timeout.timeout_seconds\n      Value: \"300\"\nResources:\n  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      <<: *common\n", 300 * time.Second, 4, ""},
		{"own key wins over merged", "Common: &common\n  LoadBalancerAttributes:\n    - Key: idle_timeout.timeout_seconds\n      Value: \"300\"\nResources:\n  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      <<: *common\n      LoadBalancerAttributes:\n        - Key: idle_timeout.timeout_seconds\n          Value: \"120\"\n", 120 * time.Second, 12, ""},
		{"merged list of mappings", "A: &a\n  Foo: 1\nB: &b\n  LoadBalancerAttributes:\n    - Key: idle_timeout.timeout_seconds\n      Value: \"90\"\nResources:\n  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      <<: [*a, *b]\n", 90 * time.Second, 6, ""},
		{"aliased value", "Idle: &idle \"200\"\nResources:\n  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      LoadBalancerAttributes:\n        - Key: idle_timeout.timeout_seconds\n          Value: *idle\n", 200 * time.Second, 1, ""},
		{"merged unresolvable value", "Common: &common\n  LoadBalancerAttributes:\n    - Key: idle_timeout.timeout_seconds\n      Value: !Ref Idle\nResources:\n  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      <<: *common\n", 0, 0, "cfn.yaml:4: idle_timeout.timeout_seconds is !Ref Idle"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v, ok, err := cloudFormationIdle([]byte(tt.doc), "cfn.yaml", "alb", "")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v; want %q", err, tt.err)
				}
				return
			}
			if err != nil || !ok || v.D != tt.want || v.Src.Line != tt.line {
				t.Fatalf("got %v at line %d (ok %v, err %v); want %v at line %d", v.D, v.Src.Line, ok, err, tt.want, tt.line)
			}
		})
	}
}

// TestYAMLErrorLine: a syntax error is "file:line: message".
func TestYAMLErrorLine(t *testing.T) {
	_, err := yamlDocs([]byte("a: [1,\nb: 2\n"), "k8s.yaml")
	if err == nil || !strings.HasPrefix(err.Error(), "k8s.yaml:") || strings.Contains(err.Error(), "yaml: line") {
		t.Fatalf("err = %v; want k8s.yaml:N: …", err)
	}
}

// TestTerraformModuleNotFetched: a load balancer that can only come from a
// module is reported at the module, which is never fetched.
func TestTerraformModuleNotFetched(t *testing.T) {
	tf := "module \"edge\" {\n  source  = \"terraform-aws-modules/alb/aws\"\n  version = \"9.0.0\"\n}\n"
	_, _, err := terraformIdle(".", "main.tf", []byte(tf), []string{"aws_lb"}, "", "idle_timeout", time.Second)
	if err == nil || !strings.Contains(err.Error(), `main.tf:1: declares no aws_lb resource; module "edge" (source "terraform-aws-modules/alb/aws")`) {
		t.Fatalf("err = %v; want the module named", err)
	}
	block := "resource \"aws_lb\" \"web\" {\n  idle_timeout {\n  }\n}\n"
	if _, _, err := terraformIdle(".", "lb.tf", []byte(block), []string{"aws_lb"}, "", "idle_timeout", time.Second); err == nil || !strings.Contains(err.Error(), "lb.tf:2: idle_timeout is written as a block") {
		t.Fatalf("err = %v; want the block refused", err)
	}
}

// TestYAMLMergeBomb: merges that refer to themselves or repeat an anchor
// are looked through once each, not exponentially often.
func TestYAMLMergeBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("m0: &m0 {x: 1}\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "m%d: &m%d {<<: [*m%d, *m%d, *m%d]}\n", i, i, i-1, i-1, i-1)
	}
	b.WriteString("Resources: *m40\n")
	done := make(chan error, 1)
	go func() {
		_, _, err := cloudFormationIdle([]byte(b.String()), "cfn.yaml", "alb", "")
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("no error for a template without load balancers")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("merge lookups grow exponentially")
	}
}

// TestParserPanicRecovered injects a panic into the HCL parser: the hop's
// source becomes a chain-source finding naming the file, not a crash.
func TestParserPanicRecovered(t *testing.T) {
	old := parseHCLConfig
	defer func() { parseHCLConfig = old }()
	parseHCLConfig = func([]byte, string, hcl.Pos) (*hcl.File, hcl.Diagnostics) { panic("injected") }
	doc := "[[chain]]\nname = \"ws\"\nheartbeat = \"30s\"\n[[chain.hop]]\nkind = \"alb\"\nterraform = \"infra/alb.tf\"\n"
	_, errs := Build(parseConfig(t, doc), Inputs{Root: root})
	if len(errs) != 1 || errs[0].Rule != "chain-source" || !strings.Contains(errs[0].Message, "infra/alb.tf: parser failure: injected") {
		t.Fatalf("errs = %+v; want one chain-source finding naming infra/alb.tf", errs)
	}
}
