package cli

import (
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
	os.Exit(m.Run())
}
