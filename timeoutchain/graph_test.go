package timeoutchain

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func graphChain() *Chain {
	c := exampleChain(25*time.Second, 10*time.Second)
	c.Name = `mqtt "edge"`
	c.Hops = append(c.Hops, Hop{Kind: "go", Name: "go", Decl: src(12), KeepAliveIdle: val(30*time.Second, Source{File: "main.go", Line: 8})})
	return c
}

func TestDotGolden(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDot(&b, []*Chain{graphChain()}); err != nil {
		t.Fatal(err)
	}
	want := `digraph chain1 {
  label="chain \"mqtt \\\"edge\\\"\": heartbeat 25s (connlint.toml:3), pong timeout 10s (connlint.toml:4)";
  labelloc=t;
  rankdir=LR;
  node [shape=box, fontname="Helvetica"];
  client [label="client\nheartbeat 25s", shape=ellipse];
  hop1 [label="alb\nidle 1m0s\ndefault for alb\nbinding: heartbeat ≤ 30s", color=red, penwidth=2, fontcolor=red];
  client -> hop1;
  hop2 [label="nginx /ws (nginx)\nidle 1m0s\nnginx.conf:20\nok"];
  hop1 -> hop2;
  hop3 [label="go\nidle 30s\nmain.go:8\nok"];
  hop2 -> hop3;
}
`
	if got := b.String(); got != want {
		t.Errorf("dot:\n%s\nwant:\n%s", got, want)
	}
}

func TestMermaid(t *testing.T) {
	var b bytes.Buffer
	if err := WriteMermaid(&b, []*Chain{graphChain()}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"flowchart LR\n",
		`title: chain #quot;mqtt \#quot;edge\#quot;#quot;`,
		`client(["client<br/>heartbeat 25s"])`,
		`hop1["alb<br/>idle 1m0s<br/>default for alb<br/>binding: heartbeat ≤ 30s"]`,
		"client --> hop1\n  hop2",
		"hop2 --> hop3\n",
		"class hop1 binding\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("mermaid lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, `"mqtt "`) {
		t.Errorf("unescaped quote in a label:\n%s", out)
	}
}
