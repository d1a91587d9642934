package config

import "strconv"

// AnalyzerFlags maps the [code] thresholds to the analyzers' own flags
// (analyzer name → flag → value), the one way every driver passes them:
// `check` sets them on its analyzers, and under go vet or the multichecker
// they become the flags' defaults, which command-line flags override.
func (c *Config) AnalyzerFlags() map[string]map[string]string {
	return map[string]map[string]string{
		"pollinterval": {"min": c.Code.PollMinInterval.Duration.String()},
		"bodylimit":    {"max": strconv.FormatInt(int64(c.Code.MaxBodySize.Size), 10)},
	}
}
