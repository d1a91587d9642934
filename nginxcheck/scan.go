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
	line     int      // line of the statement's name
	endLine  int      // line of the ";" or of the closing "}"
	block    bool
	children []*stmt
}

// comment is a "#" comment and its line.
type comment struct {
	line int
	text string // without the leading "#"
}

// syntaxError is a structural error at the line nginx reports it.
type syntaxError struct {
	line int
	msg  string
}

// scanned is the result of scanning one file.
type scanned struct {
	stmts    []*stmt
	comments []comment
	err      *syntaxError
}

// scanner holds the tokenizer state over one file's bytes.
type scanner struct {
	src  string
	pos  int
	line int
}

// scanFile scans src. It never fails: a structural problem is returned in
// scanned.err, with the statements read up to it.
func scanFile(src string) *scanned {
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
	var wordLine int
	fail := func(line int, format string, args ...any) *scanned {
		out.err = &syntaxError{line: line, msg: fmt.Sprintf(format, args...)}
		return out
	}
	for {
		s.skipSpace()
		if s.pos >= len(s.src) {
			if len(words) > 0 {
				return fail(s.line, `unexpected end of file, expecting ";" or "}"`)
			}
			if len(stack) > 0 {
				return fail(s.line, `unexpected end of file, expecting "}"`)
			}
			return out
		}
		c := s.src[s.pos]
		switch c {
		case '#':
			// A "#" starts a comment only where a token starts, as in
			// nginx; inside a word it is part of the word.
			start := s.pos + 1
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
			out.comments = append(out.comments, comment{line: s.line, text: s.src[start:s.pos]})
		case ';':
			s.pos++
			if len(words) == 0 {
				return fail(s.line, `unexpected ";"`)
			}
			*cur = append(*cur, newStmt(words, wordLine, s.line, false))
			words = words[:0]
		case '{':
			s.pos++
			if len(words) == 0 {
				return fail(s.line, `unexpected "{"`)
			}
			st := newStmt(words, wordLine, 0, true)
			*cur = append(*cur, st)
			words = words[:0]
			if strings.HasSuffix(st.name, "_by_lua_block") {
				// Lua code is not nginx syntax: skip to the matching brace,
				// as gonginx does.
				if !s.skipLua() {
					return fail(s.line, `unexpected end of file, expecting "}"`)
				}
				st.endLine = s.line
				s.pos++
				continue
			}
			stack = append(stack, frame{st: st, list: cur})
			cur = &st.children
		case '}':
			s.pos++
			if len(words) > 0 || len(stack) == 0 {
				return fail(s.line, `unexpected "}"`)
			}
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			top.st.endLine = s.line
			cur = top.list
		default:
			line := s.line
			w, ok := s.word()
			if !ok {
				return fail(s.line, `unexpected end of file, expecting ";" or "}"`)
			}
			if len(words) == 0 {
				wordLine = line
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

func newStmt(words []string, line, endLine int, block bool) *stmt {
	st := &stmt{name: words[0], nargs: len(words) - 1, line: line, endLine: endLine, block: block}
	if keepArgs[st.name] {
		st.args = append([]string(nil), words[1:]...)
	}
	return st
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case '\n':
			s.line++
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
				s.line++
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
			s.line++
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
