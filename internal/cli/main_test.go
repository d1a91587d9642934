package cli

import (
	"fmt"
	"os"
	"testing"
)

// driverEnv makes the test binary serve as go vet's -vettool: Check
// analyzes through go vet with os.Executable() as the tool, which in these
// tests is the test binary itself.
const driverEnv = "CONNLINT_CLI_TEST_AS_DRIVER"

func TestMain(m *testing.M) {
	if os.Getenv(driverEnv) == "1" {
		Driver(os.Args[1:])
	}
	os.Setenv(driverEnv, "1") // inherited by go vet and the tool it runs
	// The standard-library facts the tests compute are kept for the
	// package's run (internal/depcache), not in the user's cache.
	cache, err := os.MkdirTemp("", "connlint-cli-cache")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("CONNLINT_CACHE_DIR", cache)
	code := m.Run()
	os.RemoveAll(cache)
	os.Exit(code)
}
