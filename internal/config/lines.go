package config

import (
	"fmt"
	"strings"
)

// indexLines maps every key of a TOML document to the line that sets it:
// "code.patterns" → 2, "chain[0].hop[1].kind" → 14. Tables and arrays of
// tables map to their header line.
func indexLines(doc string) map[string]int {
	lines, _ := indexKeys(doc)
	return lines
}

// indexKeys maps every key of a TOML document to the line and column
// (bytes, from 1) of the key. Tables and arrays of tables map to their
// header. Keys inside inline tables and arrays of inline tables (hop = [
// { kind = "alb" } ]) are indexed as the same keys written as tables
// would be ("chain[0].hop[0].kind"). It runs on documents that
// toml.Decode has already accepted, so it only has to follow valid TOML:
// headers, dotted and quoted keys, and values spanning lines (arrays,
// inline tables and multi-line strings).
func indexKeys(doc string) (lines, cols map[string]int) {
	lines = make(map[string]int)
	cols = make(map[string]int)
	arrayCount := make(map[string]int) // array-of-tables path → elements seen
	table := ""                        // current table path, with indices
	var open strings.Builder           // a value still open across lines
	var openKey string
	var openLine, openCol int
	for i, raw := range strings.Split(doc, "\n") {
		n := i + 1
		if open.Len() > 0 {
			open.WriteString(raw + "\n")
			if valueComplete(open.String()) {
				indexValue(open.String(), openKey, openLine, openCol, lines, cols)
				open.Reset()
			}
			continue
		}
		line := strings.TrimSpace(raw)
		indent := strings.Index(raw, line) + 1
		switch {
		case line == "" || line[0] == '#':
		case strings.HasPrefix(line, "[["):
			name := headerPath(splitKey(strings.TrimSpace(headerName(line[2:], "]]"))), table, true)

			idx := arrayCount[name]
			arrayCount[name] = idx + 1
			table = fmt.Sprintf("%s[%d]", name, idx)
			lines[table], cols[table] = n, indent

		case line[0] == '[':
			table = headerPath(splitKey(strings.TrimSpace(headerName(line[1:], "]"))), table, false)
			lines[table], cols[table] = n, indent
		default:
			eq := indexOutsideQuotes(line, '=')
			if eq < 0 {
				continue
			}
			key := strings.Join(splitKey(strings.TrimSpace(line[:eq])), ".")
			if table != "" {
				key = table + "." + key
			}
			lines[key], cols[key] = n, indent
			value := line[eq+1:]
			valueCol := indent + eq + 1
			if !valueComplete(value) {
				open.WriteString(value + "\n")
				openKey, openLine, openCol = key, n, valueCol
				continue
			}
			indexValue(value, key, n, valueCol, lines, cols)
		}
	}
	return lines, cols
}

// indexValue indexes the keys inside an inline value (text, which starts
// at line, col of the document) written for key path.
func indexValue(text, path string, line, col int, lines, cols map[string]int) {
	w := &valueWalker{text: text, line: line, col: col, lines: lines, cols: cols}
	w.space()
	w.value(path)
}

// valueWalker walks one TOML value, counting lines and columns.
type valueWalker struct {
	text        string
	i           int
	line, col   int
	lines, cols map[string]int
}

func (w *valueWalker) peek() byte {
	if w.i < len(w.text) {
		return w.text[w.i]
	}
	return 0
}

func (w *valueWalker) next() {
	if w.text[w.i] == '\n' {
		w.line++
		w.col = 0
	}
	w.i++
	w.col++
}

// space skips white space, newlines and comments.
func (w *valueWalker) space() {
	for w.i < len(w.text) {
		switch c := w.text[w.i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			w.next()
		case c == '#':
			for w.i < len(w.text) && w.text[w.i] != '\n' {
				w.next()
			}
		default:
			return
		}
	}
}

