package nginxcheck

import (
	"fmt"
	"math"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tufanbarisyildirim/gonginx/config"
	"github.com/tufanbarisyildirim/gonginx/parser"

	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/rules"
	"github.com/connlint/connlint/internal/safefile"
)

// Pos is where a directive is written: File relative to the run's root,
// with forward slashes, and the line and column (in bytes, from 1) of the
// directive's name. Line and Column are 32-bit: a large configuration has
// hundreds of thousands of directives, and a file is at most a few hundred
// megabytes.
type Pos struct {
	File   string
	Line   int32
	Column int32
}

// String is "file:line", as nginx names places.
func (p Pos) String() string { return p.File + ":" + strconv.Itoa(int(p.Line)) }

// posAt is the Pos of a line and column of file; one past what 32 bits
// hold is unknown (0).
func posAt(file string, line, col int) Pos {
	c := compact(textPos{line, col})
	return Pos{File: file, Line: c.line, Column: c.col}
}

// position is a finding's position: the column is 1 where it is not
// known (a file that cannot be read is reported at its first line).
func (p Pos) position() report.Position {
	rp := report.Position{File: p.File, Line: int(p.Line), Column: int(p.Column)}
	if p.Line > 0 && p.Column == 0 {
		rp.Column = 1
	}
	return rp
}

// Directive is one directive as written, with includes already expanded:
// a directive from an included file carries that file's name.
type Directive struct {
	Name string
	Args []string
	Pos  Pos
	// Block is the block's directives: empty, not nil, for "name {}";
	// nil for a simple directive ("name;").
	Block []*Directive
	// end is just past the directive's ";", or, for a block, past its
	// opening "{", in the file of Pos: a finding spans the directive, not
	// the block's body. Line 0 when unknown.
	end lineCol
}

// IsBlock tells "name {}" (an empty block) from "name;".
func (d *Directive) IsBlock() bool { return d.Block != nil }

// impliedLine is the end line of the http, server or location block that
// a fragment's directives are modeled in: the file has none of its own,
// and the block has no end. (A field would cost a word per directive.)
const impliedLine = -1

// implied reports whether d is such a block.
func (d *Directive) implied() bool { return d.end.line == impliedLine }

// lineCol is a line and a byte column, from 1, in half the space of a
// Pos: a large configuration has hundreds of thousands of directives.
type lineCol struct{ line, col int32 }

// compact returns p as a lineCol; a position past what int32 holds (a
// file is at most a few hundred megabytes) is unknown.
func compact(p textPos) lineCol {
	if p.line > math.MaxInt32 || p.col > math.MaxInt32 {
		return lineCol{}
	}
	return lineCol{int32(p.line), int32(p.col)}
}

// at is the position of a finding about d.
func (d *Directive) at() (start, end report.Position) {
	start = d.Pos.position()
	if d.end.line > 0 {
		end = report.Position{File: d.Pos.File, Line: int(d.end.line), Column: int(d.end.col)}
	}
	return start, end
}

// reportedAt is where nginx -t reports a problem with d: the line of its
// ";" or "{", which nginx has just read.
func (d *Directive) reportedAt() Pos {
	if d.end.line <= 0 || d.end.line == d.Pos.Line {
		return d.Pos
	}
	return Pos{File: d.Pos.File, Line: d.end.line, Column: 1}
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
	// directives counts the file's directives, nested ones included.
	directives int
}

// Skipped is a file connlint does not review as nginx, and why.
type Skipped struct {
	File   string // relative to the root
	Reason string
}

// loader reads the files of one run. Files are parsed once each, however
// many times they are included; includes are expanded per include site
// (expand), so that the same snippet in two servers is evaluated in each.
type loader struct {
	root       string // absolute
	res        resolver
	files      map[string]*file
	prefetched map[string]parseResult
	order      []string // absolute paths in first-read order
	problems   []report.Finding
	skipped    []Skipped
	included   map[string]bool // files the current entry includes
	limits     limits
	// expanded counts the directives expand has produced, parsed those
	// the files hold; past limits.maxDirectives more than parsed, a nest
	// of includes is refused (overflowed).
	expanded   int
	parsed     int
	overflowed bool
	// resolved caches include resolutions by argument and bases: a
	// snippet included at every site resolves once, not once per site.
	resolved map[string]resolved
}

