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
	"os"
	"path/filepath"
	"regexp"
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
	// Dir is the directory the patterns are relative to; findings' file
	// names are relative to it too.
	Dir string
	// Patterns are Go package patterns. nil means every Go module under
	// Dir ("./..." across modules): a directory without Go code is then
	// no error, and Output.Note says so. A pattern that matches nothing
	// is an error.
	Patterns []string
	Tests    bool // include test files
	// Flags sets analyzer flags before the run: analyzer name → flag
	// name → value. This is how connlint.toml thresholds reach the
	// analyzers, which read them as flags under go vet too.
	Flags map[string]map[string]string
	// VetTool, when set, is an executable that serves go vet's -vettool
	// protocol with the same analyzers plus NewResults (connlint itself).
	// Run then analyzes each unit through go vet, whose build cache keeps
	// every package's findings, facts and records: see vet.go. "" loads
	// and analyzes in-process and keeps nothing.
	VetTool string
}

// LoadError lists what stopped Go code from being analyzed, one line each
// naming the file (and line) or the module: a go.mod or go.work that
// cannot be used, a pattern that matches nothing, the first load or type
// error of each module that failed.
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
	// BadInput are the diagnostics that say connlint's own input is
	// wrong (a suppression naming an unknown rule): the run must fail.
	BadInput []report.Finding
	Results  map[string][]any
	Root     string // the absolute directory positions are relative to
	// Note says why no Go code was analyzed, when Patterns was nil and
	// Dir holds no Go module.
	Note string
	// Hidden counts the findings left out because they are in GOROOT or
	// the module cache (foreignDirs), outside the checked directory.
	Hidden int
}

// Run loads the packages the patterns select, module by module, and runs
// the analyzers over them. Each module is loaded where go accepts it: the
// modules a go.work lists together from the workspace, any other module
// from its own directory.
//
// A module that fails to load or type-check does not stop the others:
// Run then returns the findings of everything it could analyze (including
// that module's packages that do not depend on the broken ones) AND a
// *LoadError naming the module and its first error. Any other error
// comes with a nil Output.
func Run(opts Options, analyzers []*analysis.Analyzer) (*Output, error) {
	root, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if err := setFlags(analyzers, opts.Flags); err != nil {
		return nil, err
	}
	p := newPlanner(root)
	discover := opts.Patterns == nil
	texts := opts.Patterns
	if discover {
		texts = []string{"./..."}
	}
	var pats []*pattern
	for _, text := range texts {
		pat, err := p.resolve(text)
		if err != nil {
			p.problems = append(p.problems, err.Error())
			continue
		}
		pats = append(pats, pat)
	}
	out := &Output{Results: make(map[string][]any), Root: root}
	units := p.units(pats)
	if discover && len(units) == 0 && len(p.problems) == 0 {
		out.Note = p.noGoNote(opts.Dir)
	}
	var loaded loadedDirs
	for _, u := range units {
		if opts.VetTool != "" && opts.Tests && p.vetUnit(u, opts, analyzers, out, &loaded) {
			continue
		}
		p.run(u, opts.Tests, analyzers, out, &loaded)
	}
	if discover && out.Note == "" && len(loaded.dirs) == 0 && !loaded.failed && len(p.problems) == 0 {
		out.Note = fmt.Sprintf("no Go package in %s: the Go analyzers did not run", opts.Dir)
	}
	if !discover {
		for _, pat := range pats {
			if !loaded.match(pat) {
				p.problems = append(p.problems, fmt.Sprintf("pattern %s matches no Go package", pat.text))
			}
		}
	}
	if len(p.problems) > 0 {
		return out, &LoadError{Errors: slices.Compact(p.problems)}
	}
	return out, nil
}

func (p *planner) noGoNote(dir string) string {
	if p.stray > 0 {
		return fmt.Sprintf("%s has %d .go files but no go.mod: the Go analyzers need a module (go mod init), and did not run", dir, p.stray)
	}
	return fmt.Sprintf("no Go module (go.mod) in %s: the Go analyzers did not run", dir)
}

// loadedDirs records what the units loaded, to tell a pattern that
// matches nothing.
type loadedDirs struct {
	dirs      []string // directories of root packages with files
	anyImport bool     // an import-path pattern's unit loaded a package
	failed    bool     // a pattern's packages could not be listed (reported)
}

