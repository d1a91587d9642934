// Package report holds connlint's one finding model and its one reporter.
//
// Every source of findings — the Go analyzers, nginxcheck, timeoutchain —
// produces Findings; nothing else formats them. A Report renders them as
// text (file:line:col: message [rule]), as the JSON of DESIGN.md's
// command-line contract, or as SARIF 2.1.0.
package report

import (
	"cmp"
	"slices"

	"github.com/connlint/connlint/internal/rules"
)

// Position is a place in a file. File is relative to the directory the run
// was asked about, with forward slashes; Line and Column start at 1, and
// Column counts bytes, as Go's go/token does. A zero Column means the whole
// line.
type Position struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// Related is a secondary position that explains a finding (the helper
// that builds a Transport; the load balancer that binds a timeout).
type Related struct {
	Position
	Message string `json:"message"`
}

// Edit replaces the text between StartOffset and EndOffset (EndOffset
// exclusive) with NewText. Offsets are byte offsets in File. In JSON an
// edit has go vet's shape (filename, start, end, new), so that tools that
// apply go vet -json fixes apply connlint's too.
type Edit struct {
	File        string   `json:"filename"`
	StartOffset int      `json:"start"`
	EndOffset   int      `json:"end"`
	Start       Position `json:"-"`
	End         Position `json:"-"`
	NewText     string   `json:"new"`
}

// Fix is a suggested fix: a set of edits that together correct a finding.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// Finding is one finding, whatever its source. In JSON, fields without a
// value are left out rather than written as zeros: End only when the source
// knows where the reported construct ends. Fixes are written as go vet
// -json writes them, under "suggested_fixes".
type Finding struct {
	Rule     string         `json:"rule"`
	Severity rules.Severity `json:"severity"`
	Position
	End     Position  `json:"end,omitzero"`
	Message string    `json:"message"`
	URL     string    `json:"url,omitempty"`
	Related []Related `json:"related,omitempty"`
	Fixes   []Fix     `json:"suggested_fixes,omitempty"`
}

// Sort orders findings by file, line, column, rule and message, so that
// every output is deterministic.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// Dedup removes findings equal in rule, position and message. The same
// diagnostic is reported twice when a package is analyzed both as itself
// and as its test variant; users must see it once. fs must be sorted.
func Dedup(fs []Finding) []Finding {
	return slices.CompactFunc(fs, func(a, b Finding) bool {
		return a.Rule == b.Rule && a.Position == b.Position && a.Message == b.Message
	})
}
