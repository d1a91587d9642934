// Package gocheck runs connlint's analyzers over the Go packages of a
// directory, for `connlint check`, through the go/analysis checker, and
// turns their diagnostics into report.Findings.
//
// Load and type errors are returned as errors, never dropped: an analyzer
// that cannot see a package's types would report nothing, and "no
// findings" must mean the code was checked.
package gocheck

import (
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/rules"
)

// Options say what to load.
type Options struct {
	Dir      string   // the module directory to run in
	Patterns []string // package patterns, relative to Dir
	Tests    bool     // include test files
	// Flags sets analyzer flags before the run: analyzer name → flag
	// name → value. This is how connlint.toml thresholds reach the
	// analyzers, which read them as flags under go vet too.
	Flags map[string]map[string]string
}

// LoadError lists the errors that stopped packages from loading.
type LoadError struct {
	Errors []string
}

func (e *LoadError) Error() string {
	const max = 10
	msgs := e.Errors
	more := ""
	if len(msgs) > max {
		more = fmt.Sprintf("\n(and %d more errors)", len(msgs)-max)
		msgs = msgs[:max]
	}
	return strings.Join(msgs, "\n") + more
}

// Output is what a run produces: the findings, and the results of the
// root analyzers (the heartbeat and server records the timeout chain
// reads), keyed by analyzer name, one per analyzed package.
type Output struct {
	Findings []report.Finding
	Results  map[string][]any
	Root     string // the absolute directory positions are relative to
}

// Run loads the packages and runs the analyzers over them.
func Run(opts Options, analyzers []*analysis.Analyzer) (*Output, error) {
	root, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if err := setFlags(analyzers, opts.Flags); err != nil {
		return nil, err
	}
	cfg := &packages.Config{Mode: packages.LoadAllSyntax, Dir: root, Tests: opts.Tests}
	pkgs, err := packages.Load(cfg, opts.Patterns...)
	if err != nil {
		return nil, &LoadError{Errors: []string{fmt.Sprintf("%s: cannot load Go packages: %v", opts.Dir, err)}}
	}
	if err := loadErrors(pkgs, root); err != nil {
		return nil, err
	}
	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, err
	}
	out := &Output{Results: make(map[string][]any), Root: root}
	var failures []string
	for _, act := range graph.Roots {
		if act.Result != nil {
			out.Results[act.Analyzer.Name] = append(out.Results[act.Analyzer.Name], act.Result)
		}
		if act.Err != nil {
			failures = append(failures, fmt.Sprintf("%s: analyzer %s failed: %v", act.Package.PkgPath, act.Analyzer.Name, act.Err))
			continue
		}
		for _, d := range act.Diagnostics {
			f := Convert(act.Package.Fset, root, act.Analyzer.Name, d)
			if d.Category == rules.BadInput {
				failures = append(failures, fmt.Sprintf("%s:%d:%d: %s", f.File, f.Line, f.Column, f.Message))
				continue
			}
			out.Findings = append(out.Findings, f)
		}
	}
	if len(failures) > 0 {
		sort.Strings(failures)
		return nil, &LoadError{Errors: slices.Compact(failures)}
	}
	return out, nil
}

// setFlags applies flag values to the analyzers that are part of the
// run. A flag the analyzer does not define is a programming error between
// the CLI and the analyzer, reported rather than ignored.
func setFlags(analyzers []*analysis.Analyzer, flags map[string]map[string]string) error {
	for _, a := range analyzers {
		for name, value := range flags[a.Name] {
			if a.Flags.Lookup(name) == nil {
				return fmt.Errorf("analyzer %s has no flag -%s.%s", a.Name, a.Name, name)
			}
			if err := a.Flags.Set(name, value); err != nil {
				return fmt.Errorf("-%s.%s=%s: %v", a.Name, name, value, err)
			}
		}
	}
	return nil
}

// loadErrors collects the list, parse and type errors of the packages and
// their dependencies, once each, in a stable order.
func loadErrors(pkgs []*packages.Package, root string) error {
	seen := map[string]bool{}
	var msgs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msg := e.Msg
			if e.Pos != "" && e.Pos != "-" {
				msg = relative(root, e.Pos) + ": " + msg
			} else {
				msg = p.PkgPath + ": " + msg
			}
			if !seen[msg] {
				seen[msg] = true
				msgs = append(msgs, msg)
			}
		}
	})
	if len(msgs) == 0 {
		return nil
	}
	sort.Strings(msgs)
	return &LoadError{Errors: msgs}
}

// Convert turns an analyzer diagnostic into a Finding with positions
// relative to root.
func Convert(fset *token.FileSet, root, analyzer string, d analysis.Diagnostic) report.Finding {
	rule, ok := rules.Lookup(analyzer)
	if !ok {
		rule = rules.Rule{ID: analyzer, Severity: rules.Warning}
	}
	f := report.Finding{
		Rule:     rule.ID,
		Severity: rule.Severity,
		Position: position(fset, root, d.Pos),
		Message:  d.Message,
		URL:      d.URL,
	}
	if d.End.IsValid() {
		f.End = position(fset, root, d.End)
	}
	for _, r := range d.Related {
		f.Related = append(f.Related, report.Related{Position: position(fset, root, r.Pos), Message: r.Message})
	}
	for _, sf := range d.SuggestedFixes {
		fix := report.Fix{Message: sf.Message}
		for _, e := range sf.TextEdits {
			start, end := fset.Position(e.Pos), fset.Position(e.End)
			if !e.End.IsValid() {
				end = start
			}
			fix.Edits = append(fix.Edits, report.Edit{
				File:        relative(root, start.Filename),
				StartOffset: start.Offset,
				EndOffset:   end.Offset,
				Start:       position(fset, root, e.Pos),
				End:         report.Position{File: relative(root, end.Filename), Line: end.Line, Column: end.Column},
				NewText:     string(e.NewText),
			})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	return f
}

func position(fset *token.FileSet, root string, pos token.Pos) report.Position {
	p := fset.Position(pos)
	return report.Position{File: relative(root, p.Filename), Line: p.Line, Column: p.Column}
}

// Relative makes a file name relative to root, as findings are; the CLI
// uses it for the positions inside analyzer results.
func Relative(root, name string) string { return relative(root, name) }

// relative makes a file name (possibly "file:line:col") relative to root
// with forward slashes; names outside root stay absolute.
func relative(root, name string) string {
	if !filepath.IsAbs(name) {
		return filepath.ToSlash(name)
	}
	rel, err := filepath.Rel(root, name)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(name)
	}
	return filepath.ToSlash(rel)
}
