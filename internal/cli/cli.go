// Package cli implements connlint's subcommands. cmd/connlint only
// dispatches: a first argument naming a subcommand runs it here; anything
// else goes to the multichecker, which also serves go vet -vettool.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/connlint/connlint/analyzers"
	"github.com/connlint/connlint/docs"
	"github.com/connlint/connlint/internal/config"
	"github.com/connlint/connlint/internal/gocheck"
	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/rules"
)

// Exit codes of the command-line contract (DESIGN.md).
const (
	ExitClean    = 0 // no findings
	ExitFindings = 1 // findings
	ExitError    = 2 // the run itself failed
)

// Subcommands maps subcommand names to their implementations.
var Subcommands = map[string]func(args []string, stdout, stderr io.Writer) int{
	"check":   Check,
	"nginx":   Nginx,
	"chain":   Chain,
	"rules":   Rules,
	"explain": Explain,
	"version": Version,
}

// Check implements `connlint check [-config FILE] [-format F] [-o FILE] [DIR]`.
func Check(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("connlint check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "configuration file (default: DIR/connlint.toml, or the defaults when there is none)")
	format := fs.String("format", report.Text, "output format: text, json or sarif")
	outFile := fs.String("o", "", "write the report to this file instead of standard output")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: connlint check [-config FILE] [-format text|json|sarif] [-o FILE] [DIR]")
		fs.PrintDefaults()
	}
	dir, cfg, ok := parseCommon(fs, args, configPath, format, stderr)
	if !ok {
		return ExitError
	}
	goOut, err := runGo(dir, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "connlint check: the Go packages of %s could not be analyzed:\n%v\n", dir, err)
		return ExitError
	}
	findings := goOut.Findings

	nginxFiles, err := nginxFiles(dir, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "connlint check: %v\n", err)
		return ExitError
	}
	nginxFindings, model, nginxFailed, err := runNginx(dir, nginxFiles, cfg, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "connlint check: %v\n", err)
		return ExitError
	}
	findings = append(findings, nginxFindings...)

	failed := nginxFailed
	if !nginxFailed {
		chainFindings, chainFailed := chainsOf(dir, cfg, goOut, model, stderr)
		findings = append(findings, chainFindings...)
		failed = chainFailed
	}
	if err := writeReport(findings, *format, *outFile, stdout); err != nil {
		fmt.Fprintf(stderr, "connlint check: %v\n", err)
		return ExitError
	}
	return exitCode(findings, failed, stderr)
}

// parseCommon parses the flags and the DIR argument shared by check and
// chain, and loads the configuration.
func parseCommon(fs *flag.FlagSet, args []string, configPath, format *string, stderr io.Writer) (string, *config.Config, bool) {
	if err := fs.Parse(args); err != nil {
		return "", nil, false
	}
	if !report.ValidFormat(*format) {
		fmt.Fprintf(stderr, "%s: unknown -format %q (want text, json or sarif)\n", fs.Name(), *format)
		return "", nil, false
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "%s: one directory at most, got %d arguments\n", fs.Name(), fs.NArg())
		return "", nil, false
	}
	dir := "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "%s: %s: not a directory\n", fs.Name(), dir)
		return "", nil, false
	}
	cfg, err := loadConfig(dir, *configPath)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return "", nil, false
	}
	return dir, cfg, true
}

// runGo runs the analyzers over the Go packages of dir.
func runGo(dir string, cfg *config.Config) (*gocheck.Output, error) {
	return gocheck.Run(gocheck.Options{
		Dir:      dir,
		Patterns: cfg.Code.Patterns,
		Tests:    *cfg.Code.Tests,
		Flags:    analyzerFlags(cfg),
	}, analyzers.All())
}

// exitCode is 2 when an input could not be read or parsed (nginx-parse,
// chain-source: the findings say which), 1 for findings, 0 otherwise.
func exitCode(findings []report.Finding, failed bool, stderr io.Writer) int {
	if failed {
		fmt.Fprintln(stderr, "connlint: some inputs could not be read, parsed or resolved (nginx-parse, chain-source): the run is incomplete")
		return ExitError
	}
	if len(findings) > 0 {
		return ExitFindings
	}
	return ExitClean
}

