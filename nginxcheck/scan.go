package nginxcheck

import (
	"fmt"
	"strings"
)

// This file is connlint's position index of an nginx file. gonginx builds
// the directive tree, but it loses what findings need: a block directive
// carries the line of its closing brace (not of its name), a stray "}"
// silently truncates the rest of the file, and errors from its block
// wrappers name no line. scanFile tokenizes the file the way nginx's
// ngx_conf_read_token does (src/core/ngx_conf_file.c) and returns, for
// every statement, the line of its name and the line where it ends, its
// comments, and the first structural error at the line nginx reports.

// stmt is one statement of a file as the scanner sees it.
type stmt struct {
	name     string
	nargs    int
	args     []string // unquoted arguments, kept only where needed (keepArgs)
	arg0     string   // the first argument, "" when there is none
	line     int      // line of the statement's name
	col      int      // column (in bytes, from 1) of the statement's name
	endLine  int      // line of the ";" or of the closing "}"
	term     textPos  // just past the ";" or the opening "{": where nginx reports the statement
	block    bool
	children []*stmt
}

// textPos is a line and a byte column, both from 1.
type textPos struct{ line, col int }

// comment is a "#" comment and its position.
type comment struct {
	line int
	col  int
	text string // without the leading "#"
}

// syntaxError is a structural error at the line nginx reports it, and the
// column of the offending token.
type syntaxError struct {
	line, col int
	msg       string
	tooDeep   bool // the nesting limit, not a syntax error
}

// scanned is the result of scanning one file.
type scanned struct {
	stmts    []*stmt
	comments []comment
	err      *syntaxError
}

// scanner holds the tokenizer state over one file's bytes.
type scanner struct {
	src       string
	pos       int
	line      int
	lineStart int // offset of the current line's first byte
}

// here is the scanner's current position.
func (s *scanner) here() textPos { return textPos{s.line, s.pos - s.lineStart + 1} }

// newline records that the byte at s.pos is a "\n".
func (s *scanner) newline() {
	s.line++
	s.lineStart = s.pos + 1
}

// scanFile scans src. It never fails: a structural problem is returned in
// scanned.err, with the statements read up to it.
func scanFile(src string) *scanned { return scanFileDepth(src, DefaultMaxDepth) }

