package rules

// Code-scanning metadata: how much to trust a rule's findings, how GitHub
// should rank them and what they are about. It lives beside the catalogue
// rather than in it so that the catalogue stays one line of prose per rule.

// Precision values of SARIF's reportingDescriptor property "precision", as
// GitHub code scanning reads them: how often a finding is a real problem.
const (
	PrecisionVeryHigh = "very-high"
	PrecisionHigh     = "high"
	PrecisionMedium   = "medium"
)

// scanning is the code-scanning metadata of one rule.
type scanning struct {
	precision string
	// securitySeverity is GitHub's "security-severity" (a CVSS-like score
	// from 0.1 to 10); empty for rules that are not about security.
	securitySeverity string
	tags             []string
}

// scanningMeta covers every rule of the catalogue (a test checks it). The
// denial-of-service rules carry a security severity and their CWE: an
// unbounded request body or decompression is CWE-770 (allocation without
// limits) and CWE-409 (highly compressed data); a server without timeouts
// is CWE-400 (uncontrolled resource consumption), the slowloris attack.
// 7.5 is the CVSS v3 base score of a network denial of service that needs
// no privileges (AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H).
var scanningMeta = map[string]scanning{
	"transportreuse":           {PrecisionHigh, "", []string{"performance", "reliability"}},
	"keepalive":                {PrecisionVeryHigh, "", []string{"performance"}},
	"bodydrain":                {PrecisionHigh, "", []string{"performance", "reliability"}},
	"tlsresume":                {PrecisionMedium, "", []string{"performance"}},
	"bodylimit":                {PrecisionHigh, "7.5", []string{"security", "reliability", "external/cwe/cwe-770"}},
	"decompresslimit":          {PrecisionHigh, "7.5", []string{"security", "reliability", "external/cwe/cwe-409"}},
	"servertimeouts":           {PrecisionHigh, "5.3", []string{"security", "reliability", "external/cwe/cwe-400"}},
	"statuscode":               {PrecisionHigh, "", []string{"correctness"}},
	"reconnectbackoff":         {PrecisionHigh, "", []string{"reliability"}},
	"pollinterval":             {PrecisionMedium, "", []string{"performance"}},
	"heartbeat":                {PrecisionHigh, "", []string{"reliability"}},
	"nginx-parse":              {PrecisionVeryHigh, "", []string{"correctness"}},
	"nginx-body-size":          {PrecisionHigh, "5.3", []string{"security", "reliability", "external/cwe/cwe-770"}},
	"nginx-keepalive":          {PrecisionHigh, "", []string{"performance"}},
	"nginx-upstream-keepalive": {PrecisionVeryHigh, "", []string{"performance"}},
	"nginx-websocket":          {PrecisionHigh, "", []string{"correctness", "reliability"}},
	"nginx-header-inheritance": {PrecisionHigh, "", []string{"correctness"}},
	"nginx-rate-limit-status":  {PrecisionVeryHigh, "", []string{"correctness"}},
	"chain-heartbeat":          {PrecisionHigh, "", []string{"reliability"}},
	"chain-pong":               {PrecisionHigh, "", []string{"reliability"}},
	"chain-idle-order":         {PrecisionHigh, "", []string{"reliability"}},
	"chain-source":             {PrecisionVeryHigh, "", []string{"correctness"}},
	"suppress":                 {PrecisionVeryHigh, "", []string{"maintainability"}},
}

// Precision is how often the rule's findings are real problems, in SARIF's
// vocabulary (very-high, high, medium).
func (r Rule) Precision() string {
	if m, ok := scanningMeta[r.ID]; ok {
		return m.precision
	}
	return PrecisionMedium
}

// SecuritySeverity is the rule's GitHub security-severity score, or "" for
// a rule that is not about security.
func (r Rule) SecuritySeverity() string { return scanningMeta[r.ID].securitySeverity }

// Tags are the rule's code-scanning tags ("security", "performance", CWE
// references).
func (r Rule) Tags() []string { return scanningMeta[r.ID].tags }