// analyzerFlags passes the [code] thresholds of connlint.toml to the
// analyzers, which read them as flags (so that go vet users can set them
// with -pollinterval.min=30m and the like).
func analyzerFlags(cfg *config.Config) map[string]map[string]string {
	return map[string]map[string]string{
		"pollinterval": {"min": cfg.Code.PollMinInterval.Duration.String()},
		"bodylimit":    {"max": strconv.FormatInt(int64(cfg.Code.MaxBodySize.Size), 10)},
	}
}

func loadConfig(dir, path string) (*config.Config, error) {
	if path != "" {
		return config.Load(path)
	}
	return config.Find(dir)
}

// writeReport renders the findings to the -o file, or to stdout. The file
// is written whole or not at all.
func writeReport(findings []report.Finding, format, out string, stdout io.Writer) error {
	opts := report.Options{Format: format, Version: version()}
	if out == "" {
		opts.Color = format == report.Text && report.IsTerminal(stdout)
		return report.Write(stdout, findings, opts)
	}
	var b strings.Builder
	if err := report.Write(&b, findings, opts); err != nil {
		return err
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return fmt.Errorf("-o %s: cannot write the report: %v", out, pe.Err)
		}
		return fmt.Errorf("-o %s: cannot write the report: %v", out, err)
	}
	return nil
}

// Rules implements `connlint rules [-markdown]`.
func Rules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("connlint rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	markdown := fs.Bool("markdown", false, "print the rule table as Markdown (as in README.md)")
	if err := fs.Parse(args); err != nil {
		return ExitError
	}
	if *markdown {
		fmt.Fprint(stdout, RuleTable())
		return ExitClean
	}
	for _, r := range rules.All() {
		fmt.Fprintf(stdout, "%-16s %-8s %-8s %s\n", r.ID, r.Source, r.Severity, r.Title)
	}
	return ExitClean
}

// RuleTable renders the rule metadata as the Markdown table of README.md.
func RuleTable() string {
	var b strings.Builder
	b.WriteString("| rule | source | severity | finds |\n|---|---|---|---|\n")
	for _, r := range rules.All() {
		fmt.Fprintf(&b, "| [`%s`](docs/rules/%s.md) | %s | %s | %s |\n", r.ID, r.ID, r.Source, r.Severity, r.Title)
	}
	return b.String()
}

// Explain implements `connlint explain RULE`.
func Explain(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "usage: connlint explain RULE   (connlint rules lists them)")
		return ExitError
	}
	r, ok := rules.Lookup(args[0])
	if !ok {
		fmt.Fprintf(stderr, "connlint explain: unknown rule %q; connlint rules lists them\n", args[0])
		return ExitError
	}
	page, err := docs.RulePage(r.ID)
	if err != nil {
		fmt.Fprintf(stderr, "connlint explain: no page for %s: %v\n", r.ID, err)
		return ExitError
	}
	stdout.Write(page)
	fmt.Fprintf(stdout, "\n%s\n", r.DocURL())
	return ExitClean
}

// Version implements `connlint version`.
func Version(_ []string, stdout, _ io.Writer) int {
	fmt.Fprintf(stdout, "connlint %s\n", version())
	return ExitClean
}

// version is the module version the binary was built from ("(devel)" for
// a build in a checkout).
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}

// Usage is printed by `connlint help`.
func Usage(w io.Writer) {
	name := filepath.Base(os.Args[0])
	fmt.Fprintf(w, `connlint finds connection-management mistakes in Go HTTP/IoT code, nginx
configs and the timeout chain of each long-lived connection.

usage:
  %[1]s check [-config FILE] [-format text|json|sarif] [-o FILE] [DIR]
  %[1]s nginx [-config FILE] [-format text|json|sarif] FILE...
  %[1]s chain [-config FILE] [-format text|json|sarif] [DIR]
  %[1]s [analyzer flags] PACKAGES...        the analyzers, as a multichecker
  go vet -vettool=$(command -v %[1]s) PACKAGES...
  %[1]s rules [-markdown] | explain RULE | version

Run '%[1]s -h' for the driver and analyzer flags, '%[1]s help ANALYZER' for one
analyzer's documentation, '%[1]s explain RULE' for a rule's page.
`, name)
}
