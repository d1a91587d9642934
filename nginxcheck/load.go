package nginxcheck

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/tufanbarisyildirim/gonginx/config"
	"github.com/tufanbarisyildirim/gonginx/parser"

	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/rules"
)

// Pos is where a directive is written: File relative to the run's root,
// with forward slashes, and the line of the directive's name.
type Pos struct {
	File string
	Line int
}

func (p Pos) String() string { return p.File + ":" + strconv.Itoa(p.Line) }

// linePosition is a finding's position at a directive: nginx reports
// lines, so the column is the line's start.
func linePosition(file string, line int) report.Position {
	p := report.Position{File: file, Line: line}
	if line > 0 {
		p.Column = 1
	}
	return p
}

// Directive is one directive as written, with includes already expanded:
// a directive from an included file carries that file's name.
type Directive struct {
	Name  string
	Args  []string
	Pos   Pos
	Block []*Directive // the block's directives; nil for a simple directive
	// IsBlock tells "name {}" (an empty block) from "name;".
	IsBlock bool
	level   Kind // the level the directive is written at, set by the model
}

// Arg returns argument i, or "" when there is none.
func (d *Directive) Arg(i int) string {
	if i < len(d.Args) {
		return d.Args[i]
	}
	return ""
}

// ParseError is the error Load and Check return when a file cannot be
// read or parsed. Findings are its problems as nginx-parse findings (also
// returned by Check), so that the CLI can print them and exit 2:
//
//	var pe *nginxcheck.ParseError
//	if errors.As(err, &pe) { ... }
type ParseError struct {
	Findings []report.Finding
}

func (e *ParseError) Error() string {
	var b strings.Builder
	for i, f := range e.Findings {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s:%d: %s", f.File, f.Line, f.Message)
	}
	return b.String()
}

// file is one parsed file: its top-level directives with includes not yet
// expanded, and its comments (for suppressions).
type file struct {
	rel      string
	stmts    []*Directive
	comments []comment
}

// loader reads the files of one run. Files are parsed once each, however
// many times they are included; includes are expanded per include site
// (expand), so that the same snippet in two servers is evaluated in each.
type loader struct {
	root       string // absolute
	files      map[string]*file
	prefetched map[string]parseResult
	order      []string // absolute paths in first-read order
	problems   []report.Finding
}

// Load reads the entry files (as given on the command line or in
// [nginx].files) and everything they include, and builds the effective
// model. root is the directory findings' file names are relative to. A
// file that cannot be read or parsed makes Load return a *ParseError; the
// Config is then built from what could be read and should not be judged.
func Load(files []string, root string) (*Config, error) {
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	l := &loader{root: rootAbs, files: map[string]*file{}, prefetched: map[string]parseResult{}}
	cfg := &Config{version: defaultVersion}
	for _, name := range files {
		abs, err := filepath.Abs(name)
		if err != nil {
			return nil, err
		}
		f := l.parse(abs, Pos{})
		if f == nil {
			continue
		}
		prefix := filepath.Dir(abs)
		top := l.expand(f.stmts, prefix, map[string]bool{abs: true})
		cfg.build(f.rel, top)
	}
	for _, abs := range l.order {
		if f := l.files[abs]; f != nil {
			cfg.Files = append(cfg.Files, f.rel)
			cfg.comments = append(cfg.comments, fileComments{file: f.rel, comments: f.comments})
		}
	}
	if len(l.problems) > 0 {
		report.Sort(l.problems)
		return cfg, &ParseError{Findings: report.Dedup(l.problems)}
	}
	return cfg, nil
}

func (l *loader) rel(abs string) string {
	r, err := filepath.Rel(l.root, abs)
	if err != nil {
		r = abs
	}
	return filepath.ToSlash(r)
}

func (l *loader) problem(at Pos, format string, args ...any) {
	r := rules.MustLookup("nginx-parse")
	msg := fmt.Sprintf(format, args...)
	l.problems = append(l.problems, report.Finding{
		Rule:     r.ID,
		Severity: r.Severity,
		Position: linePosition(at.File, at.Line),
		Message:  msg,
	})
}

// parse returns one file, parsed once. from is the include directive that
// names it (zero for an entry file), where a read error is reported.
func (l *loader) parse(abs string, from Pos) *file {
	if f, ok := l.files[abs]; ok {
		return f
	}
	res, ok := l.prefetched[abs]
	if !ok {
		res = parseOne(abs, l.rel(abs))
	}
	delete(l.prefetched, abs)
	l.order = append(l.order, abs)
	l.files[abs] = res.f
	if res.problem != nil {
		at := res.problem.at
		if at.Line == 0 { // the file cannot be read: blame the include
			at = from
			if at.File == "" {
				at = Pos{File: l.rel(abs), Line: 1}
			}
		}
		l.problem(at, "%s", res.problem.msg)
	}
	return res.f
}

