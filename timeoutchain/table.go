package timeoutchain

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// WriteTable prints one table per chain: every hop with its idle timeout,
// where it comes from and its verdict, then the chain's verdict.
func WriteTable(w io.Writer, chains []*Chain) error {
	for i, c := range chains {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if err := writeChain(w, c); err != nil {
			return err
		}
	}
	return nil
}

func writeChain(w io.Writer, c *Chain) error {
	fmt.Fprintln(w, chainHeading(c))
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\t"+strings.Join(tableHeader, "\t"))
	for i, row := range tableRows(c) {
		fmt.Fprintf(tw, "  %d\t%s\n", i+1, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, d := range defaultDocs(c) {
		fmt.Fprintf(w, "  %s: %s\n", d[0], d[1])
	}
	fmt.Fprintf(w, "  verdict: %s\n", chainVerdict(c))
	return nil
}

// chainHeading names the chain and its heartbeat.
func chainHeading(c *Chain) string {
	s := fmt.Sprintf("chain %q: heartbeat %s", c.Name, describe(c.Heartbeat.Interval))
	if c.Heartbeat.Pong.Set {
		s += fmt.Sprintf(", pong timeout %s", describe(c.Heartbeat.Pong))
	}
	return s
}

// tableHeader names the columns of a chain's table after the hop number.
var tableHeader = []string{"HOP", "KIND", "PROTOCOL", "IDLE TIMEOUT", "SOURCE", "REUSES UPSTREAM", "VERDICT"}

// tableRows is one row per hop, in tableHeader's columns: the same rows
// for the text table and the Markdown one.
func tableRows(c *Chain) [][]string {
	safe, binding, bound := c.SafeHeartbeat()
	verdicts := c.hopVerdicts()
	rows := make([][]string, len(c.Hops))
	for i := range c.Hops {
		h := &c.Hops[i]
		idle := h.StreamIdle
		if !idle.Set {
			idle = h.KeepAliveIdle
		}
		verdict := verdicts[i]
		if bound && h == binding {
			verdict = strings.TrimPrefix(verdict+"; binding: heartbeat ≤ "+safe.String(), "ok; ")
		}
		if h.Note != "" {
			verdict += " (" + h.Note + ")"
		}
		rows[i] = []string{h.Name, string(h.Kind), c.protocol(), dur(idle), fmt.Sprint(idle.Src), dur(h.UpstreamReuse), verdict}
	}
	return rows
}

// protocol is what the chain carries, for its table: every hop carries
// the same connection (a TCP pass-through carries the MQTT inside it).
func (c *Chain) protocol() string {
	if c.Protocol == "" {
		return "-"
	}
	return c.Protocol
}

// chainVerdict sums the chain up in one line.
func chainVerdict(c *Chain) string {
	safe, binding, bound := c.SafeHeartbeat()
	fs := c.Check()
	switch {
	case len(fs) == 0 && bound:
		return fmt.Sprintf("ok — the largest safe heartbeat is %s (%s)", safe, binding.Name)
	case len(fs) == 0:
		return "ok — no hop bounds the heartbeat"
	}
	return fmt.Sprintf("%d problem(s), listed below", len(fs))
}

// hopVerdicts says, per hop, which rule it breaks.
func (c *Chain) hopVerdicts() []string {
	v := make([]string, len(c.Hops))
	for i := range v {
		v[i] = "ok"
	}
	for i := 0; i+1 < len(c.Hops); i++ {
		reuse, idle := c.Hops[i].UpstreamReuse, c.Hops[i+1].KeepAliveIdle
		if reuse.Set && idle.Set && reuse.D > 0 && idle.D > 0 && idle.D <= reuse.D {
			v[i+1] = fmt.Sprintf("closes before %s's pool (%s ≤ %s)", c.Hops[i].Name, idle.D, reuse.D)
		}
	}
	for i, h := range c.Hops {
		if h.Lifetime.Set && h.Lifetime.D > 0 && h.Lifetime.D < MinLifetime {
			v[i] = "ends connections after " + h.Lifetime.D.String()
		}
	}
	return v
}

func dur(v Value) string {
	if !v.Set {
		return "-"
	}
	if v.D == 0 {
		return "none"
	}
	return v.D.String()
}

func describe(v Value) string {
	if !v.Set {
		return "unknown"
	}
	return fmt.Sprintf("%s (%s)", v.D.Round(time.Millisecond), v.Src)
}

// defaultDocs lists, once each, the documentation of the built-in defaults
// the chain's table shows, so every default names its source.
func defaultDocs(c *Chain) [][2]string {
	seen := map[string]bool{}
	var out [][2]string
	for _, h := range c.Hops {
		for _, v := range []Value{h.StreamIdle, h.KeepAliveIdle, h.UpstreamReuse, h.Lifetime} {
			src := v.Src
			if !v.Set || src.File != "" || src.Doc == "" || seen[src.Default+src.Doc] {
				continue
			}
			seen[src.Default+src.Doc] = true
			out = append(out, [2]string{src.Default, src.Doc})
		}
	}
	return out
}
