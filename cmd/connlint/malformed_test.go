//go:build linux

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A linter runs on pull requests from strangers: whatever the input, it
// must end quickly, in bounded memory, with exit 2 and a one-line message
// naming the file and line it could not judge — never a hang, a stack
// trace or "no findings".

const (
	malformedTimeout = 20 * time.Second
	malformedMaxRSS  = 1 << 30 // bytes
)

// malformedCase is one broken input and the command that reads it.
type malformedCase struct {
	name  string
	files map[string]string // written into a fresh directory
	// setup prepares what files cannot say: FIFOs, symlinks, modes.
	setup func(t *testing.T, dir string)
	args  []string // the connlint command, run in the directory
	env   []string // added to the environment
	// at is a regexp of the message line: its file:line and its gist.
	at string
	// asNobody runs connlint as an unprivileged user when the test runs
	// as root (a permission denied root would not see).
	asNobody bool
}

// Common fixtures of the chain cases.
const (
	chainTOML = "[[chain]]\nname = \"ws\"\nheartbeat = \"30s\"\n  [[chain.hop]]\n  kind = \"%s\"\n  %s = \"%s\"\n"
	hclALB    = "resource \"aws_lb\" \"web\" {\n  name = \"web\"\n  idle_timeout = 120\n}\n"
)

// hop is a connlint.toml with one chain of one hop reading file.
func hop(kind, field, file string) string { return fmt.Sprintf(chainTOML, kind, field, file) }

// laughs is a YAML "billion laughs" document: nine levels of aliases, each
// nine times the one below, which a decoder that expands aliases turns
// into 9^9 strings.
func laughs() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n")
	for i := 1; i <= 9; i++ {
		p := fmt.Sprintf("*a%d", i-1)
		fmt.Fprintf(&b, "a%d: &a%d [%s]\n", i, i, strings.Repeat(p+",", 8)+p)
	}
	return b.String()
}

func binaryGarbage() string {
	r := rand.New(rand.NewPCG(16, 16)) // fixed: the same bytes on every run
	b := make([]byte, 4096)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	return "events {}\n" + string(b)
}

