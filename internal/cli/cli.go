// Package cli implements connlint's subcommands. cmd/connlint only
// dispatches: a first argument naming a subcommand runs it here; anything
// else goes to the multichecker, which also serves go vet -vettool.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"text/tabwriter"

	"github.com/connlint/connlint/analyzers"
	"github.com/connlint/connlint/docs"
	"github.com/connlint/connlint/internal/config"
	"github.com/connlint/connlint/internal/depcache"
	"github.com/connlint/connlint/internal/gocheck"
	"github.com/connlint/connlint/internal/records"
	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/rules"
	"github.com/connlint/connlint/internal/runmemo"
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
const checkUsage = `usage: connlint check [-config FILE] [-fix] [-format text|json|sarif|markdown] [-json] [-o FILE] [-srcroot DIR] [DIR | PATTERN... | FILE...]

With DIR (default .): every Go module under DIR, its nginx configuration
and its timeout chains. PATTERN... (./..., ./cmd/...) replaces
[code].patterns. FILE... (as pre-commit passes them): a .go file selects its
package, an nginx file the configuration it belongs to, and only findings in
the named files are reported.

Exit status: 0 no findings, 1 findings, 2 the run failed (a bad flag or
configuration, input that cannot be read or parsed); every problem is one
line on standard error.

`

