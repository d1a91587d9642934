// Package nginxgen writes the generated nginx configuration that
// connlint's nginx benchmarks read: an nginx.conf whose http block
// includes servers/*.conf, 100 server blocks per file. Each server has
// an upstream with a keepalive cache, proxy headers, a WebSocket
// location and a rate-limited one, so that every nginx rule has work to
// do, and three findings (two locations drop the server's proxy headers;
// /api/ loses Connection ""). A server is 23 lines, about 660 bytes.
package nginxgen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Write writes a configuration of n servers under dir and returns the
// path of its nginx.conf and the number of lines written.
func Write(dir string, n int) (string, int, error) {
	if err := os.MkdirAll(filepath.Join(dir, "servers"), 0o755); err != nil {
		return "", 0, err
	}
	lines := 0
	for f := 0; f*perFile < n; f++ {
		var b strings.Builder
		for i := f * perFile; i < n && i < (f+1)*perFile; i++ {
			fmt.Fprintf(&b, server, i, 10000+i)
			lines += serverLines
		}
		if err := os.WriteFile(filepath.Join(dir, "servers", fmt.Sprintf("s%03d.conf", f)), []byte(b.String()), 0o644); err != nil {
			return "", 0, err
		}
	}
	path := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(path, []byte(main), 0o644); err != nil {
		return "", 0, err
	}
	return path, lines + strings.Count(main, "\n"), nil
}

const perFile = 100

const main = `events {}
http {
    limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;
    map $http_upgrade $connection_upgrade { default upgrade; '' close; }
    include servers/*.conf;
}
`

// server is one server block and its upstream: %[1]d is its number,
// %[2]d its port.
const server = `upstream app%[1]d {
    server 127.0.0.1:%[2]d;
    keepalive 16;
}
server {
    listen %[2]d;
    server_name s%[1]d.example.com;
    client_max_body_size 1m;
    proxy_set_header Host $host;
    proxy_set_header X-Real-IP $remote_addr;
    location / {
        proxy_http_version 1.1;
        proxy_set_header Connection "";
        proxy_pass http://app%[1]d;
    }
    location /ws {
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection $connection_upgrade;
        proxy_pass http://app%[1]d;
    }
    location /api/ { limit_req zone=api; limit_req_status 429; proxy_pass http://app%[1]d; }
}
`

var serverLines = strings.Count(server, "\n")
