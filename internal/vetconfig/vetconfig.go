// Package vetconfig reads connlint.toml when connlint runs as a
// multichecker or as go vet's -vettool, so that the thresholds a project
// sets there are the same under every driver, not only under `connlint
// check`.
//
// The file is looked up at the root of the module being analyzed: the
// directory of the nearest go.mod above the package (go vet passes the
// package directory in its unitchecker .cfg file) or above the working
// directory (the multichecker). Its [code] thresholds become the defaults
// of the analyzers' flags; flags given on the command line still win,
// because the driver parses them afterwards. A configuration that cannot
// be read or has a bad key is an error, as it is for `connlint check`.
package vetconfig

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/internal/config"
)

// Apply finds the connlint.toml of the module that args (the driver's
// command line, without the program name) analyze and sets the analyzers'
// flag defaults from it. It does nothing when there is none, and for go
// vet's queries of the tool's flags and version.
func Apply(args []string, analyzers []*analysis.Analyzer) error {
	if isQuery(args) || FlagsOnly() {
		return nil
	}
	dir, err := startDir(args)
	if err != nil {
		return err
	}
	root, ok := moduleRoot(dir)
	if !ok {
		return nil
	}
	path := filepath.Join(root, config.FileName)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	cfg, err := config.Load(path)
	if err != nil {
		return err
	}
	return setFlags(cfg.AnalyzerFlags(), analyzers, path)
}

// SettingsEnv is the environment variable with which `connlint check`
// tells the go vet tool it runs that every setting comes as a flag: "flags".
const SettingsEnv = "CONNLINT_VET_SETTINGS"

// FlagsOnly reports whether the settings come as flags only, and
// connlint.toml is not to be read.
func FlagsOnly() bool { return os.Getenv(SettingsEnv) == "flags" }

// isQuery reports whether go vet is asking the tool for its flags
// (-flags) or its version (-V=full) rather than running it.
func isQuery(args []string) bool {
	for _, a := range args {
		if a == "-flags" || a == "--flags" || strings.HasPrefix(a, "-V") || strings.HasPrefix(a, "--V") {
			return true
		}
	}
	return false
}

// startDir is the package directory named by go vet's .cfg file, or the
// working directory.
func startDir(args []string) (string, error) {
	if n := len(args); n > 0 && strings.HasSuffix(args[n-1], ".cfg") {
		data, err := os.ReadFile(args[n-1])
		if err != nil {
			return "", fmt.Errorf("reading go vet's configuration: %v", err)
		}
		var unit struct{ Dir string }
		if err := json.Unmarshal(data, &unit); err != nil {
			return "", fmt.Errorf("%s: %v", args[n-1], err)
		}
		if unit.Dir != "" {
			return unit.Dir, nil
		}
	}
	return os.Getwd()
}

// moduleRoot is the nearest directory at or above dir with a go.mod.
func moduleRoot(dir string) (string, bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		if st, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil && !st.IsDir() {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// setFlags sets each analyzer flag's value, which the driver then shows
// as its default and lets the command line override.
func setFlags(values map[string]map[string]string, analyzers []*analysis.Analyzer, path string) error {
	for _, a := range analyzers {
		for name, value := range values[a.Name] {
			f := a.Flags.Lookup(name)
			if f == nil {
				return fmt.Errorf("%s: analyzer %s has no flag %s", path, a.Name, name)
			}
			if err := f.Value.Set(value); err != nil {
				return fmt.Errorf("%s: %s.%s=%s: %v", path, a.Name, name, value, err)
			}
			f.DefValue = f.Value.String()
		}
	}
	return nil
}
