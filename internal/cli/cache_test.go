package cli

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// cacheModule has a leaf package with a finding, a package that imports
// it and one that does not, and a heartbeat record for the chain.
func cacheModule(t *testing.T) string {
	return module(t, map[string]string{
		"leaf/client.go": strings.Replace(keepaliveOff, "package fixture", "package leaf", 1),
		"user/user.go":   "package user\n\nimport \"example.com/fixture/leaf\"\n\nfunc Fetch() { _, _ = leaf.Get(\"https://example.com\") }\n",
		"other/other.go": strings.Replace(keepaliveOff, "package fixture", "package other", 1),
		"srv/srv.go":     "package srv\n\nimport (\n\t\"net/http\"\n\t\"time\"\n)\n\nvar S = &http.Server{Addr: \":8080\", ReadHeaderTimeout: 5 * time.Second, IdleTimeout: 30 * time.Second}\n",
		"connlint.toml":  "[[chain]]\nname = \"api\"\nheartbeat = \"45s\"\n[[chain.hop]]\nkind = \"alb\"\n",
	})
}

// traced runs check with CONNLINT_VET_TRACE set and returns the exit
// code, the JSON report and the packages the vet tool analyzed (not the
// facts-only runs of dependencies), sorted.
func traced(t *testing.T, args ...string) (int, string, []string) {
	t.Helper()
	trace := filepath.Join(t.TempDir(), "trace")
	t.Setenv("CONNLINT_VET_TRACE", trace)
	code, out, errOut := run(t, check, append([]string{"-format", "json"}, args...)...)
	if code != ExitFindings {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	data, err := os.ReadFile(trace)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var analyzed []string
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if line != "" && !strings.HasSuffix(line, " facts") && !strings.HasPrefix(line, "in-process ") {
			analyzed = append(analyzed, line)
		}
	}
	sort.Strings(analyzed)
	return code, out, analyzed
}