func (l *loadedDirs) match(pat *pattern) bool {
	if l.failed {
		return true // the failure is reported already
	}
	if pat.base == "" {
		return l.anyImport
	}
	for _, d := range l.dirs {
		if d == pat.base || pat.recursive && within(d, pat.base) {
			return true
		}
	}
	return false
}

// run loads one unit and analyzes its packages; problems go to p, the
// rest to out.
func (p *planner) run(u *unit, tests bool, analyzers []*analysis.Analyzer, out *Output, loaded *loadedDirs) {
	traceLoad(u.patterns)
	cfg := &packages.Config{
		Mode:  packages.LoadAllSyntax | packages.NeedModule,
		Dir:   u.dir,
		Tests: tests,
		Env:   append(os.Environ(), "GOWORK="+u.gowork),
	}
	pkgs, err := packages.Load(cfg, u.patterns...)
	if err != nil {
		loaded.failed = true
		p.problems = append(p.problems, fmt.Sprintf("%s: cannot load Go packages: %s", p.unitName(u), oneLine(relativeIn(p.root, firstLine(err.Error())))))
		return
	}
	good, failures := p.sortOut(u, pkgs, loaded)
	p.problems = append(p.problems, failures...)
	if len(good) == 0 {
		return
	}
	graph, err := checker.Analyze(analyzers, good, nil)
	if err != nil {
		p.problems = append(p.problems, fmt.Sprintf("%s: %v", p.unitName(u), err))
		return
	}
	var foreign []string // GOROOT and the module cache, once needed
	for _, act := range graph.Roots {
		if act.Result != nil {
			out.Results[act.Analyzer.Name] = append(out.Results[act.Analyzer.Name], act.Result)
		}
		if act.Err != nil {
			p.problems = append(p.problems, fmt.Sprintf("%s: analyzer %s failed: %v", act.Package.PkgPath, act.Analyzer.Name, act.Err))
			continue
		}
		for _, d := range act.Diagnostics {
			if file := act.Package.Fset.Position(d.Pos).Filename; !within(file, p.root) {
				if foreign == nil {
					foreign = append(foreignDirs(u.dir, p.root), "") // "": computed
				}
				if inForeign(file, foreign) {
					out.Hidden++
					continue
				}
			}
			f := Convert(act.Package.Fset, p.root, act.Analyzer.Name, d)
			if d.Category == rules.BadInput {
				out.BadInput = append(out.BadInput, f)
				continue
			}
			out.Findings = append(out.Findings, f)
		}
	}
}

// traceLoad appends "in-process PATTERN..." to the file named by
// $CONNLINT_VET_TRACE, beside the packages the vet tool analyzes: the
// tests read it to see what was loaded without go vet.
func traceLoad(patterns []string) {
	file := os.Getenv("CONNLINT_VET_TRACE")
	if file == "" {
		return
	}
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = f.WriteString("in-process " + strings.Join(patterns, " ") + "\n")
}

// sortOut splits the root packages into those that can be analyzed (no
// error in them or anything they import) and, per module, the errors of
// the others: one line naming the module and its first error.
func (p *planner) sortOut(u *unit, pkgs []*packages.Package, loaded *loadedDirs) (good []*packages.Package, failures []string) {
	errs := map[*packages.Package][]string{}
	byModule := map[string][]string{}
	var order []string
	for _, pkg := range pkgs {
		files := len(pkg.GoFiles) + len(pkg.CompiledGoFiles) + len(pkg.IgnoredFiles)
		if files == 0 && len(pkg.Errors) > 0 {
			// A pattern go could not list ("no Go files in ...").
			loaded.failed = true
			failures = append(failures, fmt.Sprintf("%s: %s", p.unitName(u), relativeIn(p.root, pkg.Errors[0].Msg)))
			continue
		}
		if len(pkg.GoFiles) > 0 {
			loaded.dirs = append(loaded.dirs, filepath.Dir(pkg.GoFiles[0]))
		}
		loaded.anyImport = true
		msgs := transitiveErrors(pkg, p.root, u.dir, errs)
		if len(msgs) == 0 {
			good = append(good, pkg)
			continue
		}
		name := p.unitName(u)
		if pkg.Module != nil && pkg.Module.Dir != "" {
			name = p.moduleName(pkg.Module.Dir, pkg.Module.Path)
		}
		if _, ok := byModule[name]; !ok {
			order = append(order, name)
		}
		byModule[name] = append(byModule[name], msgs...)
	}
	for _, name := range order {
		msgs := byModule[name]
		sort.Strings(msgs)
		msgs = slices.Compact(msgs)
		sortUserFirst(msgs)
		line := fmt.Sprintf("%s: %s", name, msgs[0])
		switch n := len(msgs) - 1; n {
		case 0:
		case 1:
			line += " (and 1 more error)"
		default:
			line += fmt.Sprintf(" (and %d more errors)", n)
		}
		if cause := toolchainCause(msgs[1:]); cause != "" {
			line += ": " + cause
		}
		failures = append(failures, line)
	}
	return good, failures
}

