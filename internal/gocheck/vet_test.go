package gocheck

import (
	"slices"
	"testing"
)

// TestFailedPackages reads the package headers of go vet's error output,
// as go 1.26 prints them for a test variant that does not type-check
// (tinode/chat) and for a cgo package whose C library is missing (gobot).
func TestFailedPackages(t *testing.T) {
	stderr := `# github.com/tinode/chat/server/db/mysql/tests
# [github.com/tinode/chat/server/db/mysql/tests]
server/db/mysql/tests/mysql_test.go:1319:16: undefined: backend.GetTestAdapter
# gobot.io/x/gobot/v2/platforms/digispark [gobot.io/x/gobot/v2/platforms/digispark.test]
# [pkg-config --cflags  -- libusb]
Package libusb was not found in the pkg-config search path.
#    indented comment-like text is not a header
`
	var got []string
	for path := range failedPackages([]byte(stderr)) {
		got = append(got, path)
	}
	slices.Sort(got)
	want := []string{"github.com/tinode/chat/server/db/mysql/tests", "gobot.io/x/gobot/v2/platforms/digispark"}
	if !slices.Equal(got, want) {
		t.Errorf("failedPackages = %q, want %q", got, want)
	}
}
