// Package depcache keeps, across go vet runs, what connlint computes for
// the standard-library packages go vet asks it to analyze as dependencies.
//
// Under `go vet -vettool=connlint`, go vet runs the tool once per
// dependency too (a "VetxOnly" unit), to get the package's types and the
// analyzers' facts about it in a vetx file. go vet caches that file, but
// keyed by the tool's ID (which hashes connlint.toml) and by the vet flags
// (which carry its thresholds): every distinct configuration, and every
// difference between `go vet -vettool` and `connlint check`, analyzes the
// ~200 standard-library packages behind net/http again, about 15 s of CPU
// on a small machine for facts that are the same each time.
//
// They are the same because nothing a user configures changes what
// connlint learns from the standard library: the analyzers that report
// never run on it (each returns early on a GOROOT package), and the two
// that learn from it (bodydrain: which functions close or drain a
// reader; transportreuse: which functions create a Transport) read no
// threshold. TestStandardFactsIgnoreFlags proves it for every flag. So a
// standard-library unit is analyzed with every flag at its default and
// its vetx file is kept under os.UserCacheDir()/connlint/vetx (or
// $CONNLINT_CACHE_DIR), keyed by:
//
//   - the Go build ID of the connlint executable (another connlint, other
//     analyzers, another key);
//   - go vet's description of the unit: import path, directory, files,
//     build configuration, Go version;
//   - each file's size and modification time;
//   - the contents of the vetx files of its imports, which carry their
//     types and facts, so a dependency that changed changes the key.
//
// A unit go vet asks for again under any configuration is then a file
// copy. CONNLINT_CACHE=off turns the cache off.
//
// The tool cannot write the cache entry itself after the analysis:
// unitchecker exits the process when it is done. So a unit it analyzes
// leaves a pending note naming its vetx output and key, and the units
// that import it, which go vet runs next and which read that output
// anyway, file it. A note nobody files (an interrupted run) is deleted
// by the periodic trim.
package depcache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"go/build"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
)

// Serve answers go vet's request for a standard-library dependency's vetx
// file, from the cache or by analyzing it with default flags, and then
// exits. For any other invocation it files the pending cache entries of
// the unit's imports and returns, leaving the run to the caller. args are
// the driver's arguments without the program name; analyzing is called
// before a unit is analyzed rather than copied.
func Serve(args []string, analyzers []*analysis.Analyzer, analyzing func()) {
	if len(args) == 0 || !strings.HasSuffix(args[len(args)-1], ".cfg") || Off() {
		return
	}
	cfgFile := args[len(args)-1]
	u, err := readUnit(cfgFile)
	if err != nil {
		return // unitchecker reports it
	}
	c, ok := open()
	if !ok {
		return
	}
	cached := u.VetxOnly && u.VetxOutput != "" && inGoroot(u.Dir)
	imports := c.fileImports(u, cached)
	if !cached {
		return
	}
	key, ok := u.key(imports)
	if !ok {
		return
	}
	if c.copyTo(key, u.VetxOutput) {
		os.Exit(0)
	}
	c.notePending(u.VetxOutput, key)
	analyzing()
	// Every flag at its default: the command line and connlint.toml are
	// not applied (see the package doc).
	unitchecker.Run(cfgFile, analyzers)
}

// Off reports whether CONNLINT_CACHE=off turns connlint's caches off:
// this one, and check's use of go vet's.
func Off() bool { return strings.EqualFold(os.Getenv("CONNLINT_CACHE"), "off") }

// unit is the part of go vet's .cfg file (cmd/go's vetConfig) the cache
// reads; raw keeps all of it for the key.
type unit struct {
	ImportPath  string
	Dir         string
	GoFiles     []string
	NonGoFiles  []string
	PackageVetx map[string]string
	VetxOnly    bool
	VetxOutput  string

	raw map[string]json.RawMessage
}

func readUnit(cfgFile string) (*unit, error) {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return nil, err
	}
	u := new(unit)
	if err := json.Unmarshal(data, u); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, &u.raw); err != nil {
		return nil, err
	}
	return u, nil
}

// volatile are the .cfg fields that name files of this go vet run (its
// work directory, the build cache) rather than describe the unit; the key
// uses the contents of the vetx files instead.
var volatile = []string{"PackageVetx", "PackageFile", "VetxOutput", "Stdout", "FixArchive"}

