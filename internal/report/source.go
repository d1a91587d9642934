package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// maxSourceFile bounds what the reporter reads back of a reported file to
// hash its line and convert its columns: real source files are far smaller,
// and a report must never stall on a huge or special file.
const maxSourceFile = 16 << 20

// sourceLines reads back the lines that findings point at, for SARIF's
// fingerprints and UTF-16 columns, and maps finding paths (relative to the
// analyzed directory) to URIs relative to the source root.
type sourceLines struct {
	dir   string // the analyzed directory, absolute; "" when unknown
	root  string // the source root, absolute; "" when unknown
	files map[string][]string
}

func newSourceLines(dir, root string) *sourceLines {
	s := &sourceLines{files: map[string][]string{}}
	if dir != "" {
		if abs, err := filepath.Abs(dir); err == nil {
			s.dir = abs
		}
	}
	if root != "" {
		if abs, err := filepath.Abs(root); err == nil {
			s.root = abs
		}
	} else {
		s.root = s.dir
	}
	return s
}

// uri is the finding path relative to the source root, with forward
// slashes; a path outside the root (or an unknown root) stays as it was.
func (s *sourceLines) uri(file string) string {
	if s.dir == "" || s.root == "" || filepath.IsAbs(file) {
		return filepath.ToSlash(file)
	}
	rel, err := filepath.Rel(s.root, filepath.Join(s.dir, filepath.FromSlash(file)))
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(file)
	}
	return filepath.ToSlash(rel)
}

// line returns line n (1-based) of file, without its line ending.
func (s *sourceLines) line(file string, n int) (string, bool) {
	lines, ok := s.files[file]
	if !ok {
		lines = s.read(file)
		s.files[file] = lines
	}
	if n < 1 || n > len(lines) {
		return "", false
	}
	return lines[n-1], true
}

func (s *sourceLines) read(file string) []string {
	if s.dir == "" || file == "" {
		return nil
	}
	path := file
	if !filepath.IsAbs(path) {
		path = filepath.Join(s.dir, filepath.FromSlash(file))
	}
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() > maxSourceFile {
		return nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

// utf16Column converts a 1-based byte column of line n into a 1-based
// column in UTF-16 code units. It returns the byte column unchanged when
// the line cannot be read (for ASCII the two agree).
func (s *sourceLines) utf16Column(file string, n, byteCol int) int {
	line, ok := s.line(file, n)
	if !ok || byteCol-1 > len(line) {
		return byteCol
	}
	prefix := []byte(line[:byteCol-1])
	if !bytes.ContainsFunc(prefix, func(r rune) bool { return r >= utf8.RuneSelf }) {
		return byteCol
	}
	units := 0
	for _, r := range string(prefix) {
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
	}
	return units + 1
}
