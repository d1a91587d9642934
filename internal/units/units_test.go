package units

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	good := []struct {
		in   string
		want time.Duration
	}{
		{"25s", 25 * time.Second},
		{"1m30s", 90 * time.Second},
		{"250ms", 250 * time.Millisecond},
		{"1.5h", 90 * time.Minute},
		{"90", 90 * time.Second},
		{" 60s ", 60 * time.Second},
		{"1m", time.Minute},
		{"1h 30m", 90 * time.Minute},
		{"1d", 24 * time.Hour},
		{"1d12h", 36 * time.Hour},
		{"2w", 14 * 24 * time.Hour},
		{"1M", 30 * 24 * time.Hour},
		{"1y", 365 * 24 * time.Hour},
		{"5s500ms", 5500 * time.Millisecond},
		{"0", 0},
	}
	for _, tc := range good {
		got, err := ParseDuration(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	bad := []string{"", "s", "-5s", "10 seconds", "1x", "1.5d", "99999999999999999999", "1e3", "1s 1h", "5 s"}
	for _, in := range bad {
		if got, err := ParseDuration(in); err == nil {
			t.Errorf("ParseDuration(%q) = %v, want an error", in, got)
		}
	}
}

func TestParseSize(t *testing.T) {
	good := []struct {
		in   string
		want Size
	}{
		{"10m", 10 * MiB},
		{"10M", 10 * MiB},
		{"512k", 512 * KiB},
		{"1MiB", MiB},
		{"1 MiB", MiB},
		{"2GiB", 2 * GiB},
		{"1g", GiB},
		{"1024", 1024},
		{"0", 0},
		{"1MB", MiB},
	}
	for _, tc := range good {
		got, err := ParseSize(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseSize(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	bad := []string{"", "m", "-1m", "1.5m", "10t", "10 megs", "99999999999999999999g"}
	for _, in := range bad {
		if got, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) = %v, want an error", in, got)
		}
	}
}

func TestSizeString(t *testing.T) {
	for in, want := range map[Size]string{MiB: "1m", 512 * KiB: "512k", 3 * GiB: "3g", 1000: "1000", 0: "0"} {
		if got := in.String(); got != want {
			t.Errorf("Size(%d).String() = %q, want %q", int64(in), got, want)
		}
	}
}

// FuzzParseDuration checks that the parser never panics and that what it
// accepts is non-negative and stable under re-parsing of Go's rendering.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"25s", "1m30s", "90", "1h 30m", "1d12h", "", "-1s", "5s500ms"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			return
		}
		if d < 0 {
			t.Fatalf("ParseDuration(%q) = %v: negative", s, d)
		}
		again, err := ParseDuration(d.String())
		if err != nil || again != d {
			t.Fatalf("ParseDuration(%q) = %v, but its rendering %q parses as %v, %v", s, d, d.String(), again, err)
		}
	})
}

// FuzzParseSize checks that the parser never panics and that what it
// accepts round-trips through String.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"10m", "512k", "1MiB", "0", "1g", "", "k"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		z, err := ParseSize(s)
		if err != nil {
			return
		}
		if z < 0 {
			t.Fatalf("ParseSize(%q) = %d: negative", s, z)
		}
		again, err := ParseSize(z.String())
		if err != nil || again != z {
			t.Fatalf("ParseSize(%q) = %d, but %q parses as %d, %v", s, z, z.String(), again, err)
		}
	})
}