var malformedCases = []malformedCase{
	// nginx: syntax.
	{name: "nginx stray closing brace", files: map[string]string{"nginx.conf": "events {}\nhttp {\n}\n}\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:4:1: unexpected "}"`},
	{name: "nginx stray opening brace", files: map[string]string{"nginx.conf": "events {}\n{\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:2:1: unexpected "{"`},
	{name: "nginx block never closed", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  server {\n    listen 80;\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:5:\d+: unexpected end of file, expecting "}"`},
	{name: "nginx unterminated quote", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  add_header X-A \"open;\n}\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:\d+:\d+: unexpected end of file`},
	{name: "nginx missing semicolon at the end", files: map[string]string{"nginx.conf": "events {}\nworker_processes 1\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: unexpected end of file, expecting ";"`},
	{name: "nginx location at the main level", files: map[string]string{"nginx.conf": "events {}\nlocation / {\n}\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:2:\d+: "location" directive is not allowed here`},
	{name: "nginx CRLF line ends keep their line numbers", files: map[string]string{"nginx.conf": "events {}\r\nhttp {\r\n  server {\r\n  }\r\n}\r\n}\r\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:6:1: unexpected "}"`},
	{name: "nginx NUL byte", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  keepalive_timeout 65s;\x00\n}\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: .*NUL byte`},
	{name: "nginx invalid UTF-8 in a directive name", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  keepalive\xff\xfe_timeout 65s;\n}\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: unknown directive`},
	{name: "nginx binary garbage", files: map[string]string{"nginx.conf": binaryGarbage()},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:\d+:\d+: `},

	// nginx: includes and files.
	{name: "nginx missing include", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  include conf.d/missing.conf;\n}\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: include "conf\.d/missing\.conf": .*missing`},
	{name: "nginx include cycle", files: map[string]string{
		"nginx.conf": "events {}\nhttp {\n  include a.conf;\n}\n",
		"a.conf":     "include b.conf;\n",
		"b.conf":     "keepalive_timeout 65s;\ninclude a.conf;\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^b\.conf:2:\d+: include "a\.conf": .*include cycle`},
	{name: "nginx include of a URL is not fetched", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  include http://127.0.0.1:9/x.conf;\n}\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: include "http://127\.0\.0\.1:9/x\.conf": a URL: .*never fetches`},
	{name: "nginx include outside the repository", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  include ../../../../etc/shadow;\n}\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: include "\.\./\.\./\.\./\.\./etc/shadow": unresolvable`},
	{name: "nginx include of /dev/zero", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  include zero.conf;\n}\n"},
		setup: func(t *testing.T, dir string) { mustSymlink(t, "/dev/zero", filepath.Join(dir, "zero.conf")) },
		args:  []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: include "zero\.conf": zero\.conf is a device`},
	{name: "nginx entry file /dev/zero", args: []string{"nginx", "/dev/zero"}, at: `dev/zero:1:1: .*is a device`},
	{name: "nginx include of a FIFO", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  include pipe.conf;\n}\n"},
		setup: func(t *testing.T, dir string) { mustMkfifo(t, filepath.Join(dir, "pipe.conf")) },
		args:  []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: include "pipe\.conf": pipe\.conf is a FIFO`},
	{name: "nginx entry file is a FIFO",
		setup: func(t *testing.T, dir string) { mustMkfifo(t, filepath.Join(dir, "nginx.conf")) },
		args:  []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:1:1: nginx\.conf is a FIFO`},
	{name: "nginx symlink loop", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  include loop.conf;\n}\n"},
		setup: func(t *testing.T, dir string) {
			mustSymlink(t, "loop2.conf", filepath.Join(dir, "loop.conf"))
			mustSymlink(t, "loop.conf", filepath.Join(dir, "loop2.conf"))
		},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: include "loop\.conf": loop\.conf is a symlink loop`},
	{name: "nginx symlink out of the repository", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  include passwd.conf;\n}\n"},
		setup: func(t *testing.T, dir string) { mustSymlink(t, "/etc/passwd", filepath.Join(dir, "passwd.conf")) },
		args:  []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: include "passwd\.conf": passwd\.conf is a symlink to a file outside the repository`},
	{name: "nginx directory where a file is expected", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  include sites;\n}\n", "sites/a.conf": "server {}\n"},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: include "sites": sites is a directory`},
	{name: "nginx permission denied", files: map[string]string{"nginx.conf": "events {}\nhttp {\n  include secret.conf;\n}\n", "secret.conf": "keepalive_timeout 65s;\n"},
		setup: func(t *testing.T, dir string) {
			if err := os.Chmod(filepath.Join(dir, "secret.conf"), 0); err != nil {
				t.Fatal(err)
			}
		},
		asNobody: true,
		args:     []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: cannot read secret\.conf: .*permission denied`},
	{name: "nginx 50 MB file over the size limit",
		setup: func(t *testing.T, dir string) {
			writeLarge(t, filepath.Join(dir, "big.conf"), 50<<20, "proxy_set_header X-Padding padding-padding-padding;\n")
			mustWrite(t, filepath.Join(dir, "nginx.conf"), "events {}\nhttp {\n  include big.conf;\n}\n")
		},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: cannot read big\.conf: is 50 MiB, over the 16 MiB limit`},
	{name: "nginx many files, each under the limit, over the total",
		setup: func(t *testing.T, dir string) {
			// Five files of 900 KiB under a 1 MiB limit: more than the
			// four times the limit a run reads in all.
			mustWrite(t, filepath.Join(dir, "connlint.toml"), "[nginx]\nmax_file_size = \"1m\"\n")
			for i := 0; i < 5; i++ {
				writeLarge(t, filepath.Join(dir, fmt.Sprintf("sites/s%d.conf", i)), 900<<10, "proxy_set_header X-Padding padding-padding-padding;\n")
			}
			mustWrite(t, filepath.Join(dir, "nginx.conf"), "events {}\nhttp {\n  include sites/*.conf;\n}\n")
		},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:3:\d+: cannot read sites/s\d\.conf: the files read exceed 4 MiB in all`},
	{name: "nginx 10,000-deep nesting", files: map[string]string{"nginx.conf": "events {}\n" + strings.Repeat("http {\n", 10000) + strings.Repeat("}\n", 10000)},
		args: []string{"nginx", "nginx.conf"}, at: `^nginx\.conf:202:\d+: blocks are nested deeper than 200 levels`},
	{name: "nginx includes that multiply", setup: func(t *testing.T, dir string) {
		mustWrite(t, filepath.Join(dir, "nginx.conf"), "events {}\nhttp {\n  include l0.conf;\n}\n")
		for i := 0; i < 40; i++ {
			mustWrite(t, filepath.Join(dir, fmt.Sprintf("l%d.conf", i)), fmt.Sprintf("include l%d.conf;\ninclude l%d.conf;\n", i+1, i+1))
		}
		mustWrite(t, filepath.Join(dir, "l40.conf"), "keepalive_timeout 65s;\n")
	}, args: []string{"nginx", "nginx.conf"}, at: `^l\d+\.conf:\d+:\d+: include "l\d+\.conf": with its includes the configuration grows past`},

	// connlint.toml.
	{name: "toml syntax error", files: map[string]string{"connlint.toml": "[code]\npatterns = [\"./...\"\n"},
		args: []string{"check", "."}, at: `connlint\.toml:\d+: `},
	{name: "toml unknown key", files: map[string]string{"connlint.toml": "[code]\n\npaterns = []\n"},
		args: []string{"check", "."}, at: `connlint\.toml:3: unknown key "code\.paterns"`},
	{name: "toml wrong type", files: map[string]string{"connlint.toml": "[nginx]\nmin_keepalive_requests = \"many\"\n"},
		args: []string{"check", "."}, at: `connlint\.toml:2: `},
	{name: "toml bad duration", files: map[string]string{"connlint.toml": "[code]\npoll_min_interval = \"5 parsecs\"\n"},
		args: []string{"check", "."}, at: `connlint\.toml:2: .*invalid duration`},
	{name: "toml bad size", files: map[string]string{"connlint.toml": "[nginx]\nmax_body_size = \"1 zettabyte\"\n"},
		args: []string{"check", "."}, at: `connlint\.toml:2: `},
	{name: "toml zero size limit", files: map[string]string{"connlint.toml": "[nginx]\nmax_file_size = \"0\"\n"},
		args: []string{"check", "."}, at: `connlint\.toml:2: nginx\.max_file_size must be greater than zero`},
	{name: "toml zero heartbeat", files: map[string]string{"connlint.toml": "[[chain]]\nname = \"ws\"\nheartbeat = \"0s\"\n[[chain.hop]]\nkind = \"alb\"\n"},
		args: []string{"chain", "."}, at: `connlint\.toml:3: chain\.heartbeat must be greater than zero`},
	{name: "toml empty chain", files: map[string]string{"connlint.toml": "[code]\npatterns = []\n\n[[chain]]\n"},
		args: []string{"check", "."}, at: `connlint\.toml:4: `},
	{name: "toml chain with an empty name", files: map[string]string{"connlint.toml": "[[chain]]\nname = \"\"\nheartbeat = \"30s\"\n[[chain.hop]]\nkind = \"alb\"\n"},
		args: []string{"chain", "."}, at: `connlint\.toml:2: chain 1 has an empty name`},
	{name: "toml two chains with one name", files: map[string]string{"connlint.toml": "[[chain]]\nname = \"ws\"\n[[chain.hop]]\nkind = \"alb\"\n[[chain]]\nname = \"ws\"\n[[chain.hop]]\nkind = \"alb\"\n"},
		args: []string{"chain", "."}, at: `connlint\.toml:6: chain "ws" is declared twice`},
	{name: "toml empty pattern", files: map[string]string{"connlint.toml": "[code]\npatterns = [\"\"]\n"},
		args: []string{"check", "."}, at: `connlint\.toml:2: code\.patterns\[0\] is empty`},
	{name: "toml unknown hop kind", files: map[string]string{"connlint.toml": "[[chain]]\nname = \"ws\"\nheartbeat = \"30s\"\n[[chain.hop]]\nkind = \"f5\"\n"},
		args: []string{"chain", "."}, at: `connlint\.toml:5:\d+: unknown hop kind "f5"`},
	{name: "toml nginx file outside the repository", files: map[string]string{"connlint.toml": "[nginx]\nfiles = [\"../../../../etc/nginx/nginx.conf\"]\n"},
		args: []string{"check", "."}, at: `connlint\.toml:2: nginx\.files\[0\] .* is outside`},
	{name: "toml is a FIFO",
		setup: func(t *testing.T, dir string) { mustMkfifo(t, filepath.Join(dir, "connlint.toml")) },
		args:  []string{"check", "."}, at: `connlint\.toml: cannot read configuration: is a FIFO`},

	// Terraform.
	{name: "terraform syntax error", files: map[string]string{"connlint.toml": hop("alb", "terraform", "infra/alb.tf"), "infra/alb.tf": "resource \"aws_lb\" \"web\" {\n  idle_timeout = \n}\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: infra/alb\.tf:\d+: `},
	{name: "terraform wrong shape", files: map[string]string{"connlint.toml": hop("alb", "terraform", "infra/alb.tf"), "infra/alb.tf": "resource \"aws_lb\" \"web\" {\n  idle_timeout {\n    seconds = 60\n  }\n}\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: infra/alb\.tf`},
	{name: "terraform unresolved reference", files: map[string]string{"connlint.toml": hop("alb", "terraform", "infra/alb.tf"), "infra/alb.tf": "resource \"aws_lb\" \"web\" {\n  idle_timeout = local.idle\n}\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: infra/alb\.tf:2: idle_timeout is an expression connlint cannot resolve`},
	{name: "terraform variable without default", files: map[string]string{"connlint.toml": hop("alb", "terraform", "infra/alb.tf"), "infra/alb.tf": "variable \"idle\" {}\nresource \"aws_lb\" \"web\" {\n  idle_timeout = var.idle\n}\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: infra/alb\.tf:3: idle_timeout = var\.idle: variable "idle" has no default`},
	{name: "terraform remote module is not fetched", files: map[string]string{"connlint.toml": hop("alb", "terraform", "infra/main.tf"), "infra/main.tf": "module \"lb\" {\n  source = \"git::https://127.0.0.1:9/modules/alb.git?ref=v1\"\n}\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: infra/main\.tf:1: .*module "lb".*not fetched`},
	{name: "terraform source is a FIFO", files: map[string]string{"connlint.toml": hop("alb", "terraform", "infra/alb.tf")},
		setup: func(t *testing.T, dir string) { mustMkfifo(t, filepath.Join(dir, "infra/alb.tf")) },
		args:  []string{"chain", "."}, at: `^connlint\.toml:6:\d+: cannot read infra/alb\.tf: is a FIFO`},
	{name: "terraform source outside the repository", files: map[string]string{"connlint.toml": hop("alb", "terraform", "../../../../etc/passwd")},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: cannot read \.\./\.\./\.\./\.\./etc/passwd: it is outside the repository`},
	{name: "terraform binary garbage", files: map[string]string{"connlint.toml": hop("alb", "terraform", "infra/alb.tf"), "infra/alb.tf": binaryGarbage()},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: infra/alb\.tf:\d+: `},

	// CloudFormation.
	{name: "cloudformation YAML syntax error", files: map[string]string{"connlint.toml": hop("alb", "cloudformation", "cfn.yaml"), "cfn.yaml": "Resources:\n  LB:\n    Type: [unclosed\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: cfn\.yaml:\d+: `},
	{name: "cloudformation JSON syntax error", files: map[string]string{"connlint.toml": hop("alb", "cloudformation", "cfn.json"), "cfn.json": "{\"Resources\": {\"LB\": {\"Type\": \"AWS::ElasticLoadBalancingV2::LoadBalancer\",\n}\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: cfn\.json:\d+: `},
	{name: "cloudformation wrong shape", files: map[string]string{"connlint.toml": hop("alb", "cloudformation", "cfn.yaml"), "cfn.yaml": "Resources:\n  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      LoadBalancerAttributes:\n        idle_timeout.timeout_seconds: 120\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: cfn\.yaml:6: LoadBalancerAttributes is not a list`},
	{name: "cloudformation unresolved reference", files: map[string]string{"connlint.toml": hop("alb", "cloudformation", "cfn.yaml"), "cfn.yaml": "Resources:\n  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      LoadBalancerAttributes:\n        - Key: idle_timeout.timeout_seconds\n          Value: !Ref IdleTimeout\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: cfn\.yaml:7: idle_timeout\.timeout_seconds is !Ref IdleTimeout`},
	{name: "cloudformation merge key hiding an unresolved value", files: map[string]string{"connlint.toml": hop("alb", "cloudformation", "cfn.yaml"), "cfn.yaml": "Common: &common\n  LoadBalancerAttributes:\n    - Key: idle_timeout.timeout_seconds\n      Value: !Ref IdleTimeout\nResources:\n  LB:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      <<: *common\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: cfn\.yaml:4: idle_timeout\.timeout_seconds is !Ref IdleTimeout`},
	{name: "cloudformation billion laughs", files: map[string]string{"connlint.toml": hop("alb", "cloudformation", "cfn.yaml"), "cfn.yaml": laughs() + "Resources: *a9\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: cfn\.yaml`},

	// Kubernetes.
	{name: "kubernetes YAML syntax error", files: map[string]string{"connlint.toml": hop("alb", "kubernetes", "k8s.yaml"), "k8s.yaml": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n   annotations: {}\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: k8s\.yaml:\d+: `},
	{name: "kubernetes wrong shape", files: map[string]string{"connlint.toml": hop("alb", "kubernetes", "k8s.yaml"), "k8s.yaml": "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n    alb.ingress.kubernetes.io/load-balancer-attributes:\n      - idle_timeout.timeout_seconds=120\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: k8s\.yaml:\d+: `},
	{name: "kubernetes several Ingresses", files: map[string]string{"connlint.toml": hop("alb", "kubernetes", "k8s.yaml"), "k8s.yaml": "kind: Ingress\nmetadata:\n  name: a\n---\nkind: Ingress\nmetadata:\n  name: b\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: k8s\.yaml has several Ingresses`},
	{name: "kubernetes anchor to an unresolved value", files: map[string]string{"connlint.toml": hop("ingress-nginx", "kubernetes", "k8s.yaml"), "k8s.yaml": "kind: Ingress\nmetadata:\n  name: web\n  annotations:\n    nginx.ingress.kubernetes.io/proxy-read-timeout: &t \"${READ_TIMEOUT}\"\n    other: *t\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: k8s\.yaml:5: nginx\.ingress\.kubernetes\.io/proxy-read-timeout "\$\{READ_TIMEOUT\}" is not a whole number`},
	{name: "kubernetes billion laughs", files: map[string]string{"connlint.toml": hop("alb", "kubernetes", "k8s.yaml"), "k8s.yaml": laughs() + "kind: Ingress\nmetadata:\n  name: web\n  annotations: *a9\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: k8s\.yaml:\d+: `},

	// AWS CLI JSON.
	{name: "aws json syntax error", files: map[string]string{"connlint.toml": hop("alb", "aws_json", "attrs.json"), "attrs.json": "{\"Attributes\": [\n  {\"Key\": \"idle_timeout.timeout_seconds\", \"Value\": \"120\"\n]}\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: attrs\.json:\d+: `},
	{name: "aws json wrong shape", files: map[string]string{"connlint.toml": hop("alb", "aws_json", "attrs.json"), "attrs.json": "{\"Attributes\": {\"idle_timeout.timeout_seconds\": \"120\"}}\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: attrs\.json:1: no "Attributes" list`},
	{name: "aws json value not a number", files: map[string]string{"connlint.toml": hop("alb", "aws_json", "attrs.json"), "attrs.json": "{\"Attributes\": [\n  {\"Key\": \"idle_timeout.timeout_seconds\", \"Value\": \"two minutes\"}\n]}\n"},
		args: []string{"chain", "."}, at: `^connlint\.toml:6:\d+: attrs\.json:2: idle_timeout\.timeout_seconds "two minutes" is not a whole number`},

	// Go.
	{name: "go package that does not type-check", files: map[string]string{
		"go.mod":  "module example.com/broken\n\ngo 1.22\n",
		"main.go": "package main\n\nfunc main() {\n\tvar n int = \"not a number\"\n\t_ = n\n}\n"},
		args: []string{"check", "."}, at: `main\.go:4:\d+: `},
	{name: "go.mod is a FIFO", files: map[string]string{"main.go": "package main\n\nfunc main() {}\n"},
		setup: func(t *testing.T, dir string) { mustMkfifo(t, filepath.Join(dir, "go.mod")) },
		args:  []string{"check", "."}, at: `go\.mod: cannot read: is a FIFO`},
	{name: "go cgo package without a C compiler", files: map[string]string{
		"go.mod":  "module example.com/cgo\n\ngo 1.22\n",
		"main.go": "package main\n\n// int answer(void) { return 42; }\nimport \"C\"\n\nfunc main() { _ = C.answer() }\n"},
		env:  []string{"CGO_ENABLED=1", "CC=/nonexistent/bin/cc"},
		args: []string{"check", "."}, at: `main\.go:4:\d+: could not import C.*cgo: C compiler "/nonexistent/bin/cc" not found`},
}

func TestMalformedInput(t *testing.T) {
	t.Parallel()
	if len(malformedCases) < 40 {
		t.Fatalf("%d cases; the suite promises at least 40", len(malformedCases))
	}
	for _, tc := range malformedCases {
		t.Run(tc.name, func(t *testing.T) {
			runMalformed(t, tc)
		})
	}
}

func runMalformed(t *testing.T, tc malformedCase) {
	bin := connlintBinary(t)
	dir := t.TempDir()
	var cred *syscall.Credential
	if tc.asNobody && os.Geteuid() == 0 {
		// Root reads any file: run connlint as nobody, from a copy of the
		// binary and a directory nobody can enter.
		dir, bin = nobodyDirs(t, bin)
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	for name, content := range tc.files {
		mustWrite(t, filepath.Join(dir, name), content)
	}
	if tc.setup != nil {
		tc.setup(t, dir)
	}
	ctx, cancel := context.WithTimeout(context.Background(), malformedTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, tc.args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOPROXY=off")
	cmd.Env = append(cmd.Env, tc.env...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("connlint %s did not finish within %s (hang?)\n%s", strings.Join(tc.args, " "), malformedTimeout, out.String())
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Errorf("exit: %v; want exit status 2", err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss*1024 > malformedMaxRSS {
		t.Errorf("max RSS %d MiB; want under %d MiB", ru.Maxrss>>10, malformedMaxRSS>>20)
	}
	text := out.String()
	for _, bad := range []string{"goroutine ", "panic:", "no findings"} {
		if strings.Contains(text, bad) {
			t.Errorf("output contains %q", bad)
		}
	}
	re := regexp.MustCompile(tc.at)
	matched := false
	for _, line := range strings.Split(text, "\n") {
		if re.MatchString(line) {
			matched = true
			break
		}
	}
	if !matched {
		t.Errorf("no output line matches %s", tc.at)
	}
	if t.Failed() {
		t.Logf("connlint %s (%.1fs):\n%s", strings.Join(tc.args, " "), elapsed.Seconds(), text)
	}
}

// nobodyDirs returns a directory and a copy of the binary that user
// nobody can reach.
func nobodyDirs(t *testing.T, bin string) (dir, copyBin string) {
	t.Helper()
	base, err := os.MkdirTemp("", "connlint-nobody")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	dir = filepath.Join(base, "repo")
	if err := os.Mkdir(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	copyBin = filepath.Join(base, "connlint")
	src, err := os.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	dst, err := os.OpenFile(copyBin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{base, dir} {
		if err := os.Chmod(p, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir, copyBin
}

func mustWrite(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeLarge writes size bytes of line repeated.
func writeLarge(t *testing.T, path string, size int, line string) {
	t.Helper()
	var b bytes.Buffer
	for b.Len() < size {
		b.WriteString(line)
	}
	mustWrite(t, path, string(b.Bytes()[:size]))
}

func mustMkfifo(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}
