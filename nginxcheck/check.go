package nginxcheck

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/connlint/connlint/internal/config"
	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/rules"
	"github.com/connlint/connlint/internal/safefile"
	"github.com/connlint/connlint/internal/units"
)

// Options are the [nginx] settings of a run.
type Options struct {
	// Root is the directory findings' file names are relative to.
	Root string
	// MaxBodySize is nginx-body-size's threshold; 0 means
	// config.DefaultMaxBodySize.
	MaxBodySize units.Size
	// MinKeepaliveRequests is nginx-keepalive's threshold; 0 means
	// config.DefaultMinKeepaliveRequests.
	MinKeepaliveRequests int
	// Version is the nginx version whose defaults apply; "" means
	// DefaultVersion.
	Version string
	// Prefix is the directory the configuration is deployed to, where
	// nginx.conf lives ([nginx].prefix); "" means DefaultPrefix. Absolute
	// include paths under it resolve in the repository.
	Prefix string
	// MaxFileSize is the size limit of one file, in bytes; 0 means
	// DefaultMaxFileSize. A larger file is an nginx-parse problem.
	MaxFileSize int64
	// MaxDepth is the block nesting limit; 0 means DefaultMaxDepth.
	MaxDepth int
	// ReadDirs are directories outside Root whose files includes may
	// read ([nginx].read_dirs); any other file outside Root is refused.
	ReadDirs []string
	// OnScan, when set, is called as each file is scanned, before it is
	// parsed and modeled: what the run is about to cost, for a caller
	// that bounds its memory. Files are scanned in parallel: OnScan must
	// be safe for concurrent use.
	OnScan func(Scan)
}

// Scan is what a run has read when a file is scanned.
type Scan struct {
	Bytes      int64 // bytes read so far
	Directives int64 // directives scanned so far, the file's included
	// FileDirectives are the directives of the file about to be parsed:
	// parsing holds two trees of them at once.
	FileDirectives int64
}

// Check loads the entry files (and their includes), builds the effective
// model and runs the nginx rules. Findings are sorted, their File relative
// to opts.Root with forward slashes, and suppressions are applied.
//
// When a file cannot be read or parsed, Check returns the nginx-parse
// findings AND a *ParseError holding the same findings: the run must fail
// (exit 2), as nginx itself refuses such a configuration, and no other
// rule is run. Any other error (a bad Version) is returned alone.
func Check(files []string, opts Options) ([]report.Finding, error) {
	if opts.Root == "" {
		opts.Root = "."
	}
	cfg, err := LoadOptions(files, opts)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			return pe.Findings, err
		}
		return nil, err
	}
	return Review(cfg, opts)
}

// Review runs the rules over a loaded configuration, for callers that also
// use the model (the timeout chain) and must not parse the files twice.
func Review(cfg *Config, opts Options) ([]report.Finding, error) {
	if opts.MaxBodySize == 0 {
		opts.MaxBodySize = config.DefaultMaxBodySize
	}
	if opts.MinKeepaliveRequests == 0 {
		opts.MinKeepaliveRequests = config.DefaultMinKeepaliveRequests
	}
	if err := cfg.SetVersion(opts.Version); err != nil {
		return nil, fmt.Errorf("[nginx].version: %w", err)
	}
	comments := cfg.comments
	c := &checker{cfg: cfg, opts: opts}
	c.run()
	// From here on the model is not used: a caller that does not keep it
	// lets it go before the findings are gathered in one slice.
	c.cfg, cfg = nil, nil
	fs := c.findings()
	c.found = nil
	report.Sort(fs)
	fs = report.Dedup(fs)
	fs = applySuppressions(comments, fs)
	report.Sort(fs)
	return fs, nil
}

// suppression is one "# connlint:ignore" or "# connlint:file-ignore".
type suppression struct {
	file      string
	line, col int
	wholeFile bool
	rules     []string
	reason    string
	used      map[string]bool
}

const (
	ignorePrefix     = "connlint:ignore"
	fileIgnorePrefix = "connlint:file-ignore"
)

