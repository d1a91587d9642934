package cli

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"github.com/connlint/connlint/analyzers"
)

// TestUsageListsEveryCommand: the top-level help lists every subcommand
// (and help), and nothing that is not one.
func TestUsageListsEveryCommand(t *testing.T) {
	listed := map[string]bool{}
	for _, c := range commands {
		listed[c.name] = true
		if _, ok := Subcommands[c.name]; !ok && c.name != "help" {
			t.Errorf("help lists %q, which is no subcommand", c.name)
		}
	}
	for name := range Subcommands {
		if !listed[name] {
			t.Errorf("subcommand %q is missing from the help", name)
		}
	}
}

// TestUsageFiltersDeprecatedFlags: the driver's shims for old go vet
// flags are left out; every other flag is printed, with its default.
func TestUsageFiltersDeprecatedFlags(t *testing.T) {
	fs := flag.NewFlagSet("connlint", flag.ContinueOnError)
	fs.Bool("json", false, "emit JSON output")
	fs.Bool("source", false, "no effect (deprecated)")
	fs.String("tags", "", "no effect (deprecated)")
	fs.Bool("printfuncs", false, "deprecated alias for -printf.funcs")
	fs.Int("c", -1, "display offending line with this many lines of context")
	fs.String("pollinterval.min", "1h0m0s", "report HTTP GET polling more frequent than this interval")
	fs.Bool("pollinterval", false, `enable "pollinterval" analysis`)
	var b bytes.Buffer
	Usage(&b, "connlint", fs, analyzers.All())
	out := b.String()
	for _, want := range []string{"\n  -json\n", "\n  -c int\n", "(default -1)", "\n  -pollinterval.min string\n", `(default "1h0m0s")`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
	for _, hidden := range []string{"-source", "-tags", "-printfuncs", "deprecated", "\n  -pollinterval\n"} {
		if strings.Contains(out, hidden) {
			t.Errorf("%q is printed:\n%s", hidden, out)
		}
	}
	if i, j := strings.Index(out, "Commands:"), strings.Index(out, "Driver flags:"); i < 0 || j < i {
		t.Errorf("the commands do not come first:\n%s", out)
	}
}
