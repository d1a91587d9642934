package gocheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/rules"
	"github.com/connlint/connlint/internal/vetconfig"
)

// The cache: `connlint check` analyzes a unit through `go vet
// -vettool=<connlint> -json` when it can. go vet runs the tool once per
// package, in parallel, type-checking each from its dependencies' export
// data, and keeps in the build cache, per package, both the facts (vetx)
// and the JSON output, keyed by the package's build action ID (its files,
// its dependencies' IDs, the build configuration), the facts of its
// dependencies, the vet flags and the tool's ID (-V=full: a hash of the
// connlint executable and of the module's connlint.toml). An unchanged
// package is therefore not analyzed again, a changed file re-analyzes its
// package and the packages that depend on it, and nothing else does.
//
// The flags carry what else decides the findings: the thresholds of
// connlint.toml and -checkresults.emit, which makes the heartbeat and
// server records part of the cached output (see NewResults).
//
// The in-process loader (run) stays for what go vet cannot say precisely:
// when go vet fails (a package does not build, a module cannot be loaded)
// the packages it could not analyze are loaded again in-process, which
// names each module's first error (a module go cannot download is named
// from go list's errors instead, the rest vetted alone: see unlistable); and -cache=false, test files excluded ([code] tests = false: go
// vet always includes them), or no tool.

// vetUnit analyzes u through go vet. It returns false, having changed
// nothing, when go vet cannot analyze the unit cleanly: the caller then
// loads it in-process.
func (p *planner) vetUnit(u *unit, opts Options, analyzers []*analysis.Analyzer, out *Output, loaded *loadedDirs) bool {
	stdout, stderr, err := p.goVet(u, opts, nil)
	// Embed patterns of files a build step makes: rerun with placeholders.
	placeholders := map[string]bool{}
	for round := 0; err != nil && round < maxOverlayRounds && embedOverlay(stderr, u.dir, placeholders); round++ {
		stdout, stderr, err = p.goVet(u, opts, placeholders)
	}
	var incomplete []string
	if err != nil {
		// Some packages do not build or type-check. go vet analyzed the
		// others; only the failed ones and those that import them are
		// loaded in-process, which names each module's first error.
		var ok bool
		if incomplete, ok = p.incomplete(u, opts.Tests, stderr); !ok {
			// go vet stopped before any package: a module go cannot
			// download or a package it cannot list. Vet again the
			// packages that do not depend on what failed; only the
			// others are loaded in-process, which names the error.
			// Loading a whole application from source instead costs
			// gigabytes.
			good, bad := p.unlistable(u, opts.Tests)
			if len(good) == 0 || len(bad) == 0 {
				return false // nothing to split: the in-process loader names it
			}
			if stdout, _, err = p.goVet(&unit{dir: u.dir, gowork: u.gowork, patterns: good}, opts, placeholders); err != nil {
				return false
			}
			// The others cannot be type-checked: go list's errors name
			// why, as the in-process loader would, without loading them.
			_, failures := p.sortOut(u, bad, loaded)
			p.problems = append(p.problems, failures...)
		}
	}
	skip := make(map[string]bool, len(incomplete))
	for _, path := range incomplete {
		skip[path] = true
	}
	res, err := decodeVet(stdout, p.root, analyzers, skip)
	if err != nil {
		// Never trusted: output that does not decode (a damaged cache
		// entry) is no evidence of anything.
		return false
	}
	// As in run: findings in GOROOT or the module cache (absolute: outside
	// the root) are counted, not shown.
	var foreign []string
	keep := func(fs []report.Finding) []report.Finding {
		var kept []report.Finding
		for _, f := range fs {
			if filepath.IsAbs(f.File) {
				if foreign == nil {
					foreign = append(foreignDirs(u.dir, p.root), "") // "": computed
				}
				if inForeign(f.File, foreign) {
					out.Hidden++
					continue
				}
			}
			kept = append(kept, f)
		}
		return kept
	}
	out.Findings = append(out.Findings, keep(res.findings)...)
	out.BadInput = append(out.BadInput, keep(res.badInput)...)
	for name, rs := range res.results {
		out.Results[name] = append(out.Results[name], rs...)
	}
	p.problems = append(p.problems, res.problems...)
	// The directories go vet analyzed, from the package records of its
	// output (cached with it): no separate go list is needed to tell a
	// pattern that matched nothing.
	loaded.dirs = append(loaded.dirs, res.dirs...)
	loaded.anyImport = loaded.anyImport || len(res.dirs) > 0
	if len(incomplete) > 0 {
		p.run(&unit{dir: u.dir, gowork: u.gowork, patterns: incomplete}, opts.Tests, analyzers, out, loaded)
	}
	return true
}

