package timeoutchain

import (
	"bytes"
	"testing"
	"time"
)

// TestMarkdownGolden pins the Markdown rendering of a chain: the table a
// pull request's job summary shows.
func TestMarkdownGolden(t *testing.T) {
	c := exampleChain(25*time.Second, 10*time.Second)
	c.Name = "dashboard | ws"
	c.Protocol = ProtoWebSocket
	c.Hops[0].StreamIdle.Src.Doc = kinds["alb"].Doc
	c.Hops = append(c.Hops, Hop{Kind: "go", Name: "go", Decl: src(12), KeepAliveIdle: val(30*time.Second, Source{File: "cmd/api/main.go", Line: 8})})
	c.Hops[1].UpstreamReuse = val(60*time.Second, Source{File: "nginx.conf", Line: 5})
	var b bytes.Buffer
	if err := WriteMarkdown(&b, []*Chain{c}); err != nil {
		t.Fatal(err)
	}
	want := "### chain \"dashboard \\| ws\": heartbeat 25s (connlint.toml:3), pong timeout 10s (connlint.toml:4)\n" +
		"\n" +
		"| # | HOP | KIND | PROTOCOL | IDLE TIMEOUT | SOURCE | REUSES UPSTREAM | VERDICT |\n" +
		"|---|---|---|---|---|---|---|---|\n" +
		"| 1 | alb | alb | WebSocket | 1m0s | default for alb | 1m0s | binding: heartbeat ≤ 30s |\n" +
		"| 2 | nginx /ws | nginx | WebSocket | 1m0s | nginx.conf:20 | 1m0s | ok |\n" +
		"| 3 | go | go | WebSocket | 30s | cmd/api/main.go:8 | - | closes before nginx /ws's pool (30s ≤ 1m0s) |\n" +
		"\n" +
		"- default for alb: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout\n" +
		"\n" +
		"**Verdict:** 1 problem(s), listed below\n\n"
	if got := b.String(); got != want {
		t.Errorf("markdown:\n%s\nwant:\n%s", got, want)
	}
}