// sortUserFirst orders a dependency the go command could not fetch or
// resolve, or a C library cgo could not find, first (the errors that
// follow from it, "imported and not used" or "could not import C" among
// them, only mislead), then errors at positions in the user's files
// (relative paths), and those in GOROOT or the module cache (absolute
// paths) last: the first is the one the failure line shows, and it should
// be one the user can act on.
func sortUserFirst(msgs []string) {
	rank := func(m string) int {
		switch {
		case rootCause.MatchString(m):
			return -1
		case filepath.IsAbs(m):
			return 2
		case userPosition.MatchString(m):
			return 0
		}
		return 1
	}
	sort.SliceStable(msgs, func(i, j int) bool { return rank(msgs[i]) < rank(msgs[j]) })
}

var userPosition = regexp.MustCompile(`^[^\s:]+\.go:\d+`)

// rootCause matches the go command's messages for a module it cannot
// download, verify or find, and for a cgo package whose C dependencies
// pkg-config or the C compiler cannot find.
var rootCause = regexp.MustCompile(`reading https?://|missing go\.sum entry|no required module provides package|cannot find module providing package|unknown revision|verifying module|module lookup disabled|# \[pkg-config |fatal error: [^ ]+\.h: No such file`)

// toolchainCause returns the reason the go command gave for failing to
// build a package at all, which the position errors that follow from it
// ("could not import C") leave out: a missing C compiler for cgo.
func toolchainCause(msgs []string) string {
	for _, m := range msgs {
		if i := strings.Index(m, "cgo: C compiler"); i >= 0 {
			return m[i:]
		}
	}
	return ""
}

// transitiveErrors returns the errors of pkg and of every package it
// imports, once each: an analyzer that cannot see a dependency's types
// would report nothing, and "no findings" must mean the code was checked.
func transitiveErrors(pkg *packages.Package, root, dir string, memo map[*packages.Package][]string) []string {
	if msgs, ok := memo[pkg]; ok {
		return msgs
	}
	memo[pkg] = nil // import cycles are themselves reported as errors
	var msgs []string
	for _, e := range pkg.Errors {
		msg := oneLine(e.Msg)
		if pos := e.Pos; pos != "" && pos != "-" {
			if !filepath.IsAbs(pos) {
				pos = filepath.Join(dir, pos) // go list reports some positions relative to where it ran
			}
			msg = relative(root, pos) + ": " + msg
		} else {
			msg = pkg.PkgPath + ": " + relativeIn(root, msg)
		}
		msgs = append(msgs, msg)
	}
	for _, imp := range pkg.Imports {
		msgs = append(msgs, transitiveErrors(imp, root, dir, memo)...)
	}
	sort.Strings(msgs)
	msgs = slices.Compact(msgs)
	memo[pkg] = msgs
	return msgs
}

func (p *planner) unitName(u *unit) string {
	if u.gowork != "off" {
		return "workspace " + p.rel(u.gowork)
	}
	return p.moduleName(u.dir, p.module(u.dir).path)
}

func (p *planner) moduleName(dir, path string) string {
	return fmt.Sprintf("module %s (%s)", path, p.rel(filepath.Join(dir, "go.mod")))
}

// oneLine joins the lines of a go command message ("...; to add:\n\tgo
// get x") so that each problem is one line.
func oneLine(msg string) string {
	return strings.Join(strings.Fields(msg), " ")
}

// relativeIn shortens the absolute file names inside a message.
func relativeIn(root, msg string) string {
	return strings.ReplaceAll(msg, root+string(filepath.Separator), "")
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
