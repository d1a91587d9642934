package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/connlint/connlint/internal/rules"
)

// writeMarkdown renders findings for a GitHub job summary or a pull-request
// comment: a tally per rule, then the findings grouped by rule, each rule
// heading linking its page. opts.Prelude (the chain tables) comes between
// the heading and the findings.
func writeMarkdown(w io.Writer, fs []Finding, opts Options) error {
	var b strings.Builder
	counts := map[rules.Severity]int{}
	byRule := map[string][]Finding{}
	var order []string
	for _, f := range fs {
		counts[f.Severity]++
		if _, ok := byRule[f.Rule]; !ok {
			order = append(order, f.Rule)
		}
		byRule[f.Rule] = append(byRule[f.Rule], f)
	}
	fmt.Fprintf(&b, "## %s\n\n", strings.TrimSpace(summary(len(fs), counts, len(opts.Notifications))))
	if opts.Prelude != "" {
		b.WriteString(strings.TrimRight(opts.Prelude, "\n") + "\n\n")
	}
	if len(fs) == 0 {
		_, err := io.WriteString(w, b.String())
		return err
	}
	sortRules(order, byRule)
	b.WriteString("| rule | severity | findings |\n|---|---|---|\n")
	for _, id := range order {
		fmt.Fprintf(&b, "| %s | %s | %d |\n", ruleLink(id), byRule[id][0].Severity, len(byRule[id]))
	}
	for _, id := range order {
		title := ""
		if r, ok := rules.Lookup(id); ok {
			title = " — " + mdText(r.Title)
		}
		fmt.Fprintf(&b, "\n### %s%s\n\n", ruleLink(id), title)
		for _, f := range byRule[id] {
			fmt.Fprintf(&b, "- `%s:%d:%d` %s\n", f.File, f.Line, f.Column, mdText(f.Message))
			for _, r := range f.Related {
				fmt.Fprintf(&b, "  - `%s:%d:%d` %s\n", r.File, r.Line, r.Column, mdText(r.Message))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// sortRules orders rule IDs by the severity of their findings (errors
// first), then by ID.
func sortRules(ids []string, byRule map[string][]Finding) {
	rank := func(id string) int {
		switch byRule[id][0].Severity {
		case rules.Error:
			return 0
		case rules.Warning:
			return 1
		}
		return 2
	}
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && (rank(ids[j]) < rank(ids[j-1]) || rank(ids[j]) == rank(ids[j-1]) && ids[j] < ids[j-1]); j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
}

func ruleLink(id string) string {
	if r, ok := rules.Lookup(id); ok {
		return fmt.Sprintf("[`%s`](%s)", id, r.DocURL())
	}
	return "`" + id + "`"
}

// mdText keeps a message from being read as Markdown markup.
func mdText(s string) string {
	return mdTextReplacer.Replace(s)
}

var mdTextReplacer = strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`)