// goVet runs go vet over the unit with connlint as its tool, with the
// placeholders of embedOverlay when there are any, and returns its
// output.
func (p *planner) goVet(u *unit, opts Options, placeholders map[string]bool) (stdout, stderr []byte, err error) {
	args := []string{"vet", "-vettool=" + opts.VetTool, "-json"}
	if len(placeholders) > 0 {
		overlay, err := writeOverlay(placeholders)
		if err != nil {
			return nil, nil, err
		}
		defer os.Remove(overlay)
		args = append(args, "-overlay="+overlay)
	}
	args = append(args, vetFlags(opts.Flags)...)
	args = append(args, "-"+ResultsName+".emit")
	args = append(args, u.patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = u.dir
	// Every setting is in the flags: the tool reads no connlint.toml, and
	// its ID does not change with the parts of it Go analysis never reads.
	cmd.Env = append(os.Environ(), "GOWORK="+u.gowork, vetconfig.SettingsEnv+"=flags")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	return out.Bytes(), errOut.Bytes(), err
}

// incomplete returns the unit's packages go vet could not analyze: those
// its error output names in "# path" headers, and every root package that
// imports one of them, which go vet skips without a word. Test variants
// count as their package (an external test package as the package it
// tests). false means go vet failed before any package, or for none of
// the unit's.
func (p *planner) incomplete(u *unit, tests bool, stderr []byte) ([]string, bool) {
	failed := failedPackages(stderr)
	if len(failed) == 0 {
		return nil, false
	}
	pkgs, err := p.list(u, tests)
	if err != nil {
		return nil, false
	}
	bad, _ := brokenRoots(pkgs, func(pkg *packages.Package) bool { return failed[pkg.PkgPath] })
	if len(bad) == 0 {
		return nil, false
	}
	return sortedKeys(bad), true
}

// unlistable splits the unit's packages, as go list sees them, into the
// import paths of those that neither have errors nor depend on a package
// that has (good), and the listed packages of the others (bad). go list
// names a module it cannot download, or a package it cannot find, as an
// error of the packages that need it.
func (p *planner) unlistable(u *unit, tests bool) (good []string, bad []*packages.Package) {
	pkgs, err := p.list(u, tests)
	if err != nil {
		return nil, nil
	}
	badSet, all := brokenRoots(pkgs, func(pkg *packages.Package) bool { return len(pkg.Errors) > 0 })
	for path := range all {
		if !badSet[path] {
			good = append(good, path)
		}
	}
	for _, pkg := range pkgs {
		if badSet[rootPath(pkg)] && !strings.HasSuffix(pkg.ID, ".test") {
			bad = append(bad, pkg)
		}
	}
	slices.Sort(good)
	return good, bad
}

// list lists the unit's packages, their files, modules and imports,
// without syntax or types.
func (p *planner) list(u *unit, tests bool) ([]*packages.Package, error) {
	cfg := &packages.Config{
		Mode:  packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedDeps | packages.NeedModule,
		Dir:   u.dir,
		Tests: tests,
		Env:   append(os.Environ(), "GOWORK="+u.gowork),
	}
	return packages.Load(cfg, u.patterns...)
}

// brokenRoots returns the import paths of the root packages that fail or
// import, directly or not, a package that fails (bad), and of all the
// root packages (all). A test variant counts as its package, and an
// external test package as the package it tests.
func brokenRoots(pkgs []*packages.Package, fails func(*packages.Package) bool) (bad, all map[string]bool) {
	memo := map[*packages.Package]bool{}
	var broken func(pkg *packages.Package) bool
	broken = func(pkg *packages.Package) bool {
		if b, ok := memo[pkg]; ok {
			return b
		}
		memo[pkg] = false // an import cycle is go's to report
		b := fails(pkg)
		for _, imp := range pkg.Imports {
			b = broken(imp) || b
		}
		memo[pkg] = b
		return b
	}
	bad, all = map[string]bool{}, map[string]bool{}
	for _, pkg := range pkgs {
		if strings.HasSuffix(pkg.ID, ".test") || pkg.PkgPath == "" {
			continue // a generated test main is no package of the user's
		}
		path := rootPath(pkg)
		all[path] = true
		if broken(pkg) {
			bad[path] = true
		}
	}
	return bad, all
}

// rootPath is the import path a root package is named by: its own, or
// for an external test package that of the package it tests.
func rootPath(pkg *packages.Package) string {
	if strings.HasSuffix(pkg.Name, "_test") {
		return strings.TrimSuffix(pkg.PkgPath, "_test")
	}
	return pkg.PkgPath
}

// failedPackages reads the import paths out of the headers go vet prints
// before a package's errors: "# path", or "# [path]" for its vet step,
// either with a test variant's " [path.test]" after it.
func failedPackages(stderr []byte) map[string]bool {
	failed := map[string]bool{}
	for _, line := range strings.Split(string(stderr), "\n") {
		header, ok := strings.CutPrefix(line, "# ")
		if !ok || strings.Contains(header, " -- ") {
			continue // not a header, or a command line cgo ran ("# [pkg-config --cflags -- libusb]")
		}
		header = strings.TrimPrefix(header, "[")
		path, _, _ := strings.Cut(header, " ")
		if path = strings.TrimSuffix(path, "]"); path != "" {
			failed[path] = true
		}
	}
	return failed
}

// vetFlags turns analyzer flags into go vet's command-line form, sorted
// so that the same configuration gives the same cache key.
func vetFlags(flags map[string]map[string]string) []string {
	var out []string
	for a, fs := range flags {
		for name, value := range fs {
			out = append(out, fmt.Sprintf("-%s.%s=%s", a, name, value))
		}
	}
	sort.Strings(out)
	return out
}

type vetResult struct {
	findings, badInput []report.Finding
	results            map[string][]any
	problems           []string
	dirs               []string // of the packages analyzed
}

// jsonDiagnostic is a diagnostic of go vet -json (x/tools'
// analysisflags format).
type jsonDiagnostic struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename string `json:"filename"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			New      string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
	Related []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`
}

