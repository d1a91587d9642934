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
	fmt.Fprintf(w, "chain %q: heartbeat %s", c.Name, describe(c.Heartbeat.Interval))
	if c.Heartbeat.Pong.Set {
		fmt.Fprintf(w, ", pong timeout %s", describe(c.Heartbeat.Pong))
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "  #\tHOP\tKIND\tIDLE TIMEOUT\tSOURCE\tREUSES UPSTREAM\tVERDICT")
	safe, binding, bound := c.SafeHeartbeat()
	verdicts := c.hopVerdicts()
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
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, h.Name, h.Kind, dur(idle), idle.Src, dur(h.UpstreamReuse), verdict)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, d := range defaultDocs(c) {
		fmt.Fprintf(w, "  %s: %s\n", d[0], d[1])
	}
	fs := c.Check()
	switch {
	case len(fs) == 0 && bound:
		fmt.Fprintf(w, "  verdict: ok — the largest safe heartbeat is %s (%s)\n", safe, binding.Name)
	case len(fs) == 0:
		fmt.Fprintln(w, "  verdict: ok — no hop bounds the heartbeat")
	default:
		fmt.Fprintf(w, "  verdict: %d problem(s), listed below\n", len(fs))
	}
	return nil
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
