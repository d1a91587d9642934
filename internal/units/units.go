// Package units parses the durations and sizes written in connlint.toml and
// in the configuration files connlint reads. It is the one parser of each
// kind in connlint: every package that reads a duration or a size calls it,
// so "60s" means the same thing in a TOML hop, an nginx directive and a
// Terraform attribute.
//
// Durations accept Go syntax ("1m30s", "250ms", "1.5h") and nginx syntax
// ("60s", "1m", "1h 30m", "1d", a bare number of seconds "90"). Sizes accept
// nginx syntax ("10m", "512k", "1g", bare bytes "1024") and IEC syntax
// ("1MiB", "512KiB"); SI suffixes ("1MB") are read as nginx reads "1m",
// 1024-based, because that is what a user copying an nginx value means.
package units

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// nginxTimeUnits are nginx's time units, from the "Syntax" section of the
// nginx documentation (nginx.org/en/docs/syntax.html): ms, s, m, h, d, w,
// M (30 days) and y (365 days).
var nginxTimeUnits = map[string]time.Duration{
	"ms": time.Millisecond,
	"s":  time.Second,
	"m":  time.Minute,
	"h":  time.Hour,
	"d":  24 * time.Hour,
	"w":  7 * 24 * time.Hour,
	"M":  30 * 24 * time.Hour,
	"y":  365 * 24 * time.Hour,
}

// ParseDuration parses a duration in Go or nginx syntax. A bare number is
// seconds, as in nginx. Negative durations are rejected: no timeout or
// interval connlint reads can be negative.
func ParseDuration(s string) (time.Duration, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, errors.New("empty duration")
	}
	if isDigits(t) {
		n, err := strconv.ParseInt(t, 10, 64)
		if err != nil || n > math.MaxInt64/int64(time.Second) {
			return 0, fmt.Errorf("duration %q is out of range", s)
		}
		return time.Duration(n) * time.Second, nil
	}
	if d, err := time.ParseDuration(t); err == nil {
		if d < 0 {
			return 0, fmt.Errorf("duration %q is negative", s)
		}
		return d, nil
	}
	d, err := parseNginxDuration(t)
	if err != nil {
		return 0, fmt.Errorf("invalid duration %q: want Go (1m30s) or nginx (60s, 1m, 90) syntax", s)
	}
	return d, nil
}

// parseNginxDuration parses nginx's multi-unit form: "1h 30m", "1d12h",
// "5s500ms". Units must appear in decreasing order, as nginx requires.
func parseNginxDuration(s string) (time.Duration, error) {
	var total time.Duration
	last := time.Duration(math.MaxInt64)
	for rest := strings.TrimSpace(s); rest != ""; rest = strings.TrimLeft(rest, " ") {
		i := 0
		for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
			i++
		}
		j := i
		for j < len(rest) && (rest[j] >= 'a' && rest[j] <= 'z' || rest[j] >= 'A' && rest[j] <= 'Z') {
			j++
		}
		if i == 0 || j == i {
			return 0, errors.New("syntax")
		}
		unit, ok := nginxTimeUnits[rest[i:j]]
		if !ok || unit >= last {
			return 0, errors.New("syntax")
		}
		n, err := strconv.ParseInt(rest[:i], 10, 64)
		if err != nil || n > (math.MaxInt64-int64(total))/int64(unit) {
			return 0, errors.New("range")
		}
		total += time.Duration(n) * unit
		last = unit
		rest = rest[j:]
	}
	return total, nil
}

// Size is a number of bytes.
type Size int64

// Size multipliers.
const (
	KiB Size = 1 << 10
	MiB Size = 1 << 20
	GiB Size = 1 << 30
)

// sizeSuffixes maps accepted suffixes (lower-cased) to multipliers. nginx
// accepts k/K and m/M (and g/G for a few directives); see "Syntax" in the
// nginx documentation.
var sizeSuffixes = map[string]Size{
	"":    1,
	"b":   1,
	"k":   KiB,
	"kb":  KiB,
	"kib": KiB,
	"m":   MiB,
	"mb":  MiB,
	"mib": MiB,
	"g":   GiB,
	"gb":  GiB,
	"gib": GiB,
}

// ParseSize parses a size in nginx ("10m", "512k") or IEC ("1MiB") syntax.
func ParseSize(s string) (Size, error) {
	t := strings.TrimSpace(s)
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, fmt.Errorf("invalid size %q: want nginx (10m, 512k) or IEC (1MiB) syntax", s)
	}
	mult, ok := sizeSuffixes[strings.ToLower(strings.TrimSpace(t[i:]))]
	if !ok {
		return 0, fmt.Errorf("invalid size %q: unknown unit %q (want k, m, g, KiB, MiB, GiB)", s, strings.TrimSpace(t[i:]))
	}
	n, err := strconv.ParseInt(t[:i], 10, 64)
	if err != nil || n > math.MaxInt64/int64(mult) {
		return 0, fmt.Errorf("size %q is out of range", s)
	}
	return Size(n) * mult, nil
}

// String renders a size the way nginx would write it, in the largest unit
// that divides it exactly.
func (z Size) String() string {
	switch {
	case z != 0 && z%GiB == 0:
		return strconv.FormatInt(int64(z/GiB), 10) + "g"
	case z != 0 && z%MiB == 0:
		return strconv.FormatInt(int64(z/MiB), 10) + "m"
	case z != 0 && z%KiB == 0:
		return strconv.FormatInt(int64(z/KiB), 10) + "k"
	}
	return strconv.FormatInt(int64(z), 10)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