// decodeVet reads go vet -json's output: a stream of objects, package →
// analyzer → diagnostics or {"error": ...}.
func decodeVet(data []byte, root string, analyzers []*analysis.Analyzer, skip map[string]bool) (*vetResult, error) {
	byName := map[string]*analysis.Analyzer{}
	for _, a := range analyzers {
		byName[a.Name] = a
		for _, r := range a.Requires {
			byName[r.Name] = r
		}
	}
	res := &vetResult{results: map[string][]any{}}
	files := &fileLines{}
	dec := json.NewDecoder(bytes.NewReader(dropComments(data)))
	for dec.More() {
		var doc map[string]map[string]json.RawMessage
		if err := dec.Decode(&doc); err != nil {
			return nil, err
		}
		for _, id := range sortedKeys(doc) {
			pkgPath, _, _ := strings.Cut(id, " ")
			if skip[strings.TrimSuffix(pkgPath, "_test")] {
				continue // analyzed again in-process, with its failed variant
			}
			for _, name := range sortedKeys(doc[id]) {
				raw := doc[id][name]
				var failed struct{ Error string }
				if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) {
					if err := json.Unmarshal(raw, &failed); err != nil {
						return nil, err
					}
					res.problems = append(res.problems, fmt.Sprintf("%s: analyzer %s failed: %s", pkgPath, name, failed.Error))
					continue
				}
				var diags []jsonDiagnostic
				if err := json.Unmarshal(raw, &diags); err != nil {
					return nil, err
				}
				for _, d := range diags {
					if name == ResultsName && d.Category == packageCategory {
						res.dirs = append(res.dirs, d.Message)
						continue
					}
					if name == ResultsName && d.Category == resultsCategory {
						rname, result, err := decodeResult(d.Message, byName)
						if err != nil {
							return nil, err
						}
						res.results[rname] = append(res.results[rname], result)
						continue
					}
					f, err := convertJSON(root, byName[name], name, d, files)
					if err != nil {
						return nil, err
					}
					if d.Category == rules.BadInput {
						res.badInput = append(res.badInput, f)
					} else {
						res.findings = append(res.findings, f)
					}
				}
			}
		}
	}
	return res, nil
}

