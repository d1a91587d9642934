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
	"github.com/connlint/connlint/timeoutchain"
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

// checkUsage is the synopsis of `connlint check`.
const checkUsage = `usage: connlint check [-config FILE] [-format text|json|sarif|markdown] [-json] [-o FILE] [DIR | PATTERN... | FILE...]

With DIR (default .): every Go module under DIR, its nginx configuration
and its timeout chains. PATTERN... (./..., ./cmd/...) replaces
[code].patterns. FILE... (as pre-commit passes them): a .go file selects its
package, an nginx file the configuration it belongs to, and only findings in
the named files are reported.
`

// Check implements `connlint check [flags] [DIR | PATTERN... | FILE...]`.
func Check(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("connlint check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "configuration file (default: DIR/connlint.toml, or the defaults when there is none)")
	format := fs.String("format", report.Text, "output format: text, json or sarif")
	jsonOut := fs.Bool("json", false, "same as -format json")
	outFile := fs.String("o", "", "write the report to this file instead of standard output")
	cache := fs.Bool("cache", true, "reuse go vet's cached analysis of unchanged packages (CONNLINT_CACHE=off also turns it off)")
	fs.Usage = func() {
		fmt.Fprint(stderr, checkUsage)
		fs.PrintDefaults()
	}
	if code, done := parseFlags(fs, args, format, jsonOut, stderr); done {
		return code
	}
	sel, err := selectArgs(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "connlint check: %v\n", err)
		return ExitError
	}
	cfg, err := loadConfig(sel.root, *configPath)
	if err != nil {
		fmt.Fprintf(stderr, "connlint check: %v\n", err)
		return ExitError
	}
	r := &checkRun{sel: sel, cfg: cfg, stderr: stderr, problems: sel.problems, cache: *cache}
	goOut := r.goCode()
	model := r.nginx()
	r.chains(goOut, model)

	findings := sel.keep(r.findings)
	opts := report.Options{Format: *format, Version: version(), Dir: sel.root, SrcRoot: gitTopLevel(sel.root)}
	for _, p := range r.problems {
		opts.Notifications = append(opts.Notifications, report.Notification{Message: p})
	}
	if *format == report.Markdown {
		opts.Prelude = r.chainMarkdown
	}
	if err := writeReport(findings, opts, *outFile, stdout); err != nil {
		fmt.Fprintf(stderr, "connlint check: %v\n", err)
		return ExitError
	}
	for _, p := range r.problems {
		fmt.Fprintf(stderr, "connlint check: %s\n", p)
	}
	if len(r.problems) > 0 {
		return ExitError
	}
	return exitCode(findings, r.failed, stderr)
}

// checkRun collects what each part of `check` finds. A part that fails
// adds a problem and the others still run: every finding that could be
// made is reported, and the run exits 2.
type checkRun struct {
	sel    *selection
	cfg    *config.Config
	stderr io.Writer
	cache  bool // -cache

	findings []report.Finding
	problems []string // one line each, printed after the report
	failed   bool     // an nginx-parse or chain-source finding: exit 2
	goFailed bool
	// chainMarkdown is the chains' tables, for -format markdown.
	chainMarkdown string
}

func (r *checkRun) note(format string, args ...any) {
	fmt.Fprintf(r.stderr, "connlint: note: "+format+"\n", args...)
}

// goCode runs the analyzers over the selected Go packages: the named
// files' packages, the patterns given, [code].patterns, or every module.
func (r *checkRun) goCode() *gocheck.Output {
	var patterns []string
	switch {
	case r.sel.fileMode():
		if len(r.sel.goFiles) == 0 {
			return nil
		}
		patterns = r.sel.goPatterns()
	case r.sel.patterns != nil:
		patterns = r.sel.patterns
	case r.cfg.Code.PatternsSet && len(r.cfg.Code.Patterns) == 0:
		r.note("%s:%d: [code].patterns is empty: the Go analyzers did not run", r.cfg.Path, r.cfg.Line("code.patterns"))
		return nil
	case r.cfg.Code.PatternsSet:
		patterns = r.cfg.Code.Patterns
	}
	out, err := runGoCached(r.sel.root, r.cfg, patterns, r.cache)
	var le *gocheck.LoadError
	switch {
	case errors.As(err, &le):
		r.problems = append(r.problems, le.Errors...)
		r.goFailed = true
	case err != nil:
		r.problems = append(r.problems, err.Error())
		r.goFailed = true
		return nil
	}
	if out.Note != "" {
		r.note("%s", out.Note)
	}
	r.findings = append(r.findings, out.Findings...)
	for _, f := range r.sel.keep(out.BadInput) {
		r.problems = append(r.problems, fmt.Sprintf("%s:%d:%d: %s", f.File, f.Line, f.Column, f.Message))
		r.goFailed = true
	}
	return out
}

// nginx reviews the nginx configuration: the configurations the named
// files belong to, or [nginx].files, or the entry files discovered.
func (r *checkRun) nginx() *nginxModel {
	var files []string
	var err error
	if r.sel.fileMode() {
		files, err = nginxEntriesFor(r.sel.root, r.cfg, r.sel.nginxFiles)
	} else {
		files, err = nginxFiles(r.sel.root, r.cfg)
	}
	if err != nil {
		r.problems = append(r.problems, err.Error())
		return nil
	}
	findings, model, failed, err := runNginx(r.sel.root, files, r.cfg, r.stderr)
	if err != nil {
		r.problems = append(r.problems, err.Error())
		return nil
	}
	r.findings = append(r.findings, findings...)
	r.failed = r.failed || failed
	return model
}

