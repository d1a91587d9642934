package timeoutchain

import (
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown renders each chain as a Markdown section with the same
// table as WriteTable, for job summaries and pull-request comments.
func WriteMarkdown(w io.Writer, chains []*Chain) error {
	var b strings.Builder
	for _, c := range chains {
		fmt.Fprintf(&b, "### %s\n\n", mdEscape(chainHeading(c)))
		b.WriteString("| # | " + strings.Join(tableHeader, " | ") + " |\n")
		b.WriteString("|---" + strings.Repeat("|---", len(tableHeader)) + "|\n")
		for i, row := range tableRows(c) {
			cells := make([]string, len(row))
			for j, cell := range row {
				cells[j] = mdEscape(cell)
			}
			fmt.Fprintf(&b, "| %d | %s |\n", i+1, strings.Join(cells, " | "))
		}
		b.WriteString("\n")
		for _, d := range defaultDocs(c) {
			fmt.Fprintf(&b, "- %s: %s\n", mdEscape(d[0]), d[1])
		}
		fmt.Fprintf(&b, "\n**Verdict:** %s\n\n", mdEscape(chainVerdict(c)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdEscape keeps table cells and headings intact: a pipe would split a
// cell, and Markdown emphasis characters would restyle a file name.
func mdEscape(s string) string {
	return mdReplacer.Replace(s)
}

var mdReplacer = strings.NewReplacer("|", `\|`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;")