// dropComments drops the "# package" lines go vet may print between the
// JSON objects.
func dropComments(data []byte) []byte {
	var b bytes.Buffer
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		if !bytes.HasPrefix(line, []byte("#")) {
			b.Write(line)
		}
	}
	return b.Bytes()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// convertJSON is Convert for a diagnostic of go vet -json.
func convertJSON(root string, a *analysis.Analyzer, name string, d jsonDiagnostic, files *fileLines) (report.Finding, error) {
	rule, ok := rules.Lookup(name)
	if !ok {
		rule = rules.Rule{ID: name, Severity: rules.Warning}
	}
	pos, err := parsePosn(root, d.Posn)
	if err != nil {
		return report.Finding{}, err
	}
	f := report.Finding{Rule: rule.ID, Severity: rule.Severity, Position: pos, Message: d.Message, URL: resolveURL(a, ok, rule, d.Category)}
	// go vet prints the start again as the end when there is none.
	if d.End != "" && d.End != d.Posn {
		if f.End, err = parsePosn(root, d.End); err != nil {
			return report.Finding{}, err
		}
	}
	for _, r := range d.Related {
		rp, err := parsePosn(root, r.Posn)
		if err != nil {
			return report.Finding{}, err
		}
		f.Related = append(f.Related, report.Related{Position: rp, Message: r.Message})
	}
	for _, sf := range d.SuggestedFixes {
		fix := report.Fix{Message: sf.Message}
		for _, e := range sf.Edits {
			start, err := files.position(e.Filename, e.Start)
			if err != nil {
				return report.Finding{}, err
			}
			end, err := files.position(e.Filename, e.End)
			if err != nil {
				return report.Finding{}, err
			}
			file := relative(root, e.Filename)
			fix.Edits = append(fix.Edits, report.Edit{
				File:        file,
				StartOffset: e.Start,
				EndOffset:   e.End,
				Start:       report.Position{File: file, Line: start.Line, Column: start.Column},
				End:         report.Position{File: file, Line: end.Line, Column: end.Column},
				NewText:     e.New,
			})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	return f, nil
}

// resolveURL is the URL the go/analysis checker gives a diagnostic: the
// rule's page for connlint's analyzers (internal/lint sets it), else the
// analyzer's URL with the category as fragment.
func resolveURL(a *analysis.Analyzer, isRule bool, rule rules.Rule, category string) string {
	if isRule {
		return rule.DocURL()
	}
	if a == nil || (a.URL == "" && category == "") {
		return ""
	}
	base, err := url.Parse(a.URL)
	if err != nil {
		return ""
	}
	if category == "" {
		return base.String()
	}
	return base.ResolveReference(&url.URL{Fragment: category}).String()
}

// parsePosn parses "file:line:col" (file absolute) into a position
// relative to root.
func parsePosn(root, posn string) (report.Position, error) {
	rest, col, ok1 := cutLastInt(posn)
	file, line, ok2 := cutLastInt(rest)
	if !ok1 || !ok2 {
		return report.Position{}, fmt.Errorf("bad position %q", posn)
	}
	return report.Position{File: relative(root, file), Line: line, Column: col}, nil
}

func cutLastInt(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	return s[:i], n, err == nil
}

// fileLines turns byte offsets of fix edits into lines and columns, as
// token.Position does: both counted from 1, columns in bytes.
type fileLines struct {
	starts map[string][]int // file → offsets where lines start
}

type lineCol struct{ Line, Column int }

func (fl *fileLines) position(file string, offset int) (lineCol, error) {
	if fl.starts == nil {
		fl.starts = map[string][]int{}
	}
	starts, ok := fl.starts[file]
	if !ok {
		data, err := os.ReadFile(file)
		if err != nil {
			return lineCol{}, err
		}
		starts = []int{0}
		for i, c := range data {
			if c == '\n' {
				starts = append(starts, i+1)
			}
		}
		starts = append(starts, len(data)+1) // sentinel: offsets up to EOF
		fl.starts[file] = starts
	}
	if offset < 0 || offset >= starts[len(starts)-1] {
		return lineCol{}, fmt.Errorf("%s: offset %d outside the file", file, offset)
	}
	line := sort.Search(len(starts), func(i int) bool { return starts[i] > offset }) // first line starting after offset
	return lineCol{Line: line, Column: offset - starts[line-1] + 1}, nil
}
