package timeoutchain

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteDot draws each chain as a Graphviz digraph: the client, then every
// hop left to right with its idle timeout and where it comes from, the
// binding hop (the one that bounds the heartbeat) drawn bold and red.
// `connlint chain -format dot | dot -Tsvg` renders it.
func WriteDot(w io.Writer, chains []*Chain) error {
	var b strings.Builder
	for i, c := range chains {
		fmt.Fprintf(&b, "digraph chain%d {\n", i+1)
		fmt.Fprintf(&b, "  label=%s;\n  labelloc=t;\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n", dotQuote(chainHeading(c)))
		fmt.Fprintf(&b, "  client [label=%s, shape=ellipse];\n", dotQuote("client\nheartbeat "+dur(c.Heartbeat.Interval)))
		binding := c.binding()
		prev := "client"
		for j, row := range tableRows(c) {
			id := "hop" + strconv.Itoa(j+1)
			style := ""
			if j == binding {
				style = ", color=red, penwidth=2, fontcolor=red"
			}
			fmt.Fprintf(&b, "  %s [label=%s%s];\n", id, dotQuote(hopLabel(row)), style)
			fmt.Fprintf(&b, "  %s -> %s;\n", prev, id)
			prev = id
		}
		b.WriteString("}\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMermaid draws each chain as a Mermaid flowchart, which GitHub
// renders in Markdown: hops left to right, the binding hop highlighted.
func WriteMermaid(w io.Writer, chains []*Chain) error {
	var b strings.Builder
	for _, c := range chains {
		fmt.Fprintf(&b, "---\ntitle: %s\n---\nflowchart LR\n", mermaidText(chainHeading(c)))
		fmt.Fprintf(&b, "  client([\"client<br/>heartbeat %s\"])\n", mermaidText(dur(c.Heartbeat.Interval)))
		binding := c.binding()
		prev := "client"
		for j, row := range tableRows(c) {
			id := "hop" + strconv.Itoa(j+1)
			fmt.Fprintf(&b, "  %s[\"%s\"]\n", id, mermaidText(hopLabel(row)))
			fmt.Fprintf(&b, "  %s --> %s\n", prev, id)
			prev = id
		}
		if binding >= 0 {
			fmt.Fprintf(&b, "  classDef binding stroke:#d00,stroke-width:3px,color:#d00\n  class hop%d binding\n", binding+1)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// hopLabel is a hop's box: name and kind, idle timeout and its source, the
// hop's verdict. row is one of tableRows' rows.
func hopLabel(row []string) string {
	name, kind, idle, source, verdict := row[0], row[1], row[3], row[4], row[6]
	label := name
	if kind != name {
		label += " (" + kind + ")"
	}
	return label + "\nidle " + idle + "\n" + source + "\n" + verdict
}

// dotQuote writes s as a Graphviz quoted string; "\n" becomes a centred
// line break.
func dotQuote(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, `"`, `\"`)
	return `"` + strings.ReplaceAll(s, "\n", `\n`) + `"`
}

// mermaidText escapes s for a quoted Mermaid label; "\n" becomes <br/>.
func mermaidText(s string) string {
	s = strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;").Replace(s)
	return strings.ReplaceAll(s, "\n", "<br/>")
}
