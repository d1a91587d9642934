package rules

import "testing"

// TestScanningMetaCoversCatalogue keeps the code-scanning metadata in step
// with the catalogue: a new rule without it would reach GitHub untagged and
// with a guessed precision.
func TestScanningMetaCoversCatalogue(t *testing.T) {
	for _, r := range catalogue {
		m, ok := scanningMeta[r.ID]
		if !ok {
			t.Errorf("rule %s has no code-scanning metadata (internal/rules/meta.go)", r.ID)
			continue
		}
		switch m.precision {
		case PrecisionVeryHigh, PrecisionHigh, PrecisionMedium:
		default:
			t.Errorf("rule %s: precision %q is not one of SARIF's", r.ID, m.precision)
		}
		if len(m.tags) == 0 {
			t.Errorf("rule %s has no tags", r.ID)
		}
		security := false
		for _, tag := range m.tags {
			security = security || tag == "security"
		}
		if security != (m.securitySeverity != "") {
			t.Errorf("rule %s: a security-severity goes with the security tag and only with it", r.ID)
		}
	}
	for id := range scanningMeta {
		if _, ok := byID[id]; !ok {
			t.Errorf("code-scanning metadata for %s, which is not in the catalogue", id)
		}
	}
}