// TestCheckCache: a run through go vet's cache reports exactly what a run
// without it reports; a second run analyzes nothing again; a change to one
// package re-analyzes that package and the package importing it, not the
// others; a damaged cache entry is not trusted.
func TestCheckCache(t *testing.T) {
	dir := cacheModule(t)

	t.Setenv("CONNLINT_CACHE", "off")
	_, cold, analyzed := traced(t, dir)
	if len(analyzed) != 0 {
		t.Errorf("CONNLINT_CACHE=off: the vet tool ran on %q", analyzed)
	}
	for _, want := range []string{`"leaf/client.go"`, `"other/other.go"`, `"chain-heartbeat"`} {
		if !strings.Contains(cold, want) {
			t.Fatalf("the reference run lacks %s:\n%s", want, cold)
		}
	}
	t.Setenv("CONNLINT_CACHE", "")

	_, first, analyzed := traced(t, dir)
	if first != cold {
		t.Errorf("first run through go vet differs from the in-process run:\n%s\nwant:\n%s", first, cold)
	}
	if len(analyzed) < 4 {
		t.Errorf("first run analyzed %q; want every package", analyzed)
	}
	start := time.Now()
	_, warm, analyzed := traced(t, dir)
	if warm != cold {
		t.Errorf("warm run differs from the in-process run:\n%s\nwant:\n%s", warm, cold)
	}
	if len(analyzed) != 0 {
		t.Errorf("nothing changed, yet the warm run analyzed %q", analyzed)
	}

	// An edit of connlint.toml outside the thresholds (a chain's
	// heartbeat) re-analyzes nothing; a threshold re-analyzes every
	// package, whose findings it may change.
	toml := filepath.Join(dir, "connlint.toml")
	original, err := os.ReadFile(toml)
	if err != nil {
		t.Fatal(err)
	}
	edit := func(text string) {
		t.Helper()
		if err := os.WriteFile(toml, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit(strings.Replace(string(original), `heartbeat = "45s"`, `heartbeat = "40s"`, 1))
	if _, _, analyzed := traced(t, dir); len(analyzed) != 0 {
		t.Errorf("after editing a chain, analyzed %q; want nothing", analyzed)
	}
	edit("[code]\npoll_min_interval = \"2h\"\n" + string(original))
	if _, _, analyzed := traced(t, dir); len(analyzed) < 4 {
		t.Errorf("after changing a threshold, analyzed only %q; want every package", analyzed)
	}
	edit(string(original))

	// A new exported function changes leaf's export data: leaf and user,
	// which imports it, are analyzed again; other and srv are not.
	f, err := os.OpenFile(filepath.Join(dir, "leaf/client.go"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\nfunc Added() {}\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, changed, analyzed := traced(t, dir)
	if changed != cold {
		t.Errorf("after the change the findings differ:\n%s\nwant:\n%s", changed, cold)
	}
	if got, want := strings.Join(analyzed, " "), "example.com/fixture/leaf example.com/fixture/user"; got != want {
		t.Errorf("after changing leaf, analyzed %q; want %q", got, want)
	}

	// Damage the cached outputs of this module's packages. One keeps its
	// size, so go hands it back; connlint must not trust it.
	damaged := damageCachedOutputs(t, dir, start)
	if damaged == 0 {
		t.Fatal("found no cached go vet output of the fixture to damage")
	}
	t.Logf("damaged %d cached go vet outputs", damaged)
	if _, after, _ := traced(t, dir); after != cold {
		t.Errorf("with %d damaged cache entries the findings differ:\n%s\nwant:\n%s", damaged, after, cold)
	}
}

// TestCheckCacheFlag: -cache=false analyzes in-process, and the report is
// the same.
func TestCheckCacheFlag(t *testing.T) {
	dir := module(t, map[string]string{"a.go": "package fixture\n\nimport \"time\"\n\nvar D = time.Second\n"})
	trace := filepath.Join(t.TempDir(), "trace")
	t.Setenv("CONNLINT_VET_TRACE", trace)
	code, out, errOut := run(t, check, "-cache=false", dir)
	if code != ExitClean || out != "connlint: no findings\n" {
		t.Fatalf("exit %d\n%s%s", code, out, errOut)
	}
	if data, _ := os.ReadFile(trace); strings.TrimSpace(string(data)) != "in-process ./..." {
		t.Errorf("-cache=false: want only the in-process load of ./..., got trace:\n%s", data)
	}
	if code, again, _ := run(t, check, dir); code != ExitClean || again != out {
		t.Errorf("with the cache: exit %d, %q; want %q", code, again, out)
	}
}

// damageCachedOutputs overwrites, in go's build cache, the go vet outputs
// written since start that name dir: the first with garbage of the same
// size, the others truncated. It returns how many it damaged.
func damageCachedOutputs(t *testing.T, dir string, start time.Time) int {
	t.Helper()
	gocache, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	root := strings.TrimSpace(string(gocache))
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, "-d") {
			return nil
		}
		info, err := d.Info()
		if err != nil || info.ModTime().Before(start.Add(-time.Second)) || info.Size() > 1<<20 {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(data, []byte("{")) || !bytes.Contains(data, []byte(dir)) {
			return nil
		}
		bad := bytes.Repeat([]byte("x"), len(data))
		if n > 0 {
			bad = data[:len(data)/2]
		}
		if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCheckBrokenPackages: when some packages do not type-check, go vet's
// results for the others are used, and only the broken packages and
// those importing them are loaded in-process, which names the module's
// first error; the report equals the one of a run without go vet.
func TestCheckBrokenPackages(t *testing.T) {
	tested := strings.Replace(keepaliveOff, "package fixture", "package tested", 1)
	dir := module(t, map[string]string{
		"leaf/client.go":        strings.Replace(keepaliveOff, "package fixture", "package leaf", 1),
		"broken/broken.go":      "package broken\n\nvar X int = \"not an int\"\n",
		"uses/uses.go":          "package uses\n\nimport \"example.com/fixture/broken\"\n\nvar Y = broken.X\n",
		"tested/tested.go":      tested,
		"tested/tested_test.go": "package tested\n\nvar _ int = undefinedName\n",
	})
	check := func(cache string) (string, string) {
		t.Helper()
		t.Setenv("CONNLINT_CACHE", cache)
		trace := filepath.Join(t.TempDir(), "trace")
		t.Setenv("CONNLINT_VET_TRACE", trace)
		code, out, errOut := run(t, check, "-format", "json", dir)
		if code != ExitError {
			t.Fatalf("CONNLINT_CACHE=%s: exit %d, want %d\n%s%s", cache, code, ExitError, out, errOut)
		}
		data, err := os.ReadFile(trace)
		if err != nil {
			t.Fatal(err)
		}
		var loads []string
		for _, line := range strings.Split(string(data), "\n") {
			if l, ok := strings.CutPrefix(line, "in-process "); ok {
				loads = append(loads, l)
			}
		}
		return out + errOut, strings.Join(loads, "; ")
	}
	reference, loads := check("off")
	if loads != "./..." {
		t.Errorf("without go vet, loaded %q", loads)
	}
	for _, want := range []string{`"leaf/client.go"`, `"tested/tested.go"`, "broken/broken.go:3:13:", "(and 1 more error)"} {
		if !strings.Contains(reference, want) {
			t.Errorf("the reference run lacks %s:\n%s", want, reference)
		}
	}
	for _, run := range []string{"first", "warm"} {
		got, loads := check("")
		if got != reference {
			t.Errorf("%s run through go vet differs from the in-process run:\n%s\nwant:\n%s", run, got, reference)
		}
		if want := "example.com/fixture/broken example.com/fixture/tested example.com/fixture/uses"; loads != want {
			t.Errorf("%s run loaded in-process %q; want only %q", run, loads, want)
		}
	}
}

// TestCheckUndownloadableModule: a required module go cannot download
// stops go vet before any package (go list fails for the pattern). check
// vets the packages that do not need it and names the failure from go
// list's errors; nothing is loaded in-process (on evcc, whose missing
// modules sent its ~200 packages in-process, that was 3.2 GB). The
// findings are the in-process run's, and so is the failure's first error.
func TestCheckUndownloadableModule(t *testing.T) {
	dir := module(t, map[string]string{
		"go.mod":         "module example.com/fixture\n\ngo 1.22\n\nrequire example.com/missing v1.0.0\n",
		"needs/needs.go": "package needs\n\nimport \"example.com/missing\"\n\nvar X = missing.Y\n",
		"leaf/client.go": strings.Replace(keepaliveOff, "package fixture", "package leaf", 1),
	})
	t.Setenv("GOPROXY", "off")
	t.Setenv("GOFLAGS", "-mod=mod")
	check := func(cache string) (out, loads string) {
		t.Helper()
		t.Setenv("CONNLINT_CACHE", cache)
		trace := filepath.Join(t.TempDir(), "trace")
		t.Setenv("CONNLINT_VET_TRACE", trace)
		code, stdout, stderr := run(t, check, "-format", "json", dir)
		if code != ExitError {
			t.Fatalf("CONNLINT_CACHE=%s: exit %d, want %d\n%s%s", cache, code, ExitError, stdout, stderr)
		}
		for _, want := range []string{`"leaf/client.go"`, "needs/needs.go:3:8: module lookup disabled by GOPROXY=off"} {
			if !strings.Contains(stdout+stderr, want) {
				t.Errorf("CONNLINT_CACHE=%s: no %s in:\n%s%s", cache, want, stdout, stderr)
			}
		}
		data, err := os.ReadFile(trace)
		if err != nil {
			t.Fatal(err)
		}
		return stdout, string(data)
	}
	reference, _ := check("off")
	got, loads := check("")
	if got != reference {
		t.Errorf("through go vet:\n%s\nin-process:\n%s", got, reference)
	}
	if strings.Contains(loads, "in-process") || !strings.Contains(loads, "example.com/fixture/leaf\n") {
		t.Errorf("want leaf through go vet and nothing in-process; the trace:\n%s", loads)
	}
}

// TestCheckEmbedMissing: a package embedding files a build step makes
// (absent from the repository) stops go vet; check gives the pattern a
// placeholder through -overlay, so go vet and its cache still serve the
// module, with the report of the in-process run and nothing written.
func TestCheckEmbedMissing(t *testing.T) {
	dir := module(t, map[string]string{
		"ui/ui.go":       "package ui\n\nimport \"embed\"\n\n//go:embed build/*\nvar Files embed.FS\n",
		"leaf/client.go": strings.Replace(keepaliveOff, "package fixture", "package leaf", 1),
	})
	trace := filepath.Join(t.TempDir(), "trace")
	t.Setenv("CONNLINT_VET_TRACE", trace)
	t.Setenv("CONNLINT_CACHE", "off")
	_, reference, _ := run(t, check, "-format", "json", dir)
	t.Setenv("CONNLINT_CACHE", "")
	os.Remove(trace)
	code, got, errOut := run(t, check, "-format", "json", dir)
	if code != ExitFindings || got != reference || !strings.Contains(got, "leaf/client.go") {
		t.Errorf("exit %d\n%s%s\nwant:\n%s", code, got, errOut, reference)
	}
	data, _ := os.ReadFile(trace)
	if strings.Contains(string(data), "in-process") || !strings.Contains(string(data), "example.com/fixture/ui") {
		t.Errorf("go vet did not analyze the module; trace:\n%s", data)
	}
	if _, err := os.Stat(filepath.Join(dir, "ui", "build")); !os.IsNotExist(err) {
		t.Errorf("something was written into the module: %v", err)
	}
}

// TestCheckMemo: a run whose inputs are those of the run before it
// reuses its output, chains included, without starting go at all; an
// edit of the module is seen, and the run goes through go vet again.
func TestCheckMemo(t *testing.T) {
	dir := cacheModule(t)
	// Files written a moment ago are too young to remember a run by
	// (internal/runmemo's racy window): the module was written an hour ago.
	hourAgo := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		return os.Chtimes(path, hourAgo, hourAgo)
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("CONNLINT_VET_TRACE", "")
	// A go on PATH that logs its invocations before running the real one.
	real, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	bin, log := t.TempDir(), filepath.Join(t.TempDir(), "go.log")
	shim := "#!/bin/sh\necho \"$*\" >> '" + log + "'\nexec '" + real + "' \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(shim), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	invocations := func() string {
		t.Helper()
		data, err := os.ReadFile(log)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		os.Remove(log)
		return string(data)
	}
	checkJSON := func() string {
		t.Helper()
		code, out, errOut := run(t, check, "-format", "json", dir)
		if code != ExitFindings {
			t.Fatalf("exit %d\n%s%s", code, out, errOut)
		}
		return out
	}

	first := checkJSON()
	if !strings.Contains(invocations(), "vet ") {
		t.Fatal("the first run did not go through go vet")
	}
	for _, want := range []string{`"leaf/client.go"`, `"other/other.go"`, `"chain-heartbeat"`} {
		if !strings.Contains(first, want) {
			t.Fatalf("the first run lacks %s:\n%s", want, first)
		}
	}
	if again := checkJSON(); again != first {
		t.Errorf("the remembered run differs:\n%s\nwant:\n%s", again, first)
	}
	if ran := invocations(); ran != "" {
		t.Errorf("nothing changed, yet the run started go:\n%s", ran)
	}

	if err := os.Remove(filepath.Join(dir, "other/other.go")); err != nil {
		t.Fatal(err)
	}
	edited := checkJSON()
	if !strings.Contains(invocations(), "vet ") {
		t.Error("after an edit, the run did not go through go vet")
	}
	if strings.Contains(edited, `"other/other.go"`) || !strings.Contains(edited, `"leaf/client.go"`) {
		t.Errorf("after removing other/other.go:\n%s", edited)
	}
}