// prefetch parses the files of a glob include in parallel: parsing is
// most of a run's cost, and the files are independent.
func (l *loader) prefetch(paths []string) {
	var todo []string
	for _, p := range paths {
		if _, done := l.files[p]; !done {
			if _, done := l.prefetched[p]; !done {
				todo = append(todo, p)
			}
		}
	}
	if len(todo) < 2 {
		return
	}
	results := make([]parseResult, len(todo))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, p := range todo {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			results[i] = parseOne(p, l.rel(p))
		}()
	}
	wg.Wait()
	for i, p := range todo {
		l.prefetched[p] = results[i]
	}
}

type parseResult struct {
	f       *file
	problem *problemAt
}

// problemAt is a parse problem; a zero line means the file could not be
// read, which is reported at the include that names it.
type problemAt struct {
	at  Pos
	msg string
}

// parseOne reads and parses one file. It touches no loader state, so
// that files can be parsed in parallel.
func parseOne(abs, rel string) parseResult {
	data, err := os.ReadFile(abs)
	if err != nil {
		return parseResult{problem: &problemAt{msg: fmt.Sprintf("cannot read %s: %s", rel, pathErr(err))}}
	}
	fail := func(line int, format string, args ...any) parseResult {
		return parseResult{problem: &problemAt{at: Pos{File: rel, Line: line}, msg: fmt.Sprintf(format, args...)}}
	}
	sc := scanFile(string(data))
	if sc.err != nil {
		return fail(sc.err.line, "%s: fix the file's braces and semicolons (nginx -t fails here)", sc.err.msg)
	}
	if line, msg := checkShapes(sc.stmts, ""); line > 0 {
		return fail(line, "%s (nginx -t fails here)", msg)
	}
	tree, err := parseGonginx(string(data))
	if err != nil {
		return fail(gonginxLine(err), "cannot parse: %v", err)
	}
	return parseResult{f: &file{rel: rel, comments: sc.comments, stmts: zip(tree.GetDirectives(), sc.stmts, rel)}}
}

// parseGonginx runs gonginx on one file's text. Includes are not followed
// by gonginx (expand does it, per include site); unknown directives are
// accepted, because third-party modules add their own. A panic inside
// gonginx becomes an error: connlint must report, never crash.
func parseGonginx(src string) (tree *gonginxConfig, err error) {
	defer func() {
		if r := recover(); r != nil {
			tree, err = nil, fmt.Errorf("gonginx panicked: %v", r)
		}
	}()
	return gonginxParse(src)
}

type gonginxConfig = config.Config

// gonginxParse is gonginx itself; a variable so that a test can make it
// panic.
var gonginxParse = func(src string) (*gonginxConfig, error) {
	return parser.NewStringParser(src, parser.WithSkipValidDirectivesErr(), parser.WithSkipComments()).Parse()
}

var lineInMessage = regexp.MustCompile(`line (\d+)`)

// gonginxLine returns the line a gonginx error names, or 1: several of its
// errors name none (checkShapes catches those first).
func gonginxLine(err error) int {
	if m := lineInMessage.FindStringSubmatch(err.Error()); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
			return n
		}
	}
	return 1
}

// checkShapes finds the malformed directives whose gonginx errors carry no
// line (or that gonginx accepts), and returns the line nginx reports with
// its message. parent is the enclosing block's name ("" at top level).
func checkShapes(stmts []*stmt, parent string) (int, string) {
	for _, s := range stmts {
		switch s.name {
		case "location":
			if s.nargs < 1 || s.nargs > 2 {
				return s.line, `invalid number of arguments in "location" directive`
			}
		case "include":
			if s.nargs != 1 {
				return s.line, `invalid number of arguments in "include" directive`
			}
			if s.block {
				return s.line, `directive "include" has no opening "{"`
			}
		case "upstream":
			if s.nargs != 1 {
				return s.line, `invalid number of arguments in "upstream" directive`
			}
		}
		needsBlock := s.name == "http" || s.name == "location" || s.name == "upstream" ||
			(s.name == "server" && (parent == "http" || parent == "stream"))
		if needsBlock && !s.block {
			return s.line, fmt.Sprintf(`directive %q has no opening "{"`, s.name)
		}
		if line, msg := checkShapes(s.children, s.name); line > 0 {
			return line, msg
		}
	}
	return 0, ""
}

// zip pairs gonginx's directives with the scanner's statements, which
// know the line of each directive's name. gonginx stamps a directive with
// the line where it ends (";" or "}") and its http/upstream wrappers
// reorder children, so the pairing key is (name, end line), in order.
func zip(gds []config.IDirective, sts []*stmt, rel string) []*Directive {
	if ds, ok := zipInOrder(gds, sts, rel); ok {
		return ds
	}
	type key struct {
		name string
		end  int
	}
	queue := make(map[key][]int, len(sts))
	for i, s := range sts {
		k := key{s.name, s.endLine}
		queue[k] = append(queue[k], i)
	}
	type placed struct {
		d     *Directive
		order int
	}
	out := make([]placed, 0, len(gds))
	for _, gd := range gds {
		var st *stmt
		order := len(sts) + len(out)
		k := key{gd.GetName(), gd.GetLine()}
		if q := queue[k]; len(q) > 0 {
			st, order = sts[q[0]], q[0]
			queue[k] = q[1:]
		}
		out = append(out, placed{newDirective(gd, st, rel), order})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].order < out[j].order })
	ds := make([]*Directive, len(out))
	for i, p := range out {
		ds[i] = p.d
	}
	return ds
}