// chains checks the timeout chains, unless files were named (a chain
// spans the repository) or an input the chains read could not be: a
// chain judged without a heartbeat or a hop would be wrong.
func (r *checkRun) chains(goOut *gocheck.Output, model *nginxModel) {
	if r.sel.fileMode() {
		return
	}
	if r.failed || r.goFailed {
		if len(r.cfg.Chains) > 0 || model != nil {
			r.note("the timeout chains were not checked: their Go or nginx inputs failed (see below)")
		}
		return
	}
	findings, chains, failed := chainsOf(r.sel.root, r.cfg, goOut, model, r.stderr)
	r.findings = append(r.findings, findings...)
	var md strings.Builder
	if err := timeoutchain.WriteMarkdown(&md, chains); err == nil {
		r.chainMarkdown = md.String()
	}
	r.failed = r.failed || failed
}

// parseCommon parses the flags and the DIR argument of chain, and loads
// the configuration. done is true when the command must return code.
func parseCommon(fs *flag.FlagSet, args []string, configPath, format *string, jsonOut *bool, stderr io.Writer) (dir string, cfg *config.Config, code int, done bool) {
	if code, done := parseFlags(fs, args, format, jsonOut, stderr); done {
		return "", nil, code, true
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "%s: one directory at most, got %d arguments\n", fs.Name(), fs.NArg())
		return "", nil, ExitError, true
	}
	dir = "."
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "%s: %s: not a directory\n", fs.Name(), dir)
		return "", nil, ExitError, true
	}
	cfg, err := loadConfig(dir, *configPath)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Name(), err)
		return "", nil, ExitError, true
	}
	return dir, cfg, 0, false
}

// runGo runs the analyzers over the Go packages of dir that patterns
// select; nil patterns: every Go module under dir.
func runGo(dir string, cfg *config.Config, patterns []string) (*gocheck.Output, error) {
	return runGoCached(dir, cfg, patterns, true)
}

// runGoCached is runGo through go vet and its cache (see
// internal/gocheck/vet.go) unless cache is false or CONNLINT_CACHE=off.
func runGoCached(dir string, cfg *config.Config, patterns []string, cache bool) (*gocheck.Output, error) {
	return gocheck.Run(gocheck.Options{
		Dir:      dir,
		Patterns: patterns,
		Tests:    *cfg.Code.Tests,
		Flags:    analyzerFlags(cfg),
		VetTool:  vetTool(cache),
	}, analyzers.All())
}

// vetTool is the executable go vet runs for check: this one, which serves
// go vet's protocol through Driver. "" turns the cache off.
func vetTool(cache bool) string {
	if !cache || strings.EqualFold(os.Getenv("CONNLINT_CACHE"), "off") {
		return ""
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	return exe
}

// codePatterns are the patterns [code] asks for: nil (every module) when
// connlint.toml does not set them.
func codePatterns(cfg *config.Config) []string {
	if !cfg.Code.PatternsSet {
		return nil
	}
	return cfg.Code.Patterns
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
func writeReport(findings []report.Finding, opts report.Options, out string, stdout io.Writer) error {
	if out == "" {
		opts.Color = opts.Format == report.Text && report.IsTerminal(stdout)
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

// gitTopLevel is the repository root above dir, which SARIF URIs are
// relative to so that code scanning can place alerts whatever directory was
// checked; "" (dir itself) outside a git work tree. It reads .git rather
// than running git.
func gitTopLevel(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Rules implements `connlint rules [-markdown]`.
func Rules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("connlint rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	markdown := fs.Bool("markdown", false, "print the rule table as Markdown (as in README.md)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: connlint rules [-markdown]")
		fs.PrintDefaults()
	}
	if code, done := parseFlags(fs, args, nil, nil, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "connlint rules: unexpected argument %q\n", fs.Arg(0))
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
	const usage = "usage: connlint explain RULE   (connlint rules lists them)"
	if len(args) == 1 && isHelp(args[0]) {
		fmt.Fprintln(stderr, usage)
		return ExitClean
	}
	if len(args) != 1 {
		fmt.Fprintln(stderr, usage)
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
func Version(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: connlint version")
		if len(args) == 1 && isHelp(args[0]) {
			return ExitClean
		}
		return ExitError
	}
	fmt.Fprintf(stdout, "connlint %s\n", version())
	return ExitClean
}

// isHelp reports whether arg asks for help, as the flag package's -h does.
func isHelp(arg string) bool {
	switch arg {
	case "-h", "-help", "--help", "--h":
		return true
	}
	return false
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
  %[1]s check [-config FILE] [-format text|json|sarif|markdown] [-json] [-o FILE] [DIR | PATTERN... | FILE...]
  %[1]s nginx [-config FILE] [-format text|json|sarif|markdown] [-json] FILE...
  %[1]s chain [-config FILE] [-format text|json|sarif|markdown] [-json] [DIR]
  %[1]s [analyzer flags] PACKAGES...        the analyzers, as a multichecker
  go vet -vettool=$(command -v %[1]s) PACKAGES...
  %[1]s rules [-markdown] | explain RULE | version

Run '%[1]s COMMAND -h' for a command's flags, '%[1]s -h' for the driver and
analyzer flags, '%[1]s help ANALYZER' for one analyzer's documentation,
'%[1]s explain RULE' for a rule's page.
`, name)
}
