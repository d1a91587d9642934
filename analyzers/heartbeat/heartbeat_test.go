package heartbeat_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/heartbeat"
	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/internal/records"
)

// TestHeartbeat checks the fixtures of the default flags in one load, the
// fix of package bridge, and the records the analyzer hands to the
// timeout chain.
func TestHeartbeat(t *testing.T) {
	results := atest.Run(t, heartbeat.Analyzer,
		"wsutil", "dashboard", "devclient", "pumps", "ambiguous", "coderws", "xnetws", "mqttvalues", "coderreads", "coderpinged",
		"recorded", "pahov5", "pingfix")
	t.Run("records", func(t *testing.T) { checkRecords(t, atest.Only(t, results, "recorded")) })
	t.Run("paho v5 records", func(t *testing.T) { checkPahoV5Records(t, atest.Only(t, results, "pahov5")) })
	t.Run("keep-alive literals", func(t *testing.T) { checkKeepAliveLiterals(t, atest.Only(t, results, "pahov5")) })
	t.Run("ping literals", func(t *testing.T) { checkPingLiterals(t, atest.Only(t, results, "pingfix")) })

	dir := atest.Dir(t, analysistest.TestData())
	analysistest.RunWithSuggestedFixes(t, dir, heartbeat.Analyzer, "bridge")
}

// checkRecords checks the heartbeats the analyzer hands to the timeout
// chain: kind, function, position, and the interval and timeout with the
// lines that set them (line 0: a library default).
func checkRecords(t *testing.T, results []*analysistest.Result) {
	if len(results) != 1 {
		t.Fatalf("got %d results, want 1", len(results))
	}
	hbs, ok := results[0].Result.([]records.Heartbeat)
	if !ok {
		t.Fatalf("Result is %T, want []records.Heartbeat", results[0].Result)
	}
	var got []string
	for _, hb := range hbs {
		if hb.Package != "recorded" || filepath.Base(hb.Pos.File) != "recorded.go" {
			t.Errorf("record %+v: want package recorded, file recorded.go", hb)
		}
		got = append(got, fmt.Sprintf("%s %s %d:%d every %s timeout %s",
			hb.Kind, hb.Func, hb.Pos.Line, hb.Pos.Column, show(hb.Interval), show(hb.Timeout)))
	}
	want := []string{
		"websocket-ping recorded.(*peer).ping 32:7 every 45s@17 timeout 50s@16",
		"websocket-ping recorded.coder 41:7 every 25s@41 timeout 10s@43",
		"websocket-ping recorded.coderUntimed 50:12 every ?@50 timeout ?@0",
		"mqtt-keepalive recorded.brokers 57:3 every 45s@57 timeout 5s@58",
		"mqtt-keepalive recorded.brokers 59:12 every 30s@0 timeout 10s@0",
		"mqtt-keepalive recorded.brokers 61:4 every 0s@61 timeout 10s@0",
		"mqtt-keepalive recorded.brokers 63:4 every 1s@63 timeout 10s@0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// show renders a value as duration@line, "?" for an unknown duration.
func show(v records.Value) string {
	d := "?"
	if v.Known {
		d = v.Duration.String()
	}
	return fmt.Sprintf("%s@%d", d, v.Pos.Line)
}

// TestTestCode checks the test-code policy: nothing is reported in
// _test.go files and test-only packages unless -tests is set.
func TestTestCode(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	atest.TestCodePolicy(t, dir, heartbeat.Analyzer, "relay/...")
}

// checkPahoV5Records checks the keep-alives of paho.golang (MQTT 5): a
// count of seconds in paho.Connect or autopaho.ClientConfig, from a
// literal, a constant declared elsewhere, or a field assignment whose
// value the analyzer cannot fold.
func checkPahoV5Records(t *testing.T, results []*analysistest.Result) {
	if len(results) != 1 {
		t.Fatalf("got %d results, want 1", len(results))
	}
	var got []string
	for _, hb := range results[0].Result.([]records.Heartbeat) {
		got = append(got, fmt.Sprintf("%s %s %d:%d every %s timeout %s",
			hb.Kind, hb.Func, hb.Pos.Line, hb.Pos.Column, show(hb.Interval), show(hb.Timeout)))
	}
	want := []string{
		"mqtt-keepalive pahov5.managed 25:15 every 1m0s@15 timeout 1m0s@15",
		"mqtt-keepalive pahov5.direct 32:14 every 20s@32 timeout 20s@32",
		"mqtt-keepalive pahov5.fromSettings 39:18 every ?@39 timeout ?@0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("records:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// checkKeepAliveLiterals checks the spans recorded for a fix: a literal
// in place or a top-level constant's value; none for a value the analyzer
// cannot fold.
func checkKeepAliveLiterals(t *testing.T, results []*analysistest.Result) {
	got := literals(t, results, func(lit *records.Literal) string { return fmt.Sprintf("seconds=%v", lit.Seconds) })
	want := []string{`pahov5.managed "60" seconds=true`, `pahov5.direct "20" seconds=true`, "pahov5.fromSettings none"}
	if !slices.Equal(got, want) {
		t.Errorf("literals:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// checkPingLiterals checks which gorilla ping periods a chain's fix may
// rewrite: a literal of its own, in place or as a constant; not one the
// pong wait is derived from, not arithmetic, not a coder/websocket period.
func checkPingLiterals(t *testing.T, results []*analysistest.Result) {
	got := literals(t, results, func(lit *records.Literal) string {
		return fmt.Sprintf("seconds=%v time=%s", lit.Seconds, lit.TimeName)
	})
	slices.Sort(got)
	want := []string{
		"pingfix.(*chat).ping none",
		"pingfix.(*derived).ping none",
		"pingfix.(*indirect).ping none",
		`pingfix.(*inline).ping "20 * time.Second" seconds=false time=time`,
		`pingfix.(*own).ping "54 * time.Second" seconds=false time=time`,
		"pingfix.coder none",
	}
	if !slices.Equal(got, want) {
		t.Errorf("literals:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// literals describes each heartbeat of a package's results by its
// interval literal: "FUNC none", or "FUNC \"TEXT\" " followed by what
// describe says of it.
func literals(t *testing.T, results []*analysistest.Result, describe func(*records.Literal) string) []string {
	t.Helper()
	var got []string
	for _, hb := range results[0].Result.([]records.Heartbeat) {
		lit := hb.Interval.Literal
		if lit == nil {
			got = append(got, hb.Func+" none")
			continue
		}
		data, err := os.ReadFile(lit.File)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%s %q %s", hb.Func, data[lit.Offset:lit.End], describe(lit)))
	}
	return got
}
