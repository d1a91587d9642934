package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/connlint/connlint/internal/config"
	"github.com/connlint/connlint/internal/gocheck"
	"github.com/connlint/connlint/internal/records"
	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/timeoutchain"
)

// Drawings of the chains that only `connlint chain` offers.
const (
	formatDot     = "dot"
	formatMermaid = "mermaid"
)

// Chain implements `connlint chain [-config FILE] [-format F] [DIR]`: the
// timeout chains only, with a table per chain (text format) before the
// findings.
func Chain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("connlint chain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "read the configuration from `FILE` (default: DIR/connlint.toml)")
	format := fs.String("format", report.Text, "output format: text, json, sarif, markdown, dot or mermaid")
	jsonOut := fs.Bool("json", false, "same as -format json")
	srcRoot := fs.String("srcroot", "", srcRootUsage)
	fix := fs.Bool("fix", false, fixUsage)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: connlint chain [-config FILE] [-fix] [-format text|json|sarif|markdown|dot|mermaid] [-json] [-srcroot DIR] [DIR]")
		fs.PrintDefaults()
	}
	dir, cfg, code, done := parseCommon(fs, args, configPath, format, jsonOut, stderr)
	if done {
		return code
	}
	if err := validateSrcRoot(dir, *srcRoot); err != nil {
		fmt.Fprintf(stderr, "connlint chain: %v\n", err)
		return ExitError
	}
	files, err := nginxFiles(dir, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "connlint chain: %v\n", err)
		return ExitError
	}
	model, err := loadNginxModel(dir, cfg, files)
	if err != nil {
		fmt.Fprintf(stderr, "connlint chain: the nginx configuration cannot be loaded: %v\n", err)
		return ExitError
	}
	in := timeoutchain.Inputs{Root: dir}
	if model != nil {
		in.Nginx = model
	}
	if len(cfg.Chains) == 0 || chainsNeedCode(cfg) {
		goOut, err := runGo(dir, cfg, codePatterns(cfg))
		if err == nil && len(goOut.BadInput) > 0 {
			f := goOut.BadInput[0]
			err = fmt.Errorf("%s:%d:%d: %s", f.File, f.Line, f.Column, f.Message)
		}
		if err != nil {
			fmt.Fprintf(stderr, "connlint chain: the Go code the chains read could not be analyzed:\n%v\n", err)
			return ExitError
		}
		if goOut.Note != "" {
			fmt.Fprintf(stderr, "connlint: note: %s\n", goOut.Note)
		}
		in.Heartbeats, in.Servers = codeRecords(goOut)
	}
	chains, errs := buildChains(dir, cfg, in, model, stderr)
	if len(chains) == 0 && len(errs) == 0 {
		fmt.Fprintf(stderr, "connlint chain: %s declares no [[chain]] and no chain could be assumed; see README.md (\"Timeout chains\")\n", describeConfig(cfg, dir))
		return ExitError
	}
	var findings []report.Finding
	for _, c := range chains {
		findings = append(findings, c.Check()...)
	}
	findings = append(findings, errs...)
	if *fix {
		res, err := applyFixes(dir, findings)
		if err != nil {
			fmt.Fprintf(stderr, "connlint chain: %v\n", err)
			return ExitError
		}
		findings = unfixed(findings, res)
		fmt.Fprintln(stderr, fixSummary(res))
	}
	if *format == formatDot || *format == formatMermaid {
		draw := timeoutchain.WriteDot
		if *format == formatMermaid {
			draw = timeoutchain.WriteMermaid
		}
		if err := draw(stdout, chains); err != nil {
			fmt.Fprintf(stderr, "connlint chain: %v\n", err)
			return ExitError
		}
		return exitCode(findings, len(errs) > 0, stderr)
	}
	if *format == report.Markdown && len(chains) > 0 {
		if err := timeoutchain.WriteMarkdown(stdout, chains); err != nil {
			fmt.Fprintf(stderr, "connlint chain: %v\n", err)
			return ExitError
		}
	}
	if *format == report.Text && len(chains) > 0 {
		if err := timeoutchain.WriteTable(stdout, chains); err != nil {
			fmt.Fprintf(stderr, "connlint chain: %v\n", err)
			return ExitError
		}
		fmt.Fprintln(stdout)
	}
	opts := report.Options{Format: *format, Version: version(), Color: *format == report.Text && report.IsTerminal(stdout)}
	if *format == report.JSON {
		opts.Chains = timeoutchain.JSON(chains) // beside "findings": additive
	}
	failedNotification(&opts, len(errs) > 0)
	findings, err = withSrcRoot(findings, dir, *srcRoot, &opts)
	if err != nil {
		fmt.Fprintf(stderr, "connlint chain: %v\n", err)
		return ExitError
	}
	if err := report.Write(stdout, findings, opts); err != nil {
		fmt.Fprintf(stderr, "connlint chain: %v\n", err)
		return ExitError
	}
	return exitCode(findings, len(errs) > 0, stderr)
}

