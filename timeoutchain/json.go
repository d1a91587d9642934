package timeoutchain

// ChainJSON is a chain's table as data, for `-format json`: the same
// columns as the text and Markdown tables.
type ChainJSON struct {
	Name      string    `json:"name"`
	Protocol  string    `json:"protocol"`
	Heartbeat string    `json:"heartbeat"`        // "30s", "" when unknown
	Source    string    `json:"heartbeat_source"` // file:line, or a default
	Pong      string    `json:"pong_timeout,omitempty"`
	Hops      []HopJSON `json:"hops"`
	Verdict   string    `json:"verdict"`
}

// HopJSON is one row of a chain's table.
type HopJSON struct {
	Name           string `json:"name"`
	Kind           string `json:"kind"`
	Protocol       string `json:"protocol"`
	IdleTimeout    string `json:"idle_timeout"`
	Source         string `json:"source"`
	ReusesUpstream string `json:"reuses_upstream"`
	Verdict        string `json:"verdict"`
}

// JSON returns the chains' tables as data.
func JSON(chains []*Chain) []ChainJSON {
	out := make([]ChainJSON, 0, len(chains))
	for _, c := range chains {
		cj := ChainJSON{Name: c.Name, Protocol: c.protocol(), Verdict: chainVerdict(c), Hops: []HopJSON{}}
		if hb := c.Heartbeat.Interval; hb.Set {
			cj.Heartbeat, cj.Source = hb.D.String(), hb.Src.String()
		}
		if p := c.Heartbeat.Pong; p.Set {
			cj.Pong = p.D.String()
		}
		for _, row := range tableRows(c) {
			cj.Hops = append(cj.Hops, HopJSON{Name: row[0], Kind: row[1], Protocol: row[2], IdleTimeout: row[3], Source: row[4], ReusesUpstream: row[5], Verdict: row[6]})
		}
		out = append(out, cj)
	}
	return out
}