// limits bound what one run reads, so that hostile or broken input fails
// fast instead of hanging or exhausting memory.
type limits struct {
	maxFileSize int64 // bytes per file
	maxDepth    int   // block nesting depth
	// maxDirectives bounds the directives after include expansion beyond
	// those parsed (see maxExpandedDirectives).
	maxDirectives int
	// maxTotal bounds the bytes of all files of a run: a glob matching a
	// thousand files just under the per-file limit must fail too. read
	// counts them (files are read in parallel).
	maxTotal int64
	read     *atomic.Int64
	// parsed counts the statements of the files scanned, for onScan.
	parsed *atomic.Int64
	onScan func(Scan)
}

// totalFiles is how many files of the per-file limit a run may read in
// all: the loaded model costs about seven times the bytes read (14.5 MB
// of generated servers hold 90 MB after loading), so 64 MiB, four files
// at the limit, stays near half a gigabyte.
const totalFiles = 4

// Defaults of the limits, far above real configurations.
const (
	// DefaultMaxFileSize is the size limit of one file (Options.MaxFileSize).
	DefaultMaxFileSize = safefile.DefaultMaxSize
	// DefaultMaxDepth is the block nesting limit (Options.MaxDepth): real
	// configurations nest http, server and a few locations.
	DefaultMaxDepth = 200
	// maxExpandedDirectives bounds include expansion: every include site
	// counts the included directives again, so files that each include
	// the next twice double the count per level (the nginx form of the
	// "billion laughs" document). A run may expand to this many
	// directives more than it parsed: a large configuration that includes
	// each file once expands to what it read, however large; half a
	// million repeats is hundreds of times the largest public
	// configurations' snippets.
	maxExpandedDirectives = 500_000
)

func (o Options) limits() limits {
	l := limits{maxFileSize: o.MaxFileSize, maxDepth: o.MaxDepth, maxDirectives: maxExpandedDirectives, read: new(atomic.Int64), parsed: new(atomic.Int64), onScan: o.OnScan}
	if l.maxFileSize <= 0 {
		l.maxFileSize = DefaultMaxFileSize
	}
	l.maxTotal = totalFiles * l.maxFileSize
	if l.maxDepth <= 0 {
		l.maxDepth = DefaultMaxDepth
	}
	return l
}

// Load reads the entry files (as given on the command line or in
// [nginx].files) and everything they include, and builds the effective
// model. root is the directory findings' file names are relative to;
// absolute includes under /etc/nginx resolve in the repository (see
// LoadOptions). A file that cannot be read or parsed makes Load return a
// *ParseError; the Config is then built from what could be read and
// should not be judged.
func Load(files []string, root string) (*Config, error) {
	return LoadOptions(files, Options{Root: root})
}

// entry is one entry file, expanded.
type entry struct {
	abs, rel string
	top      []*Directive
	whole    bool            // a whole nginx.conf, not a fragment
	includes map[string]bool // the files it includes, transitively
}

