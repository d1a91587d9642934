// Command connlint finds the connection-management mistakes of HTTP/IoT
// systems: in Go code (per-request transports, disabled keep-alive,
// undrained bodies, missing TLS session reuse, unbounded bodies and
// decompression, server timeouts, reconnect backoff, polling, status codes,
// heartbeats), in nginx configs, and along each connection's timeout chain.
//
// Usage:
//
//	connlint check [-config FILE] [-fix] [-format text|json|sarif|markdown] [-json] [-o FILE] [-srcroot DIR] [DIR | PATTERN... | FILE...]
//	connlint nginx [-config FILE] [-format text|json|sarif|markdown] [-json] [-srcroot DIR] FILE... | DIR
//	connlint chain [-config FILE] [-fix] [-format text|json|sarif|markdown|dot|mermaid] [-json] [-srcroot DIR] [DIR]
//	connlint [analyzer flags] PACKAGES...
//	go vet -vettool=$(command -v connlint) PACKAGES...
//	connlint rules [-format text|json|markdown] | explain RULE | version | help [COMMAND | ANALYZER]
//
// A first argument naming a subcommand runs it; anything else runs the
// analyzers as a multichecker, which also speaks go vet's unitchecker
// protocol.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/connlint/connlint/analyzers"
	"github.com/connlint/connlint/internal/cli"
	"github.com/connlint/connlint/internal/depcache"
	"github.com/connlint/connlint/internal/vetconfig"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 {
		if run, ok := cli.Subcommands[args[0]]; ok {
			os.Exit(run(args[1:], os.Stdout, os.Stderr))
		}
	}
	if len(args) == 0 {
		// Nothing to do: the commands, and exit 2 as for any bad command line.
		cli.Usage(os.Stderr, progname(), nil, nil)
		os.Exit(cli.ExitError)
	}
	if len(args) == 1 {
		switch args[0] {
		case "-V=full", "--V=full":
			os.Exit(printToolID())
		case "-V", "--V", "-version", "--version":
			os.Exit(cli.Version(nil, os.Stdout, os.Stderr))
		}
	}
	vetconfig.PaceUnitGC(args)
	all := analyzers.All()
	// A standard-library dependency under go vet: its facts, from the
	// cache when this connlint has computed them before. Exits if so.
	depcache.Serve(args, append(all, cli.ResultsAnalyzer), func() { cli.TraceVet(args) })
	flag.Var(versionFlag{}, "V", "print connlint's version and exit (-V=full: the tool ID go vet asks for)")
	flag.Usage = func() {
		if !asksForHelp(os.Args[1:]) {
			// A bad flag: the error line above, and where to look.
			fmt.Fprintf(flag.CommandLine.Output(), "run '%s -h' for the commands and flags\n", progname())
			return
		}
		cli.Usage(flag.CommandLine.Output(), progname(), flag.CommandLine, all)
	}
	switch {
	case len(args) > 0 && args[0] == "help":
		help(args[1:], all)
	case !asksForHelp(args):
		// Help must print even where connlint.toml is broken.
		if err := vetconfig.Apply(args, all); err != nil {
			fmt.Fprintf(os.Stderr, "connlint: %v\n", err)
			os.Exit(cli.ExitError)
		}
	}
	// checkresults carries the timeout-chain records out of go vet for
	// `connlint check`; it reports nothing unless asked to.
	cli.TraceVet(args)
	if code, handled := cli.Standalone(args, append(all, cli.ResultsAnalyzer), os.Stdout, os.Stderr); handled {
		os.Exit(code)
	}
	multichecker.Main(append(all, cli.ResultsAnalyzer)...)
}

// help implements `connlint help [COMMAND | ANALYZER]`. Without an
// argument it prints the top-level usage on standard output; the driver
// registers its flags inside multichecker.Main, so help asks it for -h
// there, with the usage redirected to standard output.
func help(args []string, all []*analysis.Analyzer) {
	if len(args) == 0 || (len(args) == 1 && (cli.IsHelp(args[0]) || args[0] == "help")) {
		flag.CommandLine.SetOutput(os.Stdout)
		os.Args = []string{os.Args[0], "-h"}
		return
	}
	if len(args) == 1 {
		if run, ok := cli.Subcommands[args[0]]; ok {
			// A command's -h prints its usage and exits 0; on standard
			// output, as help was asked for.
			os.Exit(run([]string{"-h"}, os.Stdout, os.Stdout))
		}
	}
	for _, arg := range args {
		if !isAnalyzer(arg, all) {
			fmt.Fprintf(os.Stderr, "connlint help: no command or analyzer %q; connlint help lists them\n", arg)
			os.Exit(cli.ExitError)
		}
	}
	// help ANALYZER...: the multichecker's own help.
}

// asksForHelp reports whether the command line asks for help: -h or
// -help among the flags (a package pattern never starts with "-").
func asksForHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if cli.IsHelp(a) {
			return true
		}
	}
	return false
}

func isAnalyzer(name string, all []*analysis.Analyzer) bool {
	for _, a := range all {
		if a.Name == name {
			return true
		}
	}
	return false
}

func progname() string { return filepath.Base(os.Args[0]) }

// printToolID answers go vet's -V=full query.
func printToolID() int {
	if err := vetconfig.PrintToolID(os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "connlint: %v\n", err)
		return cli.ExitError
	}
	return cli.ExitClean
}

// versionFlag is the driver's -V flag, registered before the analysis
// driver registers its own (which it then leaves alone), so that -V
// anywhere on the command line prints connlint's version and -V=full the
// tool ID that go vet keys its cache on, connlint.toml included.
type versionFlag struct{}

func (versionFlag) IsBoolFlag() bool { return true }
func (versionFlag) String() string   { return "" }
func (versionFlag) Set(s string) error {
	switch s {
	case "true":
		os.Exit(cli.Version(nil, os.Stdout, os.Stderr))
	case "full":
		os.Exit(printToolID())
	}
	return fmt.Errorf("unsupported value %q (-V or -V=full)", s)
}
