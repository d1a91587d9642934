package analyzers

import (
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
)

func TestGolangciPlugin(t *testing.T) {
	newPlugin, err := register.GetPlugin("connlint")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(map[string]any{"disable": []string{"pollinterval"}, "max_body_size": "2MiB"})
	if err != nil {
		t.Fatal(err)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != len(All())-1 {
		t.Errorf("%d analyzers, want all but pollinterval (%d)", len(as), len(All())-1)
	}
	for _, a := range as {
		if a.Name == "pollinterval" {
			t.Error("pollinterval was not disabled")
		}
		if a.Name == "bodylimit" && a.Flags.Lookup("max").Value.String() != "2m" {
			t.Errorf("bodylimit.max = %s, want 2m", a.Flags.Lookup("max").Value)
		}
	}
	t.Cleanup(func() { _ = bodylimitMax("1m") })
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", p.GetLoadMode())
	}
	for _, bad := range []map[string]any{{"disable": []string{"nope"}}, {"unknown_key": 1}, {"poll_min_interval": "often"}} {
		p, err := newPlugin(bad)
		if err == nil {
			_, err = p.BuildAnalyzers()
		}
		if err == nil || !strings.Contains(err.Error(), "connlint settings") {
			t.Errorf("settings %v: err = %v, want a connlint settings error", bad, err)
		}
	}
}

func bodylimitMax(v string) error {
	for _, a := range All() {
		if a.Name == "bodylimit" {
			return a.Flags.Set("max", v)
		}
	}
	return nil
}
