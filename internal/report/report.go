package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/connlint/connlint/internal/rules"
)

// Formats accepted by -format.
const (
	Text     = "text"
	JSON     = "json"
	SARIF    = "sarif"
	Markdown = "markdown"
)

// ValidFormat reports whether f is an output format.
func ValidFormat(f string) bool { return f == Text || f == JSON || f == SARIF || f == Markdown }

// Options control rendering.
type Options struct {
	Format  string
	Color   bool   // ANSI colour in text output
	Version string // connlint's version, for SARIF's tool.driver
	// Dir is the analyzed directory that finding paths are relative to.
	// SARIF output reads reported lines back from it (fingerprints, UTF-16
	// columns); without it those are left out.
	Dir string
	// SrcRoot is the directory SARIF URIs are relative to: the
	// repository's top level, so that code scanning can place an alert
	// whatever directory was analyzed. Empty means Dir.
	SrcRoot string
	// Notifications are the errors that made the run fail (exit 2). SARIF
	// reports them as tool execution notifications of an unsuccessful
	// invocation.
	Notifications []Notification
	// Prelude is Markdown that markdown output places before the findings:
	// the timeout chains' tables.
	Prelude string
	// Chains is what JSON output writes as "chains" beside "findings":
	// the timeout chains' tables as data (nil: left out).
	Chains any
}

// Notification is an error of the run itself, with the position of the
// input that caused it when there is one.
type Notification struct {
	Position
	Message string
}

// Write renders findings (which it sorts and de-duplicates) to w.
func Write(w io.Writer, findings []Finding, opts Options) error {
	fs := append([]Finding(nil), findings...)
	Sort(fs)
	fs = Dedup(fs)
	for i := range fs {
		if fs[i].URL == "" {
			if r, ok := rules.Lookup(fs[i].Rule); ok {
				fs[i].URL = r.DocURL()
			}
		}
	}
	switch opts.Format {
	case "", Text:
		return writeText(w, fs, opts.Color, len(opts.Notifications))
	case JSON:
		return writeJSON(w, fs, opts.Chains)
	case SARIF:
		return writeSARIF(w, fs, opts)
	case Markdown:
		return writeMarkdown(w, fs, opts)
	}
	return fmt.Errorf("unknown format %q (want text, json, sarif or markdown)", opts.Format)
}

// ANSI colours for text output on a terminal.
const (
	bold   = "\x1b[1m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
	reset  = "\x1b[0m"
)

func writeText(w io.Writer, fs []Finding, color bool, problems int) error {
	var b strings.Builder
	counts := map[rules.Severity]int{}
	for _, f := range fs {
		counts[f.Severity]++
		pos := fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)
		rule := "[" + f.Rule + "]"
		if color {
			pos = bold + pos + reset
			rule = severityColor(f.Severity) + rule + reset
		}
		fmt.Fprintf(&b, "%s: %s %s\n", pos, f.Message, rule)
		for _, r := range f.Related {
			fmt.Fprintf(&b, "\t%s:%d:%d: %s\n", r.File, r.Line, r.Column, r.Message)
		}
	}
	b.WriteString(summary(len(fs), counts, problems))
	_, err := io.WriteString(w, b.String())
	return err
}

func severityColor(s rules.Severity) string {
	switch s {
	case rules.Error:
		return red
	case rules.Warning:
		return yellow
	}
	return cyan
}

// summary is the one-line tally that closes text output. problems are
// the run's errors (Options.Notifications): with any, nothing may read as
// a clean result, because part of the input was not judged.
func summary(n int, counts map[rules.Severity]int, problems int) string {
	if n == 0 && problems > 0 {
		return fmt.Sprintf("connlint: 0 findings in what could be checked, but the run is incomplete: %d %s\n", problems, plural(problems, "problem"))
	}
	if n == 0 {
		return "connlint: no findings\n"
	}
	var parts []string
	for _, s := range []rules.Severity{rules.Error, rules.Warning, rules.Info} {
		if c := counts[s]; c > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c, plural(c, string(s))))
		}
	}
	return fmt.Sprintf("connlint: %d %s (%s)\n", n, plural(n, "finding"), strings.Join(parts, ", "))
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// jsonReport is the JSON output of DESIGN.md's command-line contract:
// {"findings": [{"rule", "severity", "file", "line", "column", "message", ...}]}.
// Scripts rely on those fields; more may be added, none removed.
type jsonReport struct {
	Findings []Finding `json:"findings"`
	// Chains are the timeout chains' tables (Options.Chains), when the
	// command shows them.
	Chains any `json:"chains,omitempty"`
}

// writeJSON writes jsonReport as json.Encoder with a two-space indent
// would, one finding at a time: a configuration of thousands of servers
// has hundreds of thousands of findings, whose whole encoding in one
// buffer (json.Encoder's way) was the run's peak of memory.
func writeJSON(w io.Writer, fs []Finding, chains any) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("{\n  \"findings\": [")
	for i := range fs {
		data, err := json.MarshalIndent(&fs[i], "    ", "  ")
		if err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(data)
	}
	if len(fs) > 0 {
		bw.WriteString("\n  ")
	}
	bw.WriteString("]")
	if chains != nil {
		data, err := json.MarshalIndent(chains, "  ", "  ")
		if err != nil {
			return err
		}
		bw.WriteString(",\n  \"chains\": ")
		bw.Write(data)
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// IsTerminal reports whether w is a terminal, for colour: colour is off
// when NO_COLOR is set (no-color.org) or when TERM is "dumb".
func IsTerminal(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