// zipInOrder is zip's fast path: most blocks come from gonginx in written
// order, one statement per directive. ok is false when they do not.
func zipInOrder(gds []config.IDirective, sts []*stmt, rel string) ([]*Directive, bool) {
	if len(gds) != len(sts) {
		return nil, false
	}
	for i, gd := range gds {
		if gd.GetName() != sts[i].name || gd.GetLine() != sts[i].endLine {
			return nil, false
		}
	}
	ds := make([]*Directive, len(gds))
	for i, gd := range gds {
		ds[i] = newDirective(gd, sts[i], rel)
	}
	return ds, true
}

// newDirective builds a Directive from gonginx's directive and, when
// known, the scanner's statement for it.
func newDirective(gd config.IDirective, st *stmt, rel string) *Directive {
	params := gd.GetParameters()
	d := &Directive{Name: gd.GetName(), Pos: Pos{File: rel, Line: gd.GetLine()}, Args: make([]string, len(params))}
	for i, p := range params {
		d.Args[i] = unquote(p.GetValue())
	}
	if st != nil {
		d.Pos.Line = st.line
		d.IsBlock = st.block
		if d.Name == "server" && !st.block {
			// An upstream's server: gonginx rebuilds its parameters in
			// its own order; the written order is the scanner's.
			d.Args = st.args
		}
	}
	if b := gd.GetBlock(); b != nil {
		d.IsBlock = true
		var children []*stmt
		if st != nil {
			children = st.children
		}
		d.Block = zip(b.GetDirectives(), children, rel)
		if d.Block == nil {
			d.Block = []*Directive{}
		}
	}
	return d
}

// unquote strips the quotes gonginx keeps around a quoted parameter.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		q := s[0]
		s = s[1 : len(s)-1]
		if strings.IndexByte(s, '\\') >= 0 {
			s = strings.ReplaceAll(s, `\`+string(q), string(q))
		}
	}
	return s
}

// expand replaces every include directive with the directives of the
// files it names, recursively. Relative include paths resolve against
// prefix, the directory of the entry file, as nginx resolves them against
// its configuration prefix (checked with nginx -t: a file in a
// subdirectory that includes "sub/x.conf" means PREFIX/sub/x.conf). A
// glob may match nothing; a plain path must exist.
func (l *loader) expand(ds []*Directive, prefix string, stack map[string]bool) []*Directive {
	out := make([]*Directive, 0, len(ds))
	for _, d := range ds {
		if d.Name == "include" && !d.IsBlock && len(d.Args) == 1 {
			out = append(out, l.include(d, prefix, stack)...)
			continue
		}
		// A copy per include site: the same snippet included at server
		// and at location level is two settings at two levels.
		c := *d
		if d.Block != nil {
			c.Block = l.expand(d.Block, prefix, stack)
		}
		out = append(out, &c)
	}
	return out
}

func (l *loader) include(d *Directive, prefix string, stack map[string]bool) []*Directive {
	pattern := d.Args[0]
	if !filepath.IsAbs(pattern) {
		pattern = filepath.Join(prefix, pattern)
	}
	var paths []string
	if strings.ContainsAny(pattern, "*?[") {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			l.problem(d.Pos, "include %q: bad pattern: %v", d.Args[0], err)
			return nil
		}
		for _, m := range matches {
			// glob(3), which nginx uses, does not let "*" match a leading
			// dot; filepath.Glob does.
			if strings.HasPrefix(filepath.Base(m), ".") && !strings.HasPrefix(filepath.Base(pattern), ".") {
				continue
			}
			if st, err := os.Stat(m); err == nil && st.IsDir() {
				continue
			}
			paths = append(paths, m)
		}
		sort.Strings(paths)
	} else {
		if _, err := os.Stat(pattern); err != nil {
			l.problem(d.Pos, "include %q: %s is missing (%s): fix the path; relative includes resolve against the main file's directory", d.Args[0], l.rel(pattern), pathErr(err))
			return nil
		}
		paths = []string{pattern}
	}
	for i, p := range paths {
		paths[i], _ = filepath.Abs(p)
	}
	l.prefetch(paths)
	var out []*Directive
	for _, abs := range paths {
		if stack[abs] {
			l.problem(d.Pos, "include %q: %s includes itself (an include cycle): remove the cycle", d.Args[0], l.rel(abs))
			continue
		}
		f := l.parse(abs, d.Pos)
		if f == nil {
			continue
		}
		stack[abs] = true
		out = append(out, l.expand(f.stmts, prefix, stack)...)
		delete(stack, abs)
	}
	return out
}

func pathErr(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