func (w *valueWalker) value(path string) {
	switch w.peek() {
	case '{':
		w.next()
		for {
			w.space()
			if c := w.peek(); c == '}' || c == 0 {
				if c == '}' {
					w.next()
				}
				return
			}
			line, col := w.line, w.col
			start := w.i
			for w.i < len(w.text) && w.text[w.i] != '=' {
				if q := w.text[w.i]; q == '"' || q == '\'' {
					w.str()
					continue
				}
				w.next()
			}
			key := path + "." + strings.Join(splitKey(strings.TrimSpace(w.text[start:w.i])), ".")
			w.lines[key], w.cols[key] = line, col
			if w.peek() == 0 {
				return
			}
			w.next() // "="
			w.space()
			w.value(key)
			w.space()
			if w.peek() == ',' {
				w.next()
			}
		}
	case '[':
		w.next()
		for idx := 0; ; idx++ {
			w.space()
			if c := w.peek(); c == ']' || c == 0 {
				if c == ']' {
					w.next()
				}
				return
			}
			elem := fmt.Sprintf("%s[%d]", path, idx)
			w.lines[elem], w.cols[elem] = w.line, w.col
			w.value(elem)
			w.space()
			if w.peek() == ',' {
				w.next()
			}
		}
	case '"', '\'':
		w.str()
	default:
		for w.i < len(w.text) && !strings.ContainsRune(",]}\n#", rune(w.text[w.i])) {
			w.next()
		}
	}
}

// str skips a basic, literal or multi-line string.
func (w *valueWalker) str() {
	q := w.text[w.i]
	if strings.HasPrefix(w.text[w.i:], strings.Repeat(string(q), 3)) {
		for k := 0; k < 3; k++ {
			w.next()
		}
		for w.i < len(w.text) && !strings.HasPrefix(w.text[w.i:], strings.Repeat(string(q), 3)) {
			if q == '"' && w.text[w.i] == '\\' && w.i+1 < len(w.text) {
				w.next()
			}
			w.next()
		}
		for k := 0; k < 3 && w.i < len(w.text); k++ {
			w.next()
		}
		return
	}
	w.next()
	for w.i < len(w.text) && w.text[w.i] != q && w.text[w.i] != '\n' {
		if q == '"' && w.text[w.i] == '\\' && w.i+1 < len(w.text) {
			w.next()
		}
		w.next()
	}
	if w.i < len(w.text) && w.text[w.i] == q {
		w.next()
	}
}

// headerPath resolves a table header, given as parts, against the current
// table. A header names a path from the root, but its prefix may name an
// array of tables already indexed ("[[chain.hop]]" inside "chain[0]"), so
// the indexed prefix of table is kept where the names agree. For an array
// header ("[[chain]]") the last part always starts a new element, so only
// the parts before it may match.
func headerPath(parts []string, table string, array bool) string {
	tparts := splitIndexed(table)
	matchable := len(parts)
	if array {
		matchable--
	}
	out := make([]string, 0, len(parts))
	for i, p := range parts {
		if i < matchable && i < len(tparts) && stripIndices(tparts[i]) == p {
			out = append(out, tparts[i])
			continue
		}
		out = append(out, parts[i:]...)
		break
	}
	return strings.Join(out, ".")
}

// splitIndexed splits "chain[0].hop[1]" into ["chain[0]", "hop[1]"].
func splitIndexed(path string) []string {
	if path == "" {
		return nil
	}
	return strings.Split(path, ".")
}

// stripIndices turns "chain[0].hop[1].kind" into "chain.hop.kind".
func stripIndices(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// headerName returns the text of a header up to its closing bracket(s),
// ignoring a trailing comment.
func headerName(s, closing string) string {
	if i := strings.Index(s, closing); i >= 0 {
		return s[:i]
	}
	return s
}

// splitKey splits a dotted key, honouring quoted parts.
func splitKey(s string) []string {
	var parts []string
	var cur strings.Builder
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote = r
		case r == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteRune(r)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

func indexOutsideQuotes(s string, want byte) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
		case c == '"' || c == '\'':
			quote = c
		case c == want:
			return i
		}
	}
	return -1
}

// valueComplete reports whether a value (possibly several lines of one)
// has closed all its brackets and multi-line strings.
func valueComplete(v string) bool {
	depth := 0
	for i := 0; i < len(v); i++ {
		switch {
		case strings.HasPrefix(v[i:], `"""`) || strings.HasPrefix(v[i:], `'''`):
			end := strings.Index(v[i+3:], v[i:i+3])
			if end < 0 {
				return false
			}
			i += 3 + end + 2
		case v[i] == '"' || v[i] == '\'':
			q := v[i]
			i++
			for i < len(v) && v[i] != q && v[i] != '\n' {
				if v[i] == '\\' && q == '"' {
					i++
				}
				i++
			}
		case v[i] == '#':
			for i < len(v) && v[i] != '\n' {
				i++
			}
		case v[i] == '[' || v[i] == '{':
			depth++
		case v[i] == ']' || v[i] == '}':
			depth--
		}
	}
	return depth <= 0
}
