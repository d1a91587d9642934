package cli

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/connlint/connlint/internal/report"
)

const fixUsage = "apply the first suggested fix of each finding to the files, and report only the findings left"

// fixResult is what -fix did: the findings whose first suggested fix was
// applied, and the files it rewrote.
type fixResult struct {
	fixed map[int]bool // index into the findings
	files []string     // as the edits name them, sorted
}

// applyFixes applies the first suggested fix of each finding, the way go
// vet -fix does: a fix whose edits overlap an edit already taken is
// skipped whole (it was written against text that is no longer there),
// an edit repeated by several findings (two rules moving the same
// Transport) is applied once, and a Go file is gofmt'ed afterwards. Edit
// file names are relative to dir unless absolute. A file that cannot be
// read or written fails the run before any file is written.
func applyFixes(dir string, findings []report.Finding) (fixResult, error) {
	res := fixResult{fixed: map[int]bool{}}
	byFile := map[string][]report.Edit{}
	for i, f := range findings {
		if len(f.Fixes) == 0 || len(f.Fixes[0].Edits) == 0 {
			continue
		}
		if !fitsWith(byFile, f.Fixes[0].Edits) {
			continue
		}
		for _, e := range f.Fixes[0].Edits {
			if !contains(byFile[e.File], e) {
				byFile[e.File] = append(byFile[e.File], e)
			}
		}
		res.fixed[i] = true
	}
	out := map[string][]byte{}
	for file, edits := range byFile {
		path := file
		if !filepath.IsAbs(path) {
			path = filepath.Join(dir, path)
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return fixResult{}, fmt.Errorf("-fix: %v", err)
		}
		text, err := applyEdits(src, edits)
		if err != nil {
			return fixResult{}, fmt.Errorf("-fix: %s: %v", file, err)
		}
		if strings.HasSuffix(path, ".go") {
			if formatted, err := format.Source(text); err == nil {
				text = formatted
			}
		}
		out[path] = text
		res.files = append(res.files, file)
	}
	for path, text := range out {
		info, err := os.Stat(path)
		if err != nil {
			return fixResult{}, fmt.Errorf("-fix: %v", err)
		}
		if err := os.WriteFile(path, text, info.Mode().Perm()); err != nil {
			return fixResult{}, fmt.Errorf("-fix: %v", err)
		}
	}
	sort.Strings(res.files)
	return res, nil
}

// fitsWith reports whether every edit either repeats one already taken
// or touches none of their text.
func fitsWith(taken map[string][]report.Edit, edits []report.Edit) bool {
	for _, e := range edits {
		for _, t := range taken[e.File] {
			if t == e {
				continue
			}
			if overlaps(t, e) {
				return false
			}
		}
	}
	return true
}

// overlaps reports whether two edits of one file touch the same text; two
// insertions at one offset overlap too, since their order would be a
// guess.
func overlaps(a, b report.Edit) bool {
	if a.StartOffset == b.StartOffset {
		return true
	}
	return a.StartOffset < b.EndOffset && b.StartOffset < a.EndOffset
}

func contains(edits []report.Edit, e report.Edit) bool {
	for _, x := range edits {
		if x == e {
			return true
		}
	}
	return false
}

// applyEdits applies non-overlapping edits to src.
func applyEdits(src []byte, edits []report.Edit) ([]byte, error) {
	sorted := append([]report.Edit(nil), edits...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].StartOffset < sorted[j].StartOffset })
	var buf bytes.Buffer
	last := 0
	for _, e := range sorted {
		if e.StartOffset < last || e.EndOffset < e.StartOffset || e.EndOffset > len(src) {
			return nil, fmt.Errorf("edit %d-%d does not fit the file (%d bytes): was it changed since the run?", e.StartOffset, e.EndOffset, len(src))
		}
		buf.Write(src[last:e.StartOffset])
		buf.WriteString(e.NewText)
		last = e.EndOffset
	}
	buf.Write(src[last:])
	return buf.Bytes(), nil
}

// unfixed drops the findings -fix corrected.
func unfixed(findings []report.Finding, res fixResult) []report.Finding {
	var out []report.Finding
	for i, f := range findings {
		if !res.fixed[i] {
			out = append(out, f)
		}
	}
	return out
}

// fixSummary is the line -fix writes on standard error.
func fixSummary(res fixResult) string {
	return fmt.Sprintf("connlint: applied %d fixes to %d files (%s)", len(res.fixed), len(res.files), strings.Join(res.files, ", "))
}
