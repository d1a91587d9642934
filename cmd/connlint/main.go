// Command connlint finds the connection-management mistakes of HTTP/IoT
// systems: in Go code (per-request transports, disabled keep-alive,
// undrained bodies, missing TLS session reuse, unbounded bodies and
// decompression, server timeouts, reconnect backoff, polling, status codes,
// heartbeats), in nginx configs, and along each connection's timeout chain.
//
// Usage:
//
//	connlint check [-config FILE] [-format text|json|sarif] [-json] [-o FILE] [DIR | PATTERN... | FILE...]
//	connlint nginx [-format text|json|sarif] [-json] FILE...
//	connlint chain [-config FILE] [-format text|json|sarif] [-json] [DIR]
//	connlint [analyzer flags] PACKAGES...
//	go vet -vettool=$(command -v connlint) PACKAGES...
//	connlint rules | explain RULE | version
//
// A first argument naming a subcommand runs it; anything else runs the
// analyzers as a multichecker, which also speaks go vet's unitchecker
// protocol.
package main

import (
	"os"

	"github.com/connlint/connlint/internal/cli"
)

func main() {
	if len(os.Args) > 1 {
		if run, ok := cli.Subcommands[os.Args[1]]; ok {
			os.Exit(run(os.Args[2:], os.Stdout, os.Stderr))
		}
		if os.Args[1] == "help" && len(os.Args) == 2 {
			cli.Usage(os.Stdout)
			os.Exit(cli.ExitClean)
		}
	}
	cli.Driver(os.Args[1:])
}
