package analyzers

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
)

// golangci-lint's module plugin system builds a custom golangci-lint that
// imports this package; the init below registers connlint under the name
// "connlint". See README.md ("golangci-lint") for the .custom-gcl.yml and
// .golangci.yml that enable it.
func init() {
	register.Plugin("connlint", newPlugin)
}

// pluginSettings are the settings of .golangci.yml's
// linters.settings.custom.connlint.settings.
type pluginSettings struct {
	// Disable lists analyzers to leave out, by rule ID.
	Disable []string `json:"disable"`
	// PollMinInterval and MaxBodySize are the [code] thresholds of
	// connlint.toml, in the same syntax.
	PollMinInterval string `json:"poll_min_interval"`
	MaxBodySize     string `json:"max_body_size"`
}

type plugin struct {
	settings pluginSettings
}

func newPlugin(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[pluginSettings](conf)
	if err != nil {
		return nil, fmt.Errorf("connlint settings: %w", err)
	}
	return &plugin{settings: s}, nil
}

// BuildAnalyzers returns the analyzers golangci-lint runs.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	off := make(map[string]bool)
	known := make(map[string]bool)
	for _, a := range All() {
		known[a.Name] = true
	}
	for _, name := range p.settings.Disable {
		if !known[name] {
			return nil, fmt.Errorf("connlint settings: disable names unknown analyzer %q", name)
		}
		off[name] = true
	}
	flags := map[string][2]string{
		"pollinterval": {"min", p.settings.PollMinInterval},
		"bodylimit":    {"max", p.settings.MaxBodySize},
	}
	var out []*analysis.Analyzer
	for _, a := range All() {
		if off[a.Name] {
			continue
		}
		if f, ok := flags[a.Name]; ok && f[1] != "" {
			if err := a.Flags.Set(f[0], f[1]); err != nil {
				return nil, fmt.Errorf("connlint settings: %s: %v", a.Name, err)
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// GetLoadMode asks for type information: every connlint analyzer matches
// types, never names.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