// scanFileDepth is scanFile with a limit on block nesting: a block opened
// deeper than maxDepth stops the scan (a problem with tooDeep set), before
// any deeper parser (gonginx recurses per block) sees the text.
func scanFileDepth(src string, maxDepth int) *scanned {
	s := &scanner{src: src, line: 1}
	out := &scanned{}
	type frame struct {
		st   *stmt
		list *[]*stmt
	}
	root := &out.stmts
	stack := []frame{}
	cur := root
	var words []string
	var wordAt textPos
	fail := func(at textPos, format string, args ...any) *scanned {
		out.err = &syntaxError{line: at.line, col: at.col, msg: fmt.Sprintf(format, args...)}
		return out
	}
	for {
		s.skipSpace()
		if s.pos >= len(s.src) {
			if len(words) > 0 {
				return fail(s.here(), `unexpected end of file, expecting ";" or "}"`)
			}
			if len(stack) > 0 {
				return fail(s.here(), `unexpected end of file, expecting "}"`)
			}
			return out
		}
		c := s.src[s.pos]
		switch c {
		case '#':
			// A "#" starts a comment only where a token starts, as in
			// nginx; inside a word it is part of the word.
			at := s.here()
			start := s.pos + 1
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
			out.comments = append(out.comments, comment{line: at.line, col: at.col, text: s.src[start:s.pos]})
		case ';':
			at := s.here()
			s.pos++
			if len(words) == 0 {
				return fail(at, `unexpected ";"`)
			}
			*cur = append(*cur, newStmt(words, wordAt, s.here(), false))
			words = words[:0]
		case '{':
			at := s.here()
			s.pos++
			if len(words) == 0 {
				return fail(at, `unexpected "{"`)
			}
			if len(stack) >= maxDepth {
				out.err = &syntaxError{line: at.line, col: at.col, tooDeep: true,
					msg: fmt.Sprintf("blocks are nested deeper than %d levels: not read (real configurations nest a few levels; a file this deep is broken or hostile)", maxDepth)}
				return out
			}
			st := newStmt(words, wordAt, s.here(), true)
			*cur = append(*cur, st)
			words = words[:0]
			if strings.HasSuffix(st.name, "_by_lua_block") {
				// Lua code is not nginx syntax: skip to the matching brace,
				// as gonginx does.
				if !s.skipLua() {
					return fail(s.here(), `unexpected end of file, expecting "}"`)
				}
				st.endLine = s.line
				s.pos++
				continue
			}
			stack = append(stack, frame{st: st, list: cur})
			cur = &st.children
		case '}':
			at := s.here()
			s.pos++
			if len(words) > 0 || len(stack) == 0 {
				return fail(at, `unexpected "}"`)
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			top.st.endLine = s.line
			cur = top.list
		default:
			at := s.here()
			w, ok := s.word()
			if !ok {
				return fail(s.here(), `unexpected end of file, expecting ";" or "}"`)
			}
			if len(words) == 0 {
				wordAt = at
			}
			words = append(words, w)
		}
	}
}

// keepArgs are the statements whose arguments connlint reads from the
// scanner rather than from gonginx: includes (Discover) and upstream
// servers (whose parameters gonginx reorders). Not copying the others'
// saves most of the scanner's allocations.
var keepArgs = map[string]bool{"include": true, "server": true}

// newStmt builds a statement whose name is at name and whose ";" or "{"
// ends just before term. A block's endLine is set at its closing "}".
func newStmt(words []string, name, term textPos, block bool) *stmt {
	st := &stmt{name: words[0], nargs: len(words) - 1, line: name.line, col: name.col, term: term, block: block}
	if len(words) > 1 {
		st.arg0 = words[1]
	}
	if !block {
		st.endLine = term.line
	}
	if keepArgs[st.name] {
		st.args = append([]string(nil), words[1:]...)
	}
	return st
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case '\n':
			s.newline()
		case ' ', '\t', '\r':
		default:
			return
		}
		s.pos++
	}
}

// word reads a quoted or bare word. A bare word ends at whitespace, ";"
// or "{" (but "${" is a variable), as in nginx; ok is false when a quoted
// word runs into the end of the file.
func (s *scanner) word() (string, bool) {
	if q := s.src[s.pos]; q == '"' || q == '\'' {
		s.pos++
		var b strings.Builder
		for s.pos < len(s.src) {
			c := s.src[s.pos]
			switch {
			case c == '\\' && s.pos+1 < len(s.src) && (s.src[s.pos+1] == q || s.src[s.pos+1] == '\\'):
				b.WriteByte(s.src[s.pos+1])
				s.pos += 2
				continue
			case c == q:
				s.pos++
				return b.String(), true
			case c == '\n':
				s.newline()
			}
			b.WriteByte(c)
			s.pos++
		}
		return "", false
	}
	start := s.pos
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch c {
		case ' ', '\t', '\r', '\n', ';':
			return s.src[start:s.pos], true
		case '{':
			if s.pos > start && s.src[s.pos-1] == '$' {
				break
			}
			return s.src[start:s.pos], true
		case '\\':
			if s.pos+1 < len(s.src) && s.src[s.pos+1] != '\n' {
				s.pos++
			}
		}
		s.pos++
	}
	return s.src[start:s.pos], true
}

// skipLua moves to the "}" that closes a *_by_lua_block, counting braces.
func (s *scanner) skipLua() bool {
	depth := 0
	for ; s.pos < len(s.src); s.pos++ {
		switch s.src[s.pos] {
		case '\n':
			s.newline()
		case '{':
			depth++
		case '}':
			if depth == 0 {
				return true
			}
			depth--
		}
	}
	return false
}