// key hashes what decides the unit's vetx file: the executable, the unit,
// its files' sizes and times, and its imports' vetx contents (importVetx,
// by import path).
func (u *unit) key(importVetx map[string][sha256.Size]byte) (string, bool) {
	id, ok := ExecutableID()
	if !ok {
		return "", false
	}
	h := sha256.New()
	h.Write([]byte("connlint vetx 1\x00" + id + "\x00" + build.Default.GOOS + "/" + build.Default.GOARCH + "\x00"))
	described := make(map[string]json.RawMessage, len(u.raw))
	for k, v := range u.raw {
		described[k] = v
	}
	for _, k := range volatile {
		delete(described, k)
	}
	// Files cgo generated for this run live in go vet's work directory,
	// whose name changes every run: they are named by base name and
	// hashed whole. The package's own files are named by path, size and
	// time.
	var files []string
	for _, list := range []struct {
		field string
		names []string
	}{{"GoFiles", u.GoFiles}, {"NonGoFiles", u.NonGoFiles}} {
		var named []string
		for _, name := range list.names {
			id, ok := fileID(u.Dir, name)
			if !ok {
				return "", false
			}
			files = append(files, id)
			if inDir(u.Dir, name) {
				named = append(named, name)
			} else {
				named = append(named, filepath.Base(name))
			}
		}
		data, err := json.Marshal(named)
		if err != nil {
			return "", false
		}
		described[list.field] = data
	}
	data, err := json.Marshal(described) // map keys sorted: a stable encoding
	if err != nil {
		return "", false
	}
	h.Write(data)
	for _, id := range files {
		h.Write([]byte("\x00" + id))
	}
	paths := make([]string, 0, len(u.PackageVetx))
	for p := range u.PackageVetx {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		sum, ok := importVetx[p]
		if !ok {
			return "", false
		}
		h.Write([]byte("\x00import " + p + "\x00"))
		h.Write(sum[:])
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// fileID identifies a file of the unit: a file of its directory by path,
// size and time, a generated one by its contents.
func fileID(dir, name string) (string, bool) {
	if inDir(dir, name) {
		fi, err := os.Stat(name)
		if err != nil {
			return "", false
		}
		return name + "\x00" + fi.ModTime().UTC().Format(time.RFC3339Nano) + "\x00" + strconv.FormatInt(fi.Size(), 10), true
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return "", false
	}
	sum := sha256.Sum256(data)
	return filepath.Base(name) + "\x00" + hex.EncodeToString(sum[:]), true
}

func inDir(dir, name string) bool {
	return strings.HasPrefix(name, filepath.Clean(dir)+string(filepath.Separator))
}

// inGoroot reports whether dir is a package directory of the Go
// distribution that runs go vet. GOROOT is the one go vet passes down, or
// failing that the one connlint was built with; a directory of another
// distribution is simply not cached.
func inGoroot(dir string) bool {
	root := build.Default.GOROOT
	if root == "" {
		return false
	}
	src := filepath.Join(root, "src") + string(filepath.Separator)
	return strings.HasPrefix(filepath.Clean(dir)+string(filepath.Separator), src) &&
		filepath.Clean(dir) != filepath.Clean(src)
}

// ExecutableID identifies the running connlint by the Go build ID the
// linker wrote into it, a hash of its inputs and of its contents. A binary
// without one (-buildid= ) is identified by its path, size and time.
func ExecutableID() (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", false
	}
	defer f.Close()
	head := make([]byte, 32<<10)
	n, _ := f.Read(head)
	if id := buildID(head[:n]); id != "" {
		return id, true
	}
	fi, err := f.Stat()
	if err != nil {
		return "", false
	}
	return exe + "\x00" + fi.ModTime().UTC().Format(time.RFC3339Nano) + "\x00" + strconv.FormatInt(fi.Size(), 10), true
}

// buildID finds the Go build ID near the start of an executable: in an
// ELF note named "Go" of type 4, or after the marker other formats carry
// in their text.
func buildID(head []byte) string {
	if i := bytes.Index(head, []byte("\x04\x00\x00\x00Go\x00\x00")); i >= 8 {
		size := int(head[i-4]) | int(head[i-3])<<8 | int(head[i-2])<<16 | int(head[i-1])<<24
		start := i + 8
		if size > 0 && size < 512 && start+size <= len(head) {
			return string(bytes.TrimRight(head[start:start+size], "\x00"))
		}
	}
	const marker = "\xff Go build ID: \""
	if i := bytes.Index(head, []byte(marker)); i >= 0 {
		rest := head[i+len(marker):]
		if j := bytes.IndexByte(rest, '"'); j > 0 {
			return string(rest[:j])
		}
	}
	return ""
}
