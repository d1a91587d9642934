package timeoutchain

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestTable(t *testing.T) {
	c := exampleChain(25*time.Second, 10*time.Second)
	c.Hops[0].StreamIdle.Src.Doc = kinds["alb"].Doc
	c.Hops = append(c.Hops, Hop{Kind: "go", Name: "go", Decl: src(12), KeepAliveIdle: val(30*time.Second, Source{File: "main.go", Line: 8})})
	c.Hops[1].UpstreamReuse = val(60*time.Second, Source{File: "nginx.conf", Line: 5})
	var b bytes.Buffer
	if err := WriteTable(&b, []*Chain{c}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		`chain "ws": heartbeat 25s (connlint.toml:3), pong timeout 10s (connlint.toml:4)`,
		"default for alb",
		"  default for alb: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout",
		"nginx.conf:20",
		"binding: heartbeat ≤ 30s",
		"closes before nginx /ws's pool (30s ≤ 1m0s)",
		"verdict: 1 problem(s)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
