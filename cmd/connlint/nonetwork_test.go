package main

import (
	"bytes"
	"errors"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// TestNoNetwork runs the end-to-end commands on inputs that name network
// places — an nginx resolver, an include of a URL, a Terraform module from
// a git remote — with every proxy variable pointing at a local listener
// and the Go module proxy off. connlint must behave exactly as without
// them, and nothing may connect to the listener: inputs are reported,
// never fetched.
func TestNoNetwork(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var connections atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			connections.Add(1)
			c.Close()
		}
	}()
	proxy := "http://" + ln.Addr().String()

	dir := t.TempDir()
	for name, content := range map[string]string{
		"app/go.mod":           "module example.com/offline\n\ngo 1.22\n",
		"app/main.go":          "package main\n\nimport \"net/http\"\n\nfunc main() {\n\tc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}\n\t_ = c\n}\n",
		"app/nginx/nginx.conf": "events {}\nhttp {\n    resolver 8.8.8.8 valid=30s;\n    server {\n        listen 80;\n        location / {\n            proxy_pass http://backend.example.com;\n        }\n    }\n}\n",
		"remote/remote.conf":   "events {}\nhttp {\n    include http://" + ln.Addr().String() + "/remote.conf;\n}\n",
		"chain/connlint.toml":  "[code]\npatterns = []\n\n[[chain]]\nname = \"ws\"\nheartbeat = \"30s\"\n  [[chain.hop]]\n  kind = \"alb\"\n  terraform = \"infra/main.tf\"\n",
		"chain/infra/main.tf":  "module \"alb\" {\n  source = \"git::" + proxy + "/modules/alb.git?ref=v1\"\n}\n",
	} {
		mustWrite(t, filepath.Join(dir, name), content)
	}
	commands := []struct {
		name string
		args []string
		exit int
	}{
		{"check", []string{"check", "app"}, 1},
		{"nginx with a resolver", []string{"nginx", "app/nginx/nginx.conf"}, 0},
		{"nginx include of a URL", []string{"nginx", "remote/remote.conf"}, 2},
		{"chain with a remote Terraform module", []string{"chain", "chain"}, 2},
	}
	offline := []string{
		"HTTP_PROXY=" + proxy, "HTTPS_PROXY=" + proxy, "ALL_PROXY=" + proxy,
		"http_proxy=" + proxy, "https_proxy=" + proxy, "all_proxy=" + proxy, "NO_PROXY=", "no_proxy=",
		"GOFLAGS=-mod=mod", "GOPROXY=off",
	}
	for _, c := range commands {
		t.Run(c.name, func(t *testing.T) {
			plainOut, plainCode := runEnv(t, dir, nil, c.args...)
			offOut, offCode := runEnv(t, dir, offline, c.args...)
			if plainCode != c.exit {
				t.Errorf("exit %d without proxies; want %d\n%s", plainCode, c.exit, plainOut)
			}
			if offCode != plainCode || offOut != plainOut {
				t.Errorf("with proxies and GOPROXY=off: exit %d\n%s\nwithout: exit %d\n%s", offCode, offOut, plainCode, plainOut)
			}
		})
	}
	if n := connections.Load(); n > 0 {
		t.Errorf("%d connections to the proxy: connlint must not use the network", n)
	}
}

// runEnv runs connlint in dir with extra environment variables and
// returns its combined output and exit code.
func runEnv(t *testing.T, dir string, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(connlintBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off"), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return out.String(), 0
	case errors.As(err, &exit):
		return out.String(), exit.ExitCode()
	}
	t.Fatalf("connlint %v: %v", args, err)
	return "", 0
}
