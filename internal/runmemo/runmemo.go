// Package runmemo remembers the Go part of a `connlint check` run, so that
// a run in which nothing changed does not start go vet at all.
//
// go vet's cache already makes such a run analyze nothing, but go vet
// itself still loads every package and hashes every file of the module
// and of the standard library behind it to find its cached results:
// about 0.4 s of CPU on a small module, more than staticcheck's whole
// warm run. A memo entry is keyed instead by a fingerprint of what go vet
// would read, taken from file metadata:
//
//   - the connlint executable (its Go build ID, path, size and time) and
//     the run's parameters (directory, patterns, analyzer flags, whether
//     tests are included);
//   - the environment go reads (every GO* and CGO_* variable, CC, CXX,
//     HOME and the XDG directories) and the go command found on PATH;
//   - the path, size, modification time and mode of every file under
//     the checked directory (version-control and node_modules
//     directories aside, and the report the run writes), of the go.mod,
//     go.sum and go.work files of its parent directories, of the go env
//     file, and of every file under a directory reached from there by a
//     go.mod or go.work (a local replace or use) or by a symlink.
//
// Any difference is a miss, and the run goes through go vet as before.
//
// Some runs are never remembered. A run in which a file is younger than
// two seconds: an edit within the file system's timestamp granularity
// could leave its size and time as they were. A run with errors (the
// caller's part): a module go could not download fails for a reason no
// fingerprint sees. Runs whose inputs the fingerprint cannot follow:
// GOFLAGS naming a file (-modfile, -overlay), GOWORK naming a file, a
// go.mod that does not parse, a tree of more than maxFiles files.
//
// Entries live in connlint's cache (internal/depcache) behind a checksum.
// CONNLINT_CACHE=off and `check -cache=false` turn the memo off with the
// rest, and so does CONNLINT_VET_TRACE (the tests' view of what go vet
// analyzes).
package runmemo

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/modfile"

	"github.com/connlint/connlint/internal/depcache"
	"github.com/connlint/connlint/internal/records"
	"github.com/connlint/connlint/internal/report"
)

// Params are the parameters of the Go part of a run.
type Params struct {
	Dir      string
	Patterns []string
	Tests    bool
	Flags    map[string]map[string]string // analyzer -> flag -> value
	// Output is the file the run writes its report to, if any: not an
	// input, and left out of the fingerprint, or every run writing its
	// report into the directory would miss.
	Output string
}

// Output is what a run of the Go part produced and a later run reuses:
// gocheck's findings and the records the timeout chains read.
type Output struct {
	Findings   []report.Finding
	BadInput   []report.Finding
	Heartbeats []records.Heartbeat
	Servers    []records.Server
	Root       string
	Note       string
	Hidden     int
}

// Key returns the fingerprint of a run with params p, and false when the
// run must not be remembered.
func Key(p Params) (string, bool) {
	if os.Getenv("CONNLINT_VET_TRACE") != "" || depcache.Off() {
		return "", false
	}
	exe, ok := depcache.ExecutableID()
	if !ok {
		return "", false
	}
	root, err := filepath.Abs(p.Dir)
	if err != nil {
		return "", false
	}
	h := sha256.New()
	// The executable's file too, as go vet's tool ID hashes it: a copy
	// or a rebuild is another tool.
	if path, err := os.Executable(); err == nil {
		statFile(h, path)
	}
	// fmt prints maps sorted by key.
	fmt.Fprintf(h, "connlint runmemo 1\x00%s\x00%s\x00%v\x00%q\x00%q\x00", exe, root, p.Tests, p.Patterns, p.Flags)
	if !hashEnv(h) {
		return "", false
	}
	f := &fingerprint{w: h, walked: map[string]bool{}}
	if p.Output != "" {
		if f.output, err = filepath.Abs(p.Output); err != nil {
			return "", false
		}
	}
	f.ancestors(root)
	f.tree(root)
	for len(f.pending) > 0 && !f.failed {
		dir := f.pending[0]
		f.pending = f.pending[1:]
		f.tree(dir)
	}
	if f.failed || time.Since(f.newest) < racyWindow {
		return "", false
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// Load returns the output remembered under key.
func Load(key string) (*Output, bool) {
	data, ok := depcache.Get(key)
	if !ok {
		return nil, false
	}
	out := new(Output)
	if gob.NewDecoder(bytes.NewReader(data)).Decode(out) != nil {
		return nil, false
	}
	return out, true
}

// Store remembers out under key.
func Store(key string, out *Output) {
	var buf bytes.Buffer
	if gob.NewEncoder(&buf).Encode(out) == nil {
		depcache.Put(key, buf.Bytes())
	}
}

// hashEnv writes the environment go reads and the go command's identity,
// reporting false when GOFLAGS or GOWORK name a file the fingerprint
// does not follow.
func hashEnv(w io.Writer) bool {
	var env []string
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		switch {
		case name == "GOFLAGS" && (strings.Contains(value, "-modfile") || strings.Contains(value, "-overlay")):
			return false
		case name == "GOWORK" && value != "" && value != "off":
			return false
		case strings.HasPrefix(name, "GO"), strings.HasPrefix(name, "CGO_"),
			name == "CC", name == "CXX", name == "HOME", strings.HasPrefix(name, "XDG_"):
			env = append(env, kv)
		}
	}
	slices.Sort(env)
	fmt.Fprintf(w, "%q\x00", env)
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return false
	}
	if real, err := filepath.EvalSymlinks(goCmd); err == nil {
		goCmd = real
	}
	statFile(w, goCmd)
	goEnv := os.Getenv("GOENV")
	if goEnv == "" {
		if dir, err := os.UserConfigDir(); err == nil {
			goEnv = filepath.Join(dir, "go", "env")
		}
	}
	statFile(w, goEnv)
	return true
}