func describeConfig(cfg *config.Config, dir string) string {
	if cfg.Path != "" {
		return cfg.Path
	}
	return dir + " has no " + config.FileName + " and"
}

// buildChains builds the configured chains, or, when none is configured,
// the chains discovery assumes, saying on stderr which.
func buildChains(dir string, cfg *config.Config, in timeoutchain.Inputs, model *nginxModel, stderr io.Writer) ([]*timeoutchain.Chain, []report.Finding) {
	if len(cfg.Chains) > 0 {
		return timeoutchain.Build(cfg, in)
	}
	var found []timeoutchain.Assumption
	if model != nil {
		found = append(found,
			timeoutchain.Discover(dir, model.webSocketLocations(), in.Heartbeats, in.Servers),
			timeoutchain.DiscoverStreams(dir, model.streamServers(), in.Heartbeats))
	}
	found = append(found, timeoutchain.DiscoverCompose(dir, in.Heartbeats, in.Servers))
	return mergeAssumptions(found, stderr)
}

// mergeAssumptions prints the notes of every discovery once and returns
// their chains, each once, and their chain-source findings: two sources
// of discovery (the nginx configuration a compose file mounts, found by
// nginx discovery too) must not report the same chain or note twice.
func mergeAssumptions(found []timeoutchain.Assumption, stderr io.Writer) ([]*timeoutchain.Chain, []report.Finding) {
	var chains []*timeoutchain.Chain
	var errs []report.Finding
	seen := map[string]bool{}
	for _, a := range found {
		for _, note := range a.Notes {
			if !seen["note "+note] {
				seen["note "+note] = true
				fmt.Fprintf(stderr, "connlint: note: %s\n", note)
			}
		}
		for _, c := range a.Chains {
			if key := "chain " + c.Name + " " + c.Decl.String(); !seen[key] {
				seen[key] = true
				chains = append(chains, c)
			}
		}
		errs = append(errs, a.Errors...)
	}
	return chains, errs
}

// chainsOf builds and checks the chains for `check`, with the records the
// analyzers found in the code and the nginx model already loaded for the
// review (the files are parsed once).
func chainsOf(dir string, cfg *config.Config, goOut *gocheck.Output, model *nginxModel, stderr io.Writer) ([]report.Finding, []*timeoutchain.Chain, bool) {
	in := timeoutchain.Inputs{Root: dir}
	if model != nil {
		in.Nginx = model
	}
	in.Heartbeats, in.Servers = codeRecords(goOut)
	chains, errs := buildChains(dir, cfg, in, model, stderr)
	var findings []report.Finding
	for _, c := range chains {
		findings = append(findings, c.Check()...)
	}
	return append(findings, errs...), chains, len(errs) > 0
}

// chainsNeedCode reports whether a chain takes its heartbeat or a hop
// from the analyzed code.
func chainsNeedCode(cfg *config.Config) bool {
	for _, c := range cfg.Chains {
		if !c.Heartbeat.Set {
			return true
		}
		for _, h := range c.Hops {
			if h.Kind == "go" {
				return true
			}
		}
	}
	return false
}

// codeRecords collects the heartbeat and server records of the analyzers,
// with positions made relative like findings' positions.
func codeRecords(out *gocheck.Output) ([]records.Heartbeat, []records.Server) {
	var hbs []records.Heartbeat
	var servers []records.Server
	if out == nil {
		return nil, nil // no Go code was analyzed
	}
	rel := func(p *records.Position) {
		if p.File != "" {
			p.File = gocheck.Relative(out.Root, p.File)
		}
	}
	for _, r := range out.Results["heartbeat"] {
		for _, h := range r.([]records.Heartbeat) {
			rel(&h.Pos)
			rel(&h.Interval.Pos)
			rel(&h.Timeout.Pos)
			if lit := h.Interval.Literal; lit != nil {
				l := *lit
				l.File = gocheck.Relative(out.Root, l.File)
				h.Interval.Literal = &l
			}
			hbs = append(hbs, h)
		}
	}
	for _, r := range out.Results["servertimeouts"] {
		for _, s := range r.([]records.Server) {
			rel(&s.Pos)
			rel(&s.Idle.Pos)
			rel(&s.ReadHeader.Pos)
			servers = append(servers, s)
		}
	}
	return dedupRecords(hbs), dedupServers(servers)
}

// dedup: a package analyzed with and without its tests reports the same
// records twice.
func dedupRecords(in []records.Heartbeat) []records.Heartbeat {
	seen := map[string]bool{}
	var out []records.Heartbeat
	for _, h := range in {
		if k := h.Pos.String(); !seen[k] {
			seen[k] = true
			out = append(out, h)
		}
	}
	return out
}

func dedupServers(in []records.Server) []records.Server {
	seen := map[string]bool{}
	var out []records.Server
	for _, s := range in {
		if k := s.Pos.String(); !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}
