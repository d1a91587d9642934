package timeoutchain

import (
	"os"
	"path/filepath"
	"testing"
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
		dir := t.TempDir()
		if err := writeFile(dir, "x.tf", body); err != nil {
			t.Fatal(err)
		}
		v, ok, err := TerraformIdle(dir, "x.tf", "alb", "")
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
		dir := t.TempDir()
		if err := writeFile(dir, "x.yaml", body); err != nil {
			t.Fatal(err)
		}
		for _, kind := range []string{"alb", "elb"} {
			if v, ok, err := CloudFormationIdle(dir, "x.yaml", kind, ""); err == nil && ok && v.D < 0 {
				t.Fatalf("negative idle timeout %v", v.D)
			}
		}
		if v, ok, err := AWSJSONIdle(dir, "x.yaml"); err == nil && ok && v.D < 0 {
			t.Fatalf("negative idle timeout %v", v.D)
		}
		for _, kind := range []string{"alb", "ingress-nginx"} {
			if v, ok, err := KubernetesIdle(dir, "x.yaml", kind, ""); err == nil && ok && v.D < 0 {
				t.Fatalf("negative idle timeout %v", v.D)
			}
		}
	})
}
