package cli

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"golang.org/x/tools/go/analysis"
)

// commands lists the subcommands in the order `connlint help` shows them,
// with one line each.
var commands = []struct{ name, summary string }{
	{"check", "everything: Go code, nginx configuration and timeout chains, one report"},
	{"nginx", "review nginx configuration files"},
	{"chain", "put each heartbeat against every idle timeout on its connection's path"},
	{"rules", "list the rules"},
	{"explain", "print one rule's page: the mistake, why it hurts, the fix"},
	{"version", "print connlint's version"},
	{"help", "this text; 'help COMMAND' or 'help ANALYZER' for one of them"},
}

// IsHelp reports whether arg asks for help, as the flag package's -h does.
func IsHelp(arg string) bool { return isHelp(arg) }

// Usage writes connlint's top-level help: the subcommands first, then the
// multichecker's analyzers, driver flags and analyzer flags, as driver
// (the command line's flag set once the analyzers' flags are registered)
// holds them. Flags the driver keeps only so that old go vet scripts still
// parse ("no effect (deprecated)", deprecated aliases) are left out. A nil
// driver prints the commands only.
func Usage(w io.Writer, progname string, driver *flag.FlagSet, analyzers []*analysis.Analyzer) {
	fmt.Fprintf(w, `connlint finds connection-management mistakes in Go HTTP/IoT code, nginx
configs and the timeout chain of each long-lived connection.

Usage:
  %[1]s COMMAND [flags] [arguments]
  %[1]s [flags] PACKAGES...                        the Go analyzers only
  go vet -vettool=$(command -v %[1]s) [flags] PACKAGES...

Commands:
`, progname)
	tw := tabwriter.NewWriter(w, 0, 8, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprintf(w, `
Run '%[1]s COMMAND -h' for a command's flags and arguments, '%[1]s explain RULE'
for a rule's page.
`, progname)
	if driver == nil {
		return
	}

	isAnalyzer := map[string]bool{}
	fmt.Fprintf(w, "\nAnalyzers (all run by default; -NAME runs only those named, -NAME=false all but those):\n")
	sorted := append([]*analysis.Analyzer(nil), analyzers...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Name < sorted[j].Name })
	for _, a := range sorted {
		isAnalyzer[a.Name] = true
		title, _, _ := strings.Cut(a.Doc, "\n")
		fmt.Fprintf(tw, "  %s\t%s\n", a.Name, title)
	}
	tw.Flush()

	var core, perAnalyzer []*flag.Flag
	driver.VisitAll(func(f *flag.Flag) {
		switch {
		case deprecatedFlag(f), isAnalyzer[f.Name]:
		case strings.Contains(f.Name, "."):
			perAnalyzer = append(perAnalyzer, f)
		default:
			core = append(core, f)
		}
	})
	fmt.Fprintln(w, "\nDriver flags:")
	printFlags(w, core)
	fmt.Fprintln(w, "\nAnalyzer flags (they override the [code] thresholds of connlint.toml):")
	printFlags(w, perAnalyzer)
	fmt.Fprintf(w, "\nRun '%s help ANALYZER' for one analyzer's documentation.\n", progname)
}

// deprecatedFlag reports whether f is one of the shims the analysis
// driver registers for go vet's legacy flags.
func deprecatedFlag(f *flag.Flag) bool {
	return strings.HasPrefix(f.Usage, "no effect (deprecated)") || strings.HasPrefix(f.Usage, "deprecated alias")
}

// printFlags prints flags as flag.PrintDefaults does, from a flag set of
// their own, so that the filtered list keeps the standard layout.
func printFlags(w io.Writer, flags []*flag.Flag) {
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	fs.SetOutput(w)
	for _, f := range flags {
		fs.Var(f.Value, f.Name, f.Usage)
		fs.Lookup(f.Name).DefValue = f.DefValue
	}
	fs.PrintDefaults()
}
