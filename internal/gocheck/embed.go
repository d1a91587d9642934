package gocheck

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
)

// Repositories often embed what a build step makes and does not commit:
// a web UI's build/ directory, generated docs (`//go:embed build/*` in
// gotify, ntfy and screego). Without those files `go vet` stops before it
// analyzes anything ("pattern build/*: no matching files found"), while
// the in-process loader analyzes the package regardless. So that go vet,
// and its cache, still serve such a repository, each pattern it names is
// given one empty file through go's -overlay flag, virtually: nothing is
// written into the repository. The analyzers never read embedded files,
// so the findings are the in-process loader's.

// embedMissing matches go's error for an embed pattern without files.
var embedMissing = regexp.MustCompile(`(?m)^(\S+\.go):\d+:\d+: pattern (\S+): no matching files found$`)

// maxOverlayRounds bounds the reruns: go names one such package per run.
const maxOverlayRounds = 8

// embedOverlay adds to placeholders a file for each embed pattern go
// vet's error output says matches nothing, and reports whether it added
// any. dir is where go vet ran (its paths are relative to it).
func embedOverlay(stderr []byte, dir string, placeholders map[string]bool) bool {
	added := false
	for _, m := range embedMissing.FindAllSubmatch(stderr, -1) {
		file, pattern := string(m[1]), string(m[2])
		if !filepath.IsAbs(file) {
			file = filepath.Join(dir, file)
		}
		name, ok := placeholderFor(pattern)
		if !ok {
			continue
		}
		p := filepath.Join(filepath.Dir(file), filepath.FromSlash(name))
		if !placeholders[p] {
			placeholders[p] = true
			added = true
		}
	}
	return added
}

// placeholderFor returns a file path, relative to the package, that the
// embed pattern matches: its literal elements, with "*" as one made-up
// name. A pattern with other wildcards gets none.
func placeholderFor(pattern string) (string, bool) {
	pattern = strings.TrimPrefix(pattern, "all:")
	var elems []string
	for _, e := range strings.Split(pattern, "/") {
		switch {
		case e == "*":
			elems = append(elems, "connlint-placeholder")
		case e == "" || e == "." || e == ".." || strings.ContainsAny(e, `*?[]\`):
			return "", false
		default:
			elems = append(elems, e)
		}
	}
	name := path.Join(elems...)
	return name, name != ""
}

// writeOverlay writes go's -overlay file mapping each placeholder to an
// empty file, both in the user's cache directory (the same paths every
// run, so that go's build cache keys stay the same), and returns its
// path.
func writeOverlay(placeholders map[string]bool) (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(base, "connlint", "overlay")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	empty := filepath.Join(dir, "empty")
	if fi, err := os.Stat(empty); err != nil || fi.Size() != 0 {
		if err := os.WriteFile(empty, nil, 0o644); err != nil {
			return "", err
		}
	}
	replace := map[string]string{}
	for p := range placeholders {
		replace[p] = empty
	}
	data, err := json.Marshal(struct{ Replace map[string]string }{replace})
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, "overlay-*.json")
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), f.Close()
}
