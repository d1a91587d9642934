package gocheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// foreignDirs returns the directories of code the checked repository does
// not own: GOROOT and the module cache, as the go command in dir sees
// them. `check` does not show findings there — the user cannot fix the
// standard library or a downloaded dependency, and a report full of them
// would bury the user's own — but says how many it left out. A directory
// that contains root is not foreign: checking GOROOT itself (or a module
// in the cache) is the user's explicit choice.
func foreignDirs(dir, root string) []string {
	cmd := exec.Command("go", "env", "GOROOT", "GOMODCACHE")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	var dirs []string
	for _, d := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		d = strings.TrimSpace(d)
		if d == "" || !filepath.IsAbs(d) {
			continue
		}
		if real, err := filepath.EvalSymlinks(d); err == nil {
			d = real
		}
		if within(root, d) {
			continue
		}
		dirs = append(dirs, d)
	}
	return dirs
}

// inForeign reports whether file is below one of dirs.
func inForeign(file string, dirs []string) bool {
	if file == "" {
		return false
	}
	if real, err := filepath.EvalSymlinks(file); err == nil {
		file = real
	}
	for _, d := range dirs {
		if d != "" && within(file, d) {
			return true
		}
	}
	return false
}
