package timeoutchain

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func writeFile(dir, name, body string) error {
	return os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644)
}

func seed(f *testing.F, files ...string) {
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
}

// FuzzTerraform feeds arbitrary HCL to the Terraform reader: it must
// return a value or an error, never panic or hang.
func FuzzTerraform(f *testing.F) {
	seed(f, "infra/alb.tf", "multi/lbs.tf", "infra/variables.tf")
	f.Fuzz(func(t *testing.T, body string) {
		// root is the fixtures directory: var.x lookups read its
		// infra/*.tf, never the fuzzed input.
		v, ok, err := terraformIdle(root, "infra/x.tf", []byte(body), []string{"aws_lb", "aws_alb"}, "", "idle_timeout", time.Second)
		if err == nil && ok && v.D < 0 {
			t.Fatalf("negative idle timeout %v", v.D)
		}
	})
}

// FuzzYAML feeds arbitrary documents to the CloudFormation, AWS JSON and
// Kubernetes readers.
func FuzzYAML(f *testing.F) {
	seed(f, "cfn/stack.yaml", "cfn/stack.json", "cfn/attributes.json", "k8s/ingress.yaml")
	f.Fuzz(func(t *testing.T, body string) {
		data := []byte(body)
		for _, kind := range []string{"alb", "elb"} {
			if v, ok, err := cloudFormationIdle(data, "x.yaml", kind, ""); err == nil && ok && v.D < 0 {
				t.Fatalf("negative idle timeout %v", v.D)
			}
		}
		if v, ok, err := awsJSONIdle(data, "x.json"); err == nil && ok && v.D < 0 {
			t.Fatalf("negative idle timeout %v", v.D)
		}
		for _, kind := range []string{"alb", "ingress-nginx"} {
			if v, ok, err := kubernetesIdle(data, "x.yaml", kind, ""); err == nil && ok && v.D < 0 {
				t.Fatalf("negative idle timeout %v", v.D)
			}
		}
	})
}