// statFile writes name's path, size, modification time and mode, or
// that it is absent.
func statFile(w io.Writer, name string) {
	fi, err := os.Stat(name)
	if err != nil {
		fmt.Fprintf(w, "%s absent\x00", name)
		return
	}
	fmt.Fprintf(w, "%s %d %d %v\x00", name, fi.Size(), fi.ModTime().UnixNano(), fi.Mode())
}

// fingerprint walks the files a run depends on into w.
type fingerprint struct {
	w       io.Writer
	walked  map[string]bool
	pending []string // directories a go.mod, go.work or symlink points to
	files   int
	newest  time.Time // the latest modification time seen
	output  string    // the report file, not an input
	failed  bool
	scratch []byte
}

// racyWindow: a file modified this recently could be modified again
// within its file system's timestamp granularity (a second on some)
// without changing its size or time, so such a run is not remembered.
const racyWindow = 2 * time.Second

// maxFiles bounds the walk: a tree larger than this (a symlink to /) is
// not worth fingerprinting, and the run goes through go vet.
const maxFiles = 200_000

// ancestors writes the module and workspace files of dir's parents,
// which decide the module dir belongs to.
func (f *fingerprint) ancestors(dir string) {
	for parent := filepath.Dir(dir); parent != dir; dir, parent = parent, filepath.Dir(parent) {
		for _, name := range []string{"go.mod", "go.sum", "go.work", "go.work.sum"} {
			path := filepath.Join(parent, name)
			statFile(f.w, path)
			if name == "go.mod" || name == "go.work" {
				f.follow(path)
			}
		}
	}
}

// record writes a file's path, size, modification time and mode.
func (f *fingerprint) record(path string, fi fs.FileInfo) {
	b := append(f.scratch[:0], path...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, fi.Size(), 10)
	b = append(b, ' ')
	b = strconv.AppendInt(b, fi.ModTime().UnixNano(), 10)
	b = append(b, ' ')
	b = strconv.AppendUint(b, uint64(fi.Mode()), 10)
	b = append(b, 0)
	f.w.Write(b)
	f.scratch = b
}

// skipDirs hold no input of a check: version control and npm packages.
var skipDirs = map[string]bool{".git": true, ".hg": true, ".svn": true, "node_modules": true}

// tree writes every file under dir.
func (f *fingerprint) tree(dir string) {
	for w := range f.walked {
		if dir == w || strings.HasPrefix(dir, w+string(filepath.Separator)) {
			return
		}
	}
	f.walked[dir] = true
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != dir && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		if path == f.output {
			return nil
		}
		if f.files++; f.files > maxFiles {
			return fs.ErrInvalid
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// What go reads is the target: a file's metadata, a
			// directory's files.
			if fi, err = os.Stat(path); err != nil {
				fmt.Fprintf(f.w, "%s dangling\x00", path)
				return nil
			}
			if fi.IsDir() {
				if real, err := filepath.EvalSymlinks(path); err == nil {
					f.pending = append(f.pending, real)
				}
				fmt.Fprintf(f.w, "%s dir\x00", path)
				return nil
			}
		}
		f.record(path, fi)
		if fi.ModTime().After(f.newest) {
			f.newest = fi.ModTime()
		}
		if name := d.Name(); name == "go.mod" || name == "go.work" {
			f.follow(path)
		}
		return nil
	})
	if err != nil {
		f.failed = true
	}
}

// maxModFile is the largest go.mod or go.work the fingerprint reads.
const maxModFile = 4 << 20

// follow queues the local directories a go.mod (replace) or go.work
// (use, replace) file points to. A file that does not parse is not
// followed: the run is not remembered.
func (f *fingerprint) follow(path string) {
	fi, err := os.Stat(path)
	if err != nil {
		return // absent: its absence is in the fingerprint
	}
	if !fi.Mode().IsRegular() || fi.Size() > maxModFile {
		// A FIFO would block the read; go reports what is wrong with it.
		f.failed = true
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		f.failed = true
		return
	}
	var dirs []string
	var replaces []*modfile.Replace
	if filepath.Base(path) == "go.work" {
		work, err := modfile.ParseWork(path, data, nil)
		if err != nil {
			f.failed = true
			return
		}
		for _, u := range work.Use {
			dirs = append(dirs, u.Path)
		}
		replaces = work.Replace
	} else {
		mod, err := modfile.Parse(path, data, nil)
		if err != nil {
			f.failed = true
			return
		}
		replaces = mod.Replace
	}
	for _, r := range replaces {
		if r.New.Version == "" && modfile.IsDirectoryPath(r.New.Path) {
			dirs = append(dirs, r.New.Path)
		}
	}
	for _, d := range dirs {
		if !filepath.IsAbs(d) {
			d = filepath.Join(filepath.Dir(path), d)
		}
		f.pending = append(f.pending, filepath.Clean(d))
	}
}