// parseSuppression reads "# connlint:ignore RULE[,RULE] reason" (the
// text after "#"), with the same grammar as the Go directive.
func parseSuppression(file string, c comment) *suppression {
	t := strings.TrimSpace(c.text)
	s := &suppression{file: file, line: c.line, col: c.col, used: map[string]bool{}}
	switch {
	case strings.HasPrefix(t, fileIgnorePrefix):
		t, s.wholeFile = t[len(fileIgnorePrefix):], true
	case strings.HasPrefix(t, ignorePrefix):
		t = t[len(ignorePrefix):]
	default:
		return nil
	}
	if t != "" && t[0] != ' ' && t[0] != '\t' {
		return nil // "connlint:ignored", not a directive
	}
	// A further "#" ends the directive: what follows is a remark.
	if i := strings.IndexByte(t, '#'); i >= 0 {
		t = t[:i]
	}
	fields := strings.Fields(t)
	if len(fields) > 0 {
		for _, r := range strings.Split(fields[0], ",") {
			if r != "" {
				s.rules = append(s.rules, r)
			}
		}
		s.reason = strings.Join(fields[1:], " ")
	}
	return s
}

func (s *suppression) kind() string {
	if s.wholeFile {
		return "# " + fileIgnorePrefix
	}
	return "# " + ignorePrefix
}

// covers reports whether s silences a finding of rule at f, marking it used.
func (s *suppression) covers(f report.Finding) bool {
	if f.File != s.file || (!s.wholeFile && f.Line != s.line && f.Line != s.line+1) {
		return false
	}
	for _, r := range s.rules {
		if r == f.Rule {
			s.used[r] = true
			return true
		}
	}
	return false
}

// applySuppressions drops suppressed findings and adds suppress findings
// for directives with no rule, an unknown or non-nginx rule, no reason,
// or nothing suppressed.
func applySuppressions(comments []fileComments, fs []report.Finding) []report.Finding {
	var sups []*suppression
	for _, fc := range comments {
		for _, c := range fc.comments {
			if s := parseSuppression(fc.file, c); s != nil {
				sups = append(sups, s)
			}
		}
	}
	if len(sups) == 0 {
		return fs
	}
	kept := fs[:0:0]
	for _, f := range fs {
		suppressed := false
		for _, s := range sups {
			if s.covers(f) {
				suppressed = true
			}
		}
		if !suppressed {
			kept = append(kept, f)
		}
	}
	sr := rules.MustLookup("suppress")
	add := func(s *suppression, format string, args ...any) {
		kept = append(kept, report.Finding{
			Rule: sr.ID, Severity: sr.Severity,
			Position: posAt(s.file, s.line, s.col).position(),
			Message:  fmt.Sprintf(format, args...),
		})
	}
	for _, s := range sups {
		if len(s.rules) == 0 {
			add(s, "%s names no rule: write %s RULE reason", s.kind(), s.kind())
			continue
		}
		for _, id := range s.rules {
			r, ok := rules.Lookup(id)
			switch {
			case !ok:
				add(s, "%s names unknown rule %q: `connlint rules` lists the rules", s.kind(), id)
			case id == "nginx-parse":
				add(s, "%s cannot silence nginx-parse: nginx refuses the file, fix it instead", s.kind())
			case r.Source != rules.Nginx:
				add(s, "%s names rule %q, which never reports on nginx configuration: remove it", s.kind(), id)
			case !s.used[id]:
				add(s, "%s %s suppresses nothing here: remove the stale directive", s.kind(), id)
			}
		}
		if strings.TrimSpace(s.reason) == "" {
			add(s, "%s %s has no reason: say why the rule does not apply here", s.kind(), strings.Join(s.rules, ","))
		}
	}
	return kept
}