// Check implements `connlint check [flags] [DIR | PATTERN... | FILE...]`.
func Check(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("connlint check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "read the configuration from `FILE` (default: DIR/connlint.toml, or the defaults when there is none)")
	format := fs.String("format", report.Text, "output format: text, json, sarif or markdown")
	jsonOut := fs.Bool("json", false, "same as -format json")
	outFile := fs.String("o", "", "write the report to `FILE` instead of standard output")
	srcRoot := fs.String("srcroot", "", srcRootUsage)
	cache := fs.Bool("cache", true, "reuse go vet's cached analysis of unchanged packages (CONNLINT_CACHE=off also turns it off)")
	fix := fs.Bool("fix", false, fixUsage)
	fs.Usage = func() {
		fmt.Fprint(stderr, checkUsage)
		fs.PrintDefaults()
	}
	if code, done := parseFlags(fs, args, format, jsonOut, stderr); done {
		return code
	}
	sel, err := selectArgs(fs.Args())
	if err == nil {
		err = validateSrcRoot(sel.root, *srcRoot)
	}
	if err == nil {
		err = validateOutput(*outFile)
	}
	if err != nil {
		fmt.Fprintf(stderr, "connlint check: %v\n", err)
		return ExitError
	}
	cfg, err := loadConfig(sel.root, *configPath)
	if err != nil {
		fmt.Fprintf(stderr, "connlint check: %v\n", err)
		return ExitError
	}
	r := &checkRun{sel: sel, cfg: cfg, stderr: stderr, problems: sel.problems, cache: *cache, outFile: *outFile}
	goOut := r.goCode()
	model := r.nginx()
	r.chains(goOut, model)

	findings := sel.keep(r.findings)
	if *fix {
		res, err := applyFixes(sel.root, findings)
		if err != nil {
			fmt.Fprintf(stderr, "connlint check: %v\n", err)
			return ExitError
		}
		findings = unfixed(findings, res)
		fmt.Fprintln(stderr, fixSummary(res))
	}
	opts := report.Options{Format: *format, Version: version()}
	findings, err = withSrcRoot(findings, sel.root, *srcRoot, &opts)
	if err != nil {
		fmt.Fprintf(stderr, "connlint check: %v\n", err)
		return ExitError
	}
	for _, p := range r.problems {
		opts.Notifications = append(opts.Notifications, report.Notification{Message: p})
	}
	failedNotification(&opts, r.failed)
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
	// outFile is -o: the report, which the run memo must not take for
	// an input.
	outFile string

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
	out, err := runGoCached(r.sel.root, r.cfg, patterns, r.cache, r.outFile)
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
	if out.Hidden > 0 {
		what := "findings"
		if out.Hidden == 1 {
			what = "finding"
		}
		r.note("%d %s in GOROOT or the module cache not shown: that code is not this repository's to fix (connlint -json PATTERN shows them)", out.Hidden, what)
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
	findings, model, failed, err := runNginx(r.sel.root, files, r.cfg, r.stderr, nginxRun{keepModel: true})
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
	return runGoCached(dir, cfg, patterns, true, "")
}

// runGoCached is runGo through go vet and its cache (see
// internal/gocheck/vet.go) unless cache is false or CONNLINT_CACHE=off.
// With the cache, a run whose inputs are those of a run before it reuses
// that run's output without starting go vet (internal/runmemo); report,
// when not empty, is the file the run writes its report to, not an input.
func runGoCached(dir string, cfg *config.Config, patterns []string, cache bool, report string) (*gocheck.Output, error) {
	opts := gocheck.Options{
		Dir:      dir,
		Patterns: patterns,
		Tests:    *cfg.Code.Tests,
		Flags:    cfg.AnalyzerFlags(),
		VetTool:  vetTool(cache),
	}
	if opts.VetTool == "" {
		return gocheck.Run(opts, analyzers.All())
	}
	key, memo := runmemo.Key(runmemo.Params{Dir: dir, Patterns: patterns, Tests: opts.Tests, Flags: opts.Flags, Output: report})
	if memo {
		if m, ok := runmemo.Load(key); ok {
			return fromMemo(m), nil
		}
	}
	out, err := gocheck.Run(opts, analyzers.All())
	if memo && err == nil {
		runmemo.Store(key, toMemo(out))
	}
	return out, err
}

// toMemo keeps of out what a later run reuses: the findings, and the
// records the timeout chains read.
func toMemo(out *gocheck.Output) *runmemo.Output {
	m := &runmemo.Output{Findings: out.Findings, BadInput: out.BadInput, Root: out.Root, Note: out.Note, Hidden: out.Hidden}
	for _, r := range out.Results["heartbeat"] {
		m.Heartbeats = append(m.Heartbeats, r.([]records.Heartbeat)...)
	}
	for _, r := range out.Results["servertimeouts"] {
		m.Servers = append(m.Servers, r.([]records.Server)...)
	}
	return m
}

// fromMemo is the inverse of toMemo.
func fromMemo(m *runmemo.Output) *gocheck.Output {
	return &gocheck.Output{
		Findings: m.Findings,
		BadInput: m.BadInput,
		Results:  map[string][]any{"heartbeat": {m.Heartbeats}, "servertimeouts": {m.Servers}},
		Root:     m.Root,
		Note:     m.Note,
		Hidden:   m.Hidden,
	}
}

// vetTool is the executable go vet runs for check: this one, which serves
// go vet's protocol through Driver. "" turns the cache off.
func vetTool(cache bool) string {
	if !cache || depcache.Off() {
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

// incompleteRun says why a run whose findings include nginx-parse or
// chain-source errors exits 2.
const incompleteRun = "some inputs could not be read, parsed or resolved (nginx-parse, chain-source): the run is incomplete"

// failedNotification marks the SARIF invocation of a run that exits 2
// because an input failed (the findings say which) as unsuccessful.
func failedNotification(opts *report.Options, failed bool) {
	if failed {
		opts.Notifications = append(opts.Notifications, report.Notification{Message: incompleteRun})
	}
}

// exitCode is 2 when an input could not be read or parsed (nginx-parse,
// chain-source: the findings say which), 1 for findings, 0 otherwise.
func exitCode(findings []report.Finding, failed bool, stderr io.Writer) int {
	if failed {
		fmt.Fprintln(stderr, "connlint: "+incompleteRun)
		return ExitError
	}
	if len(findings) > 0 {
		return ExitFindings
	}
	return ExitClean
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

// validateOutput fails early, before a long run, when the -o file can
// certainly not be written: its directory is missing or it is a directory.
func validateOutput(out string) error {
	if out == "" {
		return nil
	}
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return fmt.Errorf("-o %s: cannot write the report: is a directory", out)
	}
	st, err := os.Stat(filepath.Dir(out))
	if err != nil {
		return fmt.Errorf("-o %s: cannot write the report: %v", out, describeStatError(err))
	}
	if !st.IsDir() {
		return fmt.Errorf("-o %s: cannot write the report: %s is not a directory", out, filepath.Dir(out))
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

// validateSrcRoot checks, before a run, that -srcroot (when given) is a
// directory that contains dir.
func validateSrcRoot(dir, srcroot string) error {
	if srcroot == "" {
		return nil
	}
	if st, err := os.Stat(srcroot); err != nil || !st.IsDir() {
		return fmt.Errorf("-srcroot %s: not a directory", srcroot)
	}
	rootAbs, err := filepath.Abs(srcroot)
	if err != nil {
		return err
	}
	dirAbs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(rootAbs, dirAbs); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("-srcroot %s does not contain %s", srcroot, dir)
	}
	return nil
}

// srcRootUsage documents the -srcroot flag of check, nginx and chain.
const srcRootUsage = "name files relative to `DIR`, which must contain the checked files (default: the checked directory; for SARIF, the git top level)"

// withSrcRoot sets the directories of opts for findings whose file names
// are relative to dir. Without -srcroot, every format names files relative
// to dir, except SARIF, whose URIs are relative to the git top level so
// that code scanning places alerts whatever directory was checked. With
// -srcroot, every format names them relative to srcroot.
func withSrcRoot(findings []report.Finding, dir, srcroot string, opts *report.Options) ([]report.Finding, error) {
	if srcroot == "" {
		opts.Dir, opts.SrcRoot = dir, gitTopLevel(dir)
		return findings, nil
	}
	if err := validateSrcRoot(dir, srcroot); err != nil {
		return nil, err
	}
	opts.Dir, opts.SrcRoot = srcroot, srcroot
	return report.Rebase(findings, dir, srcroot), nil
}

// Rules implements `connlint rules [-format text|json|markdown]`.
func Rules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("connlint rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", report.Text, "output format: text (aligned columns), json (every field of the rule metadata) or markdown (the table of README.md)")
	markdown := fs.Bool("markdown", false, "same as -format markdown")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: connlint rules [-format text|json|markdown]")
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
		*format = report.Markdown
	}
	switch *format {
	case report.Markdown:
		fmt.Fprint(stdout, RuleTable())
	case report.JSON:
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(ruleList()); err != nil {
			fmt.Fprintf(stderr, "connlint rules: %v\n", err)
			return ExitError
		}
	case report.Text:
		tw := tabwriter.NewWriter(stdout, 0, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tSOURCE\tSEVERITY\tFINDS")
		for _, r := range rules.All() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Source, r.Severity, r.Title)
		}
		if err := tw.Flush(); err != nil {
			fmt.Fprintf(stderr, "connlint rules: %v\n", err)
			return ExitError
		}
	default:
		fmt.Fprintf(stderr, "connlint rules: unknown -format %q (want text, json or markdown)\n", *format)
		return ExitError
	}
	return ExitClean
}

// ruleJSON is one rule in `connlint rules -format json`, documented in
// README.md: the catalogue's fields and the code-scanning metadata that
// SARIF carries.
type ruleJSON struct {
	ID               string   `json:"id"`
	Source           string   `json:"source"`
	Severity         string   `json:"severity"`
	Title            string   `json:"title"`
	URL              string   `json:"url"`
	Precision        string   `json:"precision"`
	SecuritySeverity string   `json:"security_severity,omitempty"`
	Tags             []string `json:"tags,omitempty"`
}

func ruleList() []ruleJSON {
	var out []ruleJSON
	for _, r := range rules.All() {
		out = append(out, ruleJSON{
			ID:               r.ID,
			Source:           string(r.Source),
			Severity:         string(r.Severity),
			Title:            r.Title,
			URL:              r.DocURL(),
			Precision:        r.Precision(),
			SecuritySeverity: r.SecuritySeverity(),
			Tags:             r.Tags(),
		})
	}
	return out
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