// LoadOptions is Load with the run's options: Root, and Prefix, the
// directory the configuration is deployed to (default DefaultPrefix).
//
// Every entry file is read in its real context. A whole nginx.conf (one
// with http, events or another main-level-only directive) is read at the
// main level, and absolute includes under the prefix resolve against its
// directory. Any other file is a fragment written for an http, server or
// location block elsewhere: when another entry file includes it, it is
// reviewed there only; standing alone, it is read in the context its
// directives imply (entryContext), and its includes resolve against its
// directory or the nearest parent where they exist. A directive in a
// context nginx refuses is an nginx-parse problem.
func LoadOptions(files []string, opts Options) (*Config, error) {
	if opts.Root == "" {
		opts.Root = "."
	}
	rootAbs, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, err
	}
	prefix := DefaultPrefix
	if opts.Prefix != "" {
		prefix = path.Clean(filepath.ToSlash(opts.Prefix))
	}
	l := &loader{root: rootAbs, res: resolver{root: rootAbs, prefix: prefix}, files: map[string]*file{}, prefetched: map[string]parseResult{}, limits: opts.limits()}
	for _, d := range opts.ReadDirs {
		if abs, err := filepath.Abs(d); err == nil {
			l.res.extra = append(l.res.extra, abs)
		}
	}
	cfg := &Config{version: defaultVersion}
	var entries []*entry
	for _, name := range files {
		abs, err := filepath.Abs(name)
		if err != nil {
			return nil, err
		}
		if !within(rootAbs, abs) {
			l.res.extra = append(l.res.extra, filepath.Dir(abs))
		}
		if problem := l.res.readable(abs); problem != "" {
			// A symlink out of the repository, a FIFO or a device named
			// as an entry file: refused before it is opened.
			l.problem(Pos{File: l.rel(abs), Line: 1}, nil, "%s", problem)
			continue
		}
		f := l.parse(abs, Pos{})
		if f == nil {
			continue
		}
		e := &entry{abs: abs, rel: f.rel, whole: wholeConfig(f.stmts)}
		l.included = map[string]bool{}
		e.top = l.expand(f.stmts, l.res.bases(abs, e.whole), map[string]bool{abs: true})
		e.includes = l.included
		entries = append(entries, e)
	}
	for _, e := range entries {
		if includedElsewhere(e, entries) {
			continue
		}
		ctx := cMain
		if !e.whole {
			ctx = entryContext(e.top)
		}
		for _, m := range misplacedIn(e.top, ctx, nil) {
			l.problem(m.d.reportedAt(), m.d, "%s", m.message())
		}
		cfg.build(e.rel, e.top, ctx)
		if cfg.contexts == nil {
			cfg.contexts = map[string]context{}
		}
		cfg.contexts[e.rel] = ctx
	}
	for _, abs := range l.order {
		if f := l.files[abs]; f != nil {
			cfg.Files = append(cfg.Files, f.rel)
			cfg.comments = append(cfg.comments, fileComments{file: f.rel, comments: f.comments})
		}
	}
	cfg.Skipped = l.skipped
	if len(l.problems) > 0 {
		report.Sort(l.problems)
		return cfg, &ParseError{Findings: report.Dedup(l.problems)}
	}
	return cfg, nil
}

// includedElsewhere reports whether another entry file includes e (and
// e does not include it back): e is then reviewed in that file's context.
func includedElsewhere(e *entry, entries []*entry) bool {
	for _, o := range entries {
		if o != e && o.includes[e.abs] && !e.includes[o.abs] {
			return true
		}
	}
	return false
}

// wholeConfig reports whether a file's top level says it is a whole
// nginx.conf: one of its directives is allowed at the main level only.
func wholeConfig(top []*Directive) bool {
	for _, d := range top {
		if allowed, ok := directiveContexts[d.Name]; ok && allowed != cAny && allowed&^cMain == 0 {
			return true
		}
	}
	return false
}

func (l *loader) rel(abs string) string {
	r, err := filepath.Rel(l.root, abs)
	if err != nil {
		r = abs
	}
	return filepath.ToSlash(r)
}

// problem records an nginx-parse problem at the line nginx reports; d,
// when known, is the directive it is about, whose end the finding spans.
func (l *loader) problem(at Pos, d *Directive, format string, args ...any) {
	r := rules.MustLookup("nginx-parse")
	f := report.Finding{
		Rule:     r.ID,
		Severity: r.Severity,
		Position: at.position(),
		Message:  fmt.Sprintf(format, args...),
	}
	if d != nil && d.end.line > 0 {
		_, f.End = d.at()
	}
	l.problems = append(l.problems, f)
}

