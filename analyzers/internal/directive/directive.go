// Package directive reads connlint's suppression directives from Go source
// and remembers which of them suppressed a diagnostic.
//
// Two forms are recognised, written like other Go tool directives with no
// space after the slashes:
//
//	//connlint:ignore RULE[,RULE...] reason
//	//connlint:file-ignore RULE[,RULE...] reason
//
// A line directive suppresses the named rules on its own line (a trailing
// comment) and on the line below it (a comment standing above a statement).
// A file directive suppresses them anywhere in its file. A "//" inside the
// directive ends it: what follows is a remark, not part of the reason.
//
// The Set is shared by every connlint analyzer of a package: each one asks
// it whether a diagnostic is suppressed (marking the directive used), and
// the suppress analyzer, which runs after all of them, reports directives
// that are malformed or never used.
package directive

import (
	"go/ast"
	"go/token"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
)

// Analyzer parses the directives of a package once; its result is a *Set.
var Analyzer = &analysis.Analyzer{
	Name:       "connlintdirective",
	Doc:        "collects //connlint:ignore directives and generated files (internal to connlint)",
	Run:        run,
	ResultType: reflect.TypeFor[*Set](),
}

const (
	linePrefix = "//connlint:ignore"
	filePrefix = "//connlint:file-ignore"
)

// Directive is one //connlint:ignore or //connlint:file-ignore comment.
type Directive struct {
	Pos       token.Pos // start of the comment
	End       token.Pos // end of the comment
	Filename  string
	Line      int      // line of the comment
	WholeFile bool     // a file-ignore directive
	Rules     []string // the rules it names; empty when malformed
	Reason    string   // the text after the rules; empty when missing

	used map[string]bool // rules of Rules that suppressed something
}

// Used reports whether the directive suppressed a diagnostic of rule.
// It may only be called once every analyzer of the package has finished,
// which the suppress analyzer guarantees by requiring them all.
func (d *Directive) Used(rule string) bool { return d.used[rule] }

// Set holds the directives and generated-file marks of one package.
type Set struct {
	mu         sync.Mutex
	Directives []*Directive
	generated  map[string]bool
	byFile     map[string][]*Directive
}

func run(pass *analysis.Pass) (any, error) {
	set := &Set{generated: make(map[string]bool), byFile: make(map[string][]*Directive)}
	for _, file := range pass.Files {
		filename := pass.Fset.File(file.Pos()).Name()
		if ast.IsGenerated(file) {
			set.generated[filename] = true
		}
		for _, group := range file.Comments {
			for _, c := range group.List {
				if d := parse(c); d != nil {
					d.Filename = filename
					d.Line = pass.Fset.Position(c.Slash).Line
					set.Directives = append(set.Directives, d)
					set.byFile[filename] = append(set.byFile[filename], d)
				}
			}
		}
	}
	return set, nil
}

// parse returns the directive in comment c, or nil when c is not one.
func parse(c *ast.Comment) *Directive {
	var rest string
	var whole bool
	switch {
	case hasWord(c.Text, filePrefix):
		rest, whole = c.Text[len(filePrefix):], true
	case hasWord(c.Text, linePrefix):
		rest = c.Text[len(linePrefix):]
	default:
		return nil
	}
	d := &Directive{Pos: c.Slash, End: c.End(), WholeFile: whole, used: make(map[string]bool)}
	// A nested "//" ends the directive, so that a trailing remark (or an
	// analysistest "// want") is not taken for the reason.
	if i := strings.Index(rest, "//"); i >= 0 {
		rest = rest[:i]
	}
	fields := strings.Fields(rest)
	if len(fields) == 0 {
		return d
	}
	for _, r := range strings.Split(fields[0], ",") {
		if r = strings.TrimSpace(r); r != "" {
			d.Rules = append(d.Rules, r)
		}
	}
	d.Reason = strings.Join(fields[1:], " ")
	return d
}

// hasWord reports whether text starts with prefix followed by the end of
// the text or white space, so that "//connlint:ignorefoo" is not a
// directive.
func hasWord(text, prefix string) bool {
	if !strings.HasPrefix(text, prefix) {
		return false
	}
	rest := text[len(prefix):]
	return rest == "" || rest[0] == ' ' || rest[0] == '\t'
}

// Generated reports whether filename carries the standard
// "// Code generated ... DO NOT EDIT." header.
func (s *Set) Generated(filename string) bool { return s.generated[filename] }

// Suppress reports whether a diagnostic of rule at pos is suppressed by a
// directive, and marks that directive used for rule.
func (s *Set) Suppress(fset *token.FileSet, pos token.Pos, rule string) bool {
	p := fset.Position(pos)
	s.mu.Lock()
	defer s.mu.Unlock()
	suppressed := false
	for _, d := range s.byFile[p.Filename] {
		if !d.names(rule) {
			continue
		}
		if d.WholeFile || p.Line == d.Line || p.Line == d.Line+1 {
			d.used[rule] = true
			suppressed = true
		}
	}
	return suppressed
}

func (d *Directive) names(rule string) bool {
	for _, r := range d.Rules {
		if r == rule {
			return true
		}
	}
	return false
}
