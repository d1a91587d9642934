// Command connlint finds connection-management mistakes in Go HTTP/IoT
// code: per-request clients and transports, disabled keep-alive, undrained
// bodies and TLS without session resumption.
//
// Usage:
//
//	connlint check [-config FILE] [-format text|json|sarif] [-o FILE] [DIR]
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

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/connlint/connlint/analyzers"
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
	multichecker.Main(analyzers.All()...)
}