// parse returns one file, parsed once. from is the include directive that
// names it (zero for an entry file), where a read error is reported.
func (l *loader) parse(abs string, from Pos) *file {
	if f, ok := l.files[abs]; ok {
		return f
	}
	res, ok := l.prefetched[abs]
	if !ok {
		res = parseOne(abs, l.rel(abs), l.limits)
	}
	delete(l.prefetched, abs)
	l.order = append(l.order, abs)
	l.files[abs] = res.f
	if res.f != nil {
		l.parsed += res.f.directives
	}
	if res.skipped != "" {
		l.skipped = append(l.skipped, Skipped{File: l.rel(abs), Reason: res.skipped})
	}
	if res.problem != nil {
		at := res.problem.at
		if at.Line == 0 { // the file cannot be read: blame the include
			at = from
			if at.File == "" {
				at = Pos{File: l.rel(abs), Line: 1}
			}
		}
		l.problem(at, nil, "%s", res.problem.msg)
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
			results[i] = parseOne(p, l.rel(p), l.limits)
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
	skipped string // why the file is not nginx (a Go or Jinja template)
}

// problemAt is a parse problem; a zero line means the file could not be
// read, which is reported at the include that names it.
type problemAt struct {
	at  Pos
	msg string
}

// parseOne reads and parses one file. It touches no loader state, so
// that files can be parsed in parallel.
func parseOne(abs, rel string, lim limits) parseResult {
	src, err := safefile.ReadString(abs, lim.maxFileSize)
	if err != nil {
		return parseResult{problem: &problemAt{msg: fmt.Sprintf("cannot read %s: %s", rel, err)}}
	}
	if total := lim.read.Add(int64(len(src))); total > lim.maxTotal {
		return parseResult{problem: &problemAt{msg: fmt.Sprintf("cannot read %s: the files read exceed %s in all (%d times the per-file limit, [nginx].max_file_size): not read", rel, safefile.FormatSize(lim.maxTotal), totalFiles)}}
	}
	if kind := templateSyntax(src); kind != "" {
		return parseResult{skipped: "template syntax (" + kind + "): not nginx until rendered, not reviewed"}
	}
	if isEnvsubstTemplate(abs) {
		src = blankPlaceholderLines(src)
	}
	fail := func(at textPos, format string, args ...any) parseResult {
		return parseResult{problem: &problemAt{at: posAt(rel, at.line, at.col), msg: fmt.Sprintf(format, args...)}}
	}
	if at, ok := nulByte(src); ok {
		return fail(at, "NUL byte: nginx configuration is text, and this file is binary or corrupt (nginx -t fails here)")
	}
	sc := scanFileDepth(src, lim.maxDepth)
	if sc.err != nil && sc.err.tooDeep {
		return fail(textPos{sc.err.line, sc.err.col}, "%s", sc.err.msg)
	}
	if sc.err != nil {
		return fail(textPos{sc.err.line, sc.err.col}, "%s: fix the file's braces and semicolons (nginx -t fails here)", sc.err.msg)
	}
	if st := unprintableName(sc.stmts); st != nil {
		return fail(st.reportedAt(), "unknown directive %q: a directive name is printable ASCII; the file is binary, corrupt or in another encoding (nginx -t fails here)", st.name)
	}
	if st, msg := checkShapes(sc.stmts, ""); st != nil {
		return fail(st.reportedAt(), "%s (nginx -t fails here)", msg)
	}
	n := countStmts(sc.stmts)
	if total := lim.parsed.Add(int64(n)); lim.onScan != nil {
		lim.onScan(Scan{Bytes: lim.read.Load(), Directives: total, FileDirectives: int64(n)})
	}
	tree, err := parseGonginx(src)
	if err != nil {
		return fail(textPos{gonginxLine(err), 1}, "cannot parse: %v", err)
	}
	return parseResult{f: &file{rel: rel, comments: suppressionComments(sc.comments), stmts: newBuilder(rel, sc.stmts).zip(tree.GetDirectives(), sc.stmts), directives: n}}
}

// countStmts counts statements, nested ones included.
func countStmts(sts []*stmt) int {
	n := len(sts)
	for _, s := range sts {
		n += countStmts(s.children)
	}
	return n
}

// suppressionComments keeps the comments that may be connlint
// directives, with their text copied: a comment's text is a slice of the
// file, which would otherwise stay in memory for the whole run.
func suppressionComments(cs []comment) []comment {
	var out []comment
	for _, c := range cs {
		if strings.Contains(c.text, "connlint:") {
			c.text = strings.Clone(c.text)
			out = append(out, c)
		}
	}
	return out
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
// line (or that gonginx accepts), and returns the first with nginx's
// message. parent is the enclosing block's name ("" at top level).
func checkShapes(stmts []*stmt, parent string) (*stmt, string) {
	for _, s := range stmts {
		switch s.name {
		case "location":
			if s.nargs < 1 || s.nargs > 2 {
				return s, `invalid number of arguments in "location" directive`
			}
		case "include":
			if s.nargs != 1 {
				return s, `invalid number of arguments in "include" directive`
			}
			if s.block {
				return s, `directive "include" has no opening "{"`
			}
		case "upstream":
			if s.nargs != 1 {
				return s, `invalid number of arguments in "upstream" directive`
			}
		}
		needsBlock := s.name == "http" || s.name == "location" || s.name == "upstream" ||
			(s.name == "server" && (parent == "http" || parent == "stream"))
		if needsBlock && !s.block {
			return s, fmt.Sprintf(`directive %q has no opening "{"`, s.name)
		}
		if opaqueBlocks[s.name] {
			continue // its lines are values, not directives
		}
		if st, msg := checkShapes(s.children, s.name); st != nil {
			return st, msg
		}
	}
	return nil, ""
}

// nulByte returns the position of the first NUL byte of src: nginx reads
// its configuration as C strings, so a NUL ends a directive's name or value
// where the file does not.
func nulByte(src string) (textPos, bool) {
	i := strings.IndexByte(src, 0)
	if i < 0 {
		return textPos{}, false
	}
	line := 1 + strings.Count(src[:i], "\n")
	col := i - strings.LastIndexByte(src[:i], '\n')
	return textPos{line, col}, true
}

// unprintableName returns the first statement whose name has a byte
// outside printable ASCII: no nginx module names a directive so, and nginx
// refuses it as unknown. Keys of map-like blocks are values, not names.
func unprintableName(stmts []*stmt) *stmt {
	for _, s := range stmts {
		for i := 0; i < len(s.name); i++ {
			if c := s.name[i]; c <= ' ' || c > '~' {
				return s
			}
		}
		if opaqueBlocks[s.name] {
			continue
		}
		if st := unprintableName(s.children); st != nil {
			return st
		}
	}
	return nil
}

// opaqueBlocks are nginx's blocks whose lines are values, not directives:
// "location 2;" in a map is a key and its value.
var opaqueBlocks = map[string]bool{"map": true, "types": true, "geo": true, "split_clients": true, "charset_map": true}

// reportedAt is where nginx reports a problem with the statement: the
// line of its ";" or "{", at the statement's column when that is the
// name's line.
func (s *stmt) reportedAt() textPos {
	if s.term.line == 0 || s.term.line == s.line {
		return textPos{s.line, s.col}
	}
	return textPos{s.term.line, 1}
}

// zip pairs gonginx's directives with the scanner's statements, which
// know the line of each directive's name. gonginx stamps a directive with
// the line where it ends (";" or "}") and its http/upstream wrappers
// reorder children, so the pairing key is (name, end line), in order.
func (b *builder) zip(gds []config.IDirective, sts []*stmt) []*Directive {
	if ds, ok := b.zipInOrder(gds, sts); ok {
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
		out = append(out, placed{b.newDirective(gd, st), order})
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
func (b *builder) zipInOrder(gds []config.IDirective, sts []*stmt) ([]*Directive, bool) {
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
		ds[i] = b.newDirective(gd, sts[i])
	}
	return ds, true
}

// builder makes the Directives of one file. It allocates them in slabs
// and keeps one copy of each name and argument: a large configuration
// has hundreds of thousands of directives, whose names and arguments
// repeat from server to server ("proxy_set_header", "$host", "1.1").
type builder struct {
	rel  string
	slab []Directive
	strs map[string]string
}

// newBuilder returns the builder of the file rel, whose scanned
// statements size its first slab.
func newBuilder(rel string, sts []*stmt) *builder {
	return &builder{rel: rel, slab: make([]Directive, countStmts(sts)), strs: map[string]string{}}
}

// alloc returns a zero Directive from the slab.
func (b *builder) alloc() *Directive {
	if len(b.slab) == 0 {
		b.slab = make([]Directive, 64) // gonginx found more than the scanner
	}
	d := &b.slab[0]
	b.slab = b.slab[1:]
	return d
}

// intern returns the file's one copy of s, which holds no part of the
// file's text (s may be a slice of it).
func (b *builder) intern(s string) string {
	if c, ok := b.strs[s]; ok {
		return c
	}
	c := strings.Clone(s)
	b.strs[c] = c
	return c
}

// newDirective builds a Directive from gonginx's directive and, when
// known, the scanner's statement for it.
func (b *builder) newDirective(gd config.IDirective, st *stmt) *Directive {
	params := gd.GetParameters()
	d := b.alloc()
	d.Name, d.Pos, d.Args = b.intern(gd.GetName()), posAt(b.rel, gd.GetLine(), 0), make([]string, len(params))
	for i, p := range params {
		d.Args[i] = b.intern(unquote(p.GetValue()))
	}
	if st != nil {
		d.Pos = posAt(b.rel, st.line, st.col)
		d.end = compact(st.term)
		if st.block {
			d.Block = []*Directive{}
		}
		if d.Name == "server" && !st.block {
			// An upstream's server: gonginx rebuilds its parameters in
			// its own order; the written order is the scanner's.
			d.Args = make([]string, len(st.args))
			for i, a := range st.args {
				d.Args[i] = b.intern(a)
			}
		}
	}
	if blk := gd.GetBlock(); blk != nil {
		var children []*stmt
		if st != nil {
			children = st.children
		}
		d.Block = b.zip(blk.GetDirectives(), children)
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
// files it names, recursively. Include paths resolve as resolver.resolve
// says, against bases: nginx resolves relative paths against its
// configuration prefix, the directory of nginx.conf (checked with nginx
// -t: a file in a subdirectory that includes "sub/x.conf" means
// PREFIX/sub/x.conf). A glob may match nothing; a plain path must exist.
func (l *loader) expand(ds []*Directive, bases []string, stack map[string]bool) []*Directive {
	l.expanded += len(ds)
	// Directives are shared, not copied: the same file's directives may
	// appear at several include sites (the model keeps per block what is
	// set there). Only a block whose body holds an include gets a copy,
	// with the expanded body; a list without any is returned as it is.
	var out []*Directive
	for i, d := range ds {
		var repl []*Directive
		switch {
		case d.Name == "include" && !d.IsBlock() && len(d.Args) == 1:
			repl = l.include(d, bases, stack)
		case d.Block != nil:
			if block := l.expand(d.Block, bases, stack); !sameList(block, d.Block) {
				c := *d
				c.Block = block
				repl = []*Directive{&c}
			} else if out != nil {
				out = append(out, d)
			}
			if repl == nil {
				continue
			}
		default:
			if out != nil {
				out = append(out, d)
			}
			continue
		}
		if out == nil {
			out = append(make([]*Directive, 0, len(ds)+len(repl)), ds[:i]...)
		}
		out = append(out, repl...)
	}
	if out == nil {
		return ds
	}
	return out
}

// sameList reports whether a and b are the same slice.
func sameList(a, b []*Directive) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

func (l *loader) include(d *Directive, bases []string, stack map[string]bool) []*Directive {
	arg := d.Args[0]
	if isGlob(arg) {
		if _, err := filepath.Match(arg, ""); err != nil {
			l.problem(d.reportedAt(), d, "include %q: bad pattern: %v", arg, err)
			return nil
		}
	}
	key := arg + "\x00" + strings.Join(bases, "\x00")
	r, cached := l.resolved[key]
	if !cached {
		r = l.res.resolve(arg, bases)
		if l.resolved == nil {
			l.resolved = map[string]resolved{}
		}
		l.resolved[key] = r
	}
	switch {
	case r.problem != "":
		l.problem(d.reportedAt(), d, "include %q: %s", arg, r.problem)
		return nil
	case r.builtin != "":
		return builtinAt(r.builtin, d)
	case r.outside:
		l.skipped = append(l.skipped, Skipped{File: d.Pos.File, Reason: fmt.Sprintf(
			"line %d: include %q names files outside the repository (made where nginx runs): not reviewed", d.Pos.Line, arg)})
		return nil
	}
	l.prefetch(r.paths)
	var out []*Directive
	for _, abs := range r.paths {
		if l.expanded > l.limits.maxDirectives+l.parsed {
			if !l.overflowed {
				l.overflowed = true
				l.problem(d.reportedAt(), d, "include %q: with its includes the configuration grows past %d directives, %d more than its files hold (each include site counts the included directives again): not read further", arg, l.expanded, l.limits.maxDirectives)
			}
			return out
		}
		if stack[abs] {
			l.problem(d.reportedAt(), d, "include %q: %s includes itself (an include cycle): remove the cycle", arg, l.rel(abs))
			continue
		}
		l.included[abs] = true
		f := l.parse(abs, d.Pos)
		if f == nil {
			continue
		}
		stack[abs] = true
		out = append(out, l.expand(f.stmts, bases, stack)...)
		delete(stack, abs)
	}
	return out
}

// builtinAt returns the modeled settings of a built-in file, written at
// the include directive that names it: that is the line a user can see.
func builtinAt(name string, inc *Directive) []*Directive {
	var out []*Directive
	for _, words := range builtinDirectives[name] {
		d := &Directive{Name: words[0], Args: words[1:], Pos: inc.Pos, end: inc.end}
		out = append(out, d)
	}
	return out
}