// Discover returns the nginx entry files under dir, sorted, outside
// vendor, node_modules, testdata and hidden directories (.git), hidden
// files aside:
//
//   - *.conf files and envsubst templates (*.template) that hold nginx
//     configuration: http, server, location or upstream blocks, or only
//     directives nginx knows, each ended by ";" (a fragment such as
//     snippets/proxy.conf); other formats that share the .conf suffix
//     (INI, Apache, mosquitto) are not nginx;
//   - Go and Jinja templates of nginx configuration (*.tmpl, *.gtpl,
//     *.j2, or the names above with {{ }}), which Load skips with a note
//     instead of parsing them.
//
// A file included by another discovered file (directly or through other
// includes, resolved as Load resolves them) is not an entry point.
func Discover(dir string) ([]string, error) {
	return DiscoverWith(dir, nil)
}

// DiscoverWith is Discover with extra files that are known to be nginx
// configuration whatever their name or directory: the files a
// docker-compose file mounts into an nginx container. They are entry
// points unless another entry file includes them, and an extra file that
// includes a discovered one makes that one a non-entry too, so no file is
// reviewed twice.
func DiscoverWith(dir string, extra []string) ([]string, error) {
	var candidates []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != dir && (name == "vendor" || name == "node_modules" || name == "testdata" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		// A hidden file is one an include glob would skip too: h5bp's
		// conf.d/.default.conf is disabled that way.
		if !d.Type().IsRegular() || strings.HasPrefix(name, ".") || !nginxName(name) {
			return nil
		}
		data, err := discoveryHead(path)
		if err != nil {
			return err
		}
		if isNginx(name, data) {
			candidates = append(candidates, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	candidates = withExtra(candidates, extra)
	rootAbs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	res := resolver{root: rootAbs, prefix: DefaultPrefix}
	included := map[string]bool{}
	for _, c := range candidates {
		abs, _ := filepath.Abs(c)
		data, err := safefile.Read(abs, DefaultMaxFileSize)
		if err != nil {
			continue // Load reports it
		}
		stmts := scanFile(string(data)).stmts
		res.markIncludes(stmts, res.bases(abs, mainOnly(stmts)), included, map[string]bool{abs: true})
	}
	var out []string
	for _, c := range candidates {
		if abs, _ := filepath.Abs(c); !included[abs] {
			out = append(out, c)
		}
	}
	sort.Strings(out)
	return out, nil
}

// withExtra adds the extra files that are not candidates already (by
// absolute path).
func withExtra(candidates, extra []string) []string {
	seen := map[string]bool{}
	for _, c := range candidates {
		abs, _ := filepath.Abs(c)
		seen[abs] = true
	}
	for _, e := range extra {
		abs, _ := filepath.Abs(e)
		if !seen[abs] {
			seen[abs] = true
			candidates = append(candidates, e)
		}
	}
	return candidates
}

// discoveryHead reads what discovery needs to tell an nginx file: the
// whole file, or, past the size limit, its first megabyte, so that an
// oversized configuration is still found and Load reports its size
// rather than discovery leaving it out silently.
func discoveryHead(path string) ([]byte, error) {
	data, err := safefile.Read(path, DefaultMaxFileSize)
	var fe *safefile.Error
	if !errors.As(err, &fe) || !fe.TooLarge {
		return data, err
	}
	f, err := os.Open(path) // a regular file: discovery walks only those
	if err != nil {
		return nil, nil
	}
	defer f.Close()
	head := make([]byte, 1<<20)
	n, _ := io.ReadFull(f, head)
	return head[:n], nil
}

// templateSuffixes are the names of template languages that render nginx
// configuration: Go's text/template (ingress-nginx, tempio), Jinja.
var templateSuffixes = []string{".tmpl", ".gtpl", ".j2", ".jinja", ".jinja2"}

// nginxName reports whether a file name may hold nginx configuration.
func nginxName(name string) bool {
	if strings.HasSuffix(name, ".conf") || strings.HasSuffix(name, ".template") {
		return true
	}
	for _, s := range templateSuffixes {
		if strings.HasSuffix(name, s) {
			// nginx.tmpl, default.conf.j2, site.gtpl: the name or the
			// content (isNginx) must say nginx.
			return true
		}
	}
	return false
}

// nginxBlocks are the blocks that make a file nginx configuration.
var nginxBlocks = map[string]bool{"http": true, "server": true, "location": true, "upstream": true, "events": true, "stream": true}

// isNginx reports whether a candidate file holds nginx configuration (or
// a template of it).
func isNginx(name string, data []byte) bool {
	if templateSyntax(string(data)) != "" {
		return templateOfNginx(data)
	}
	for _, s := range templateSuffixes {
		if strings.HasSuffix(name, s) {
			return false // a template without template syntax: not ours to guess
		}
	}
	src := string(data)
	if isEnvsubstTemplate(name) {
		src = blankPlaceholderLines(src)
	}
	sc := scanFile(src)
	for _, s := range sc.stmts {
		if s.block && nginxBlocks[s.name] {
			// A broken nginx file is still reported, but other formats
			// use braces too (SPIRE's server.conf: server { key = value
			// }): the statements read before the error must be nginx's.
			// A file that calls itself nginx's is nginx's even when
			// broken before its first directive, so Load reports it.
			return sc.err == nil || knownStatements(sc.stmts) > 0 || namedNginx(name)
		}
	}
	if sc.err != nil || len(sc.stmts) == 0 {
		return false
	}
	for _, s := range sc.stmts {
		if !directiveName.MatchString(s.name) {
			return false
		}
	}
	return knownStatements(sc.stmts) > 0
}

// namedNginx reports whether a file's name says it configures nginx
// (nginx.conf, nginx-site.conf).
func namedNginx(name string) bool {
	return strings.Contains(strings.ToLower(name), "nginx")
}

// knownStatements counts the statements, at any depth, that are
// directives of nginx's own modules ending in ";" (include aside), or
// returns -1 for a file in a "key = value;" format (rspamd's UCL, whose
// add_header = 8; is no nginx add_header).
func knownStatements(stmts []*stmt) int {
	n := 0
	for _, s := range stmts {
		if !s.block && s.arg0 == "=" {
			return -1
		}
		if _, ok := directiveContexts[s.name]; ok && !s.block && s.name != "include" && s.term.line > 0 {
			n++
		}
		k := knownStatements(s.children)
		if k < 0 {
			return -1
		}
		n += k
	}
	return n
}

var (
	directiveName = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	// nginxBlockLine and directiveLine find nginx configuration in a
	// template whose structure the template language rewrites.
	nginxBlockLine = regexp.MustCompile(`(?m)^\s*(http|server|location|upstream)\b[^\n{;=]*\{`)
	directiveLine  = regexp.MustCompile(`(?m)^\s*([a-z][a-z0-9_]*)\s[^\n=]*;\s*$`)
)

// templateOfNginx reports whether a Go or Jinja template renders nginx
// configuration: an nginx block, and a directive of nginx's own modules
// ended by ";". Other formats with braces (HCL) have no such lines.
func templateOfNginx(data []byte) bool {
	if !nginxBlockLine.Match(data) {
		return false
	}
	for _, m := range directiveLine.FindAllSubmatch(data, -1) {
		if _, ok := directiveContexts[string(m[1])]; ok && string(m[1]) != "include" {
			return true
		}
	}
	return false
}

// markIncludes marks every file stmts include, transitively, resolved as
// Load resolves them.
func (r *resolver) markIncludes(stmts []*stmt, bases []string, marked, stack map[string]bool) {
	for _, s := range stmts {
		if s.name == "include" && len(s.args) == 1 {
			for _, abs := range r.resolve(s.args[0], bases).paths {
				if stack[abs] {
					continue
				}
				marked[abs] = true
				data, err := safefile.Read(abs, DefaultMaxFileSize)
				if err != nil {
					continue
				}
				stack[abs] = true
				r.markIncludes(scanFile(string(data)).stmts, bases, marked, stack)
				delete(stack, abs)
			}
		}
		r.markIncludes(s.children, bases, marked, stack)
	}
}
