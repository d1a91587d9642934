package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/connlint/connlint/analyzers"
	"github.com/connlint/connlint/internal/depcache"
	"github.com/connlint/connlint/internal/gocheck"
	"github.com/connlint/connlint/internal/vetconfig"
)

// ResultsAnalyzer carries the heartbeat and server records out of go vet
// for `check`; it reports nothing unless -checkresults.emit is set.
var ResultsAnalyzer = gocheck.NewResults(analyzers.All())

// Driver runs the analyzers as a multichecker, which also serves go vet's
// -vettool protocol, as cmd/connlint does when its first argument names
// no subcommand (without its help): internal/cli's tests run their test
// binary as the vet tool of check through it. args are the arguments
// after the program name. It does not return.
func Driver(args []string) {
	if len(args) == 1 {
		switch args[0] {
		case "-V=full", "--V=full":
			if err := vetconfig.PrintToolID(os.Stdout); err != nil {
				fmt.Fprintf(os.Stderr, "connlint: %v\n", err)
				os.Exit(ExitError)
			}
			os.Exit(ExitClean)
		case "-V", "--V", "-version", "--version":
			os.Exit(Version(nil, os.Stdout, os.Stderr))
		}
	}
	vetconfig.PaceUnitGC(args)
	all := append(analyzers.All(), ResultsAnalyzer)
	depcache.Serve(args, all, func() { TraceVet(args) })
	if err := vetconfig.Apply(args, all); err != nil {
		fmt.Fprintf(os.Stderr, "connlint: %v\n", err)
		os.Exit(ExitError)
	}
	TraceVet(args)
	multichecker.Main(all...)
}

// TraceVet appends the package of a go vet unit to the file named by
// $CONNLINT_VET_TRACE, with " facts" when go vet wants its facts only. go
// vet runs the tool only for packages whose cached result it cannot use,
// so the file lists what a run analyzed: how the tests see the cache work.
func TraceVet(args []string) {
	file := os.Getenv("CONNLINT_VET_TRACE")
	if file == "" || len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") {
		return
	}
	data, err := os.ReadFile(args[len(args)-1])
	if err != nil {
		return
	}
	var unit struct {
		ImportPath string
		VetxOnly   bool
	}
	if json.Unmarshal(data, &unit) != nil {
		return
	}
	line := unit.ImportPath
	if unit.VetxOnly {
		line += " facts"
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = f.Write([]byte(line + "\n"))
}
