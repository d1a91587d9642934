package gocheck

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/connlint/connlint/internal/safefile"
)

// A unit is one packages.Load call: packages of one module, loaded from
// its own directory with GOWORK=off, or of the modules of one go.work,
// loaded from the workspace directory.
type unit struct {
	dir      string // absolute directory go runs in
	gowork   string // "off", or the absolute go.work file
	patterns []string
}

// target is one module's share of a pattern: the packages of mod under
// base (recursively, or base alone).
type target struct {
	mod       string // absolute module directory
	base      string // absolute directory
	recursive bool
}

// pattern is a package pattern as given, and where it points.
type pattern struct {
	text      string
	base      string // absolute directory; "" for an import-path pattern
	recursive bool
	targets   []target
}

// module is a parsed go.mod.
type module struct {
	dir  string // absolute
	path string // the module path ("" when go.mod is broken)
	bad  bool   // go.mod could not be read or parsed
}

// workspace is a parsed go.work.
type workspace struct {
	file string          // absolute
	uses map[string]bool // absolute module directories
	bad  bool            // cannot be used: go would refuse every module in it
}

// planner resolves package patterns to units. go itself refuses patterns
// that span modules without a go.work; connlint loads each module where
// go would accept it, so that a repository of several modules (or none at
// its root) is checked as a whole.
type planner struct {
	root     string // absolute: findings and messages are relative to it
	modules  map[string]*module
	works    map[string]*workspace // by file; "" for none
	workOf   map[string]string     // module dir → applicable go.work ("" for none)
	walked   map[string][]string   // directory → modules found under it
	stray    int                   // .go files seen outside every module
	problems []string
}

func newPlanner(root string) *planner {
	return &planner{
		root:    root,
		modules: map[string]*module{},
		works:   map[string]*workspace{},
		workOf:  map[string]string{},
		walked:  map[string][]string{},
	}
}

// skipDir reports whether a directory below the walk's start is left out:
// the directories go's ./... leaves out (testdata, _x, .x), vendored
// copies and node_modules, which hold other people's code.
func skipDir(name string) bool {
	return name == "vendor" || name == "testdata" || name == "node_modules" ||
		strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// modulesUnder walks dir and returns the directories holding a go.mod,
// sorted. A directory that cannot be read is a problem, not a stop: the
// rest of the tree is still checked.
func (p *planner) modulesUnder(dir string) []string {
	if mods, ok := p.walked[dir]; ok {
		return mods
	}
	var mods []string
	inModule := p.enclosingModule(dir) != ""
	var moduleDirs []string // stack of module directories above the current path
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			p.problems = append(p.problems, fmt.Sprintf("%s: cannot read: %v", p.rel(path), unwrap(err)))
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if path != dir && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			for len(moduleDirs) > 0 && !within(path, moduleDirs[len(moduleDirs)-1]) {
				moduleDirs = moduleDirs[:len(moduleDirs)-1]
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				mods = append(mods, path)
				moduleDirs = append(moduleDirs, path)
				p.module(path)
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".go") && len(moduleDirs) == 0 && !inModule {
			p.stray++
		}
		return nil
	})
	sort.Strings(mods)
	p.walked[dir] = mods
	return mods
}

// within reports whether path is dir or below it.
func within(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+string(filepath.Separator))
}

// enclosingModule returns the module directory holding dir: the nearest
// directory at or above dir with a go.mod, or "".
func (p *planner) enclosingModule(dir string) string {
	for d := dir; ; {
		if m, ok := p.modules[d]; ok {
			return m.dir
		}
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return p.module(d).dir
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// module parses dir/go.mod once; a broken one is a problem naming its
// file and line.
func (p *planner) module(dir string) *module {
	if m, ok := p.modules[dir]; ok {
		return m
	}
	m := &module{dir: dir}
	p.modules[dir] = m
	file := filepath.Join(dir, "go.mod")
	data, err := safefile.Read(file, safefile.DefaultMaxSize) // a FIFO must not hang the run
	if err != nil {
		m.bad = true
		p.problems = append(p.problems, fmt.Sprintf("%s: cannot read: %v", p.rel(file), unwrap(err)))
		return m
	}
	f, err := modfile.Parse(p.rel(file), data, nil)
	if err != nil {
		m.bad = true
		p.problems = append(p.problems, firstLine(err.Error()))
		return m
	}
	if f.Module == nil {
		m.bad = true
		p.problems = append(p.problems, p.rel(file)+": no module directive")
		return m
	}
	m.path = f.Module.Mod.Path
	return m
}

// workFor returns the go.work go would use for module dir — GOWORK, or
// the nearest go.work at or above dir — when it is usable and lists the
// module; "" otherwise (the module is then loaded on its own).
func (p *planner) workFor(dir string) string {
	if w, ok := p.workOf[dir]; ok {
		return w
	}
	file := ""
	switch env := os.Getenv("GOWORK"); env {
	case "off":
	case "", "auto":
		for d := dir; ; {
			if st, err := os.Stat(filepath.Join(d, "go.work")); err == nil && !st.IsDir() {
				file = filepath.Join(d, "go.work")
				break
			}
			parent := filepath.Dir(d)
			if parent == d {
				break
			}
			d = parent
		}
	default:
		file, _ = filepath.Abs(env)
	}
	w := ""
	if file != "" {
		if ws := p.workspace(file); !ws.bad && ws.uses[dir] {
			w = file
		}
	}
	p.workOf[dir] = w
	return w
}

// workspace parses a go.work once and checks that every module it uses
// exists and parses: go refuses the whole workspace otherwise, so its
// modules are then loaded one by one and the go.work is a problem.
func (p *planner) workspace(file string) *workspace {
	if ws, ok := p.works[file]; ok {
		return ws
	}
	ws := &workspace{file: file, uses: map[string]bool{}}
	p.works[file] = ws
	data, err := safefile.Read(file, safefile.DefaultMaxSize) // a FIFO must not hang the run
	if err != nil {
		ws.bad = true
		p.problems = append(p.problems, fmt.Sprintf("%s: cannot read: %v", p.rel(file), unwrap(err)))
		return ws
	}
	f, err := modfile.ParseWork(p.rel(file), data, nil)
	if err != nil {
		ws.bad = true
		p.problems = append(p.problems, firstLine(err.Error()))
		return ws
	}
	for _, u := range f.Use {
		dir := u.Path
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(filepath.Dir(file), dir)
		}
		dir = filepath.Clean(dir)
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
			ws.bad = true
			p.problems = append(p.problems, fmt.Sprintf("%s:%d: use %s: no go.mod in %s", p.rel(file), u.Syntax.Start.Line, u.Path, p.rel(dir)))
			continue
		}
		if p.module(dir).bad {
			ws.bad = true
		}
		ws.uses[dir] = true
	}
	return ws
}

// resolve finds where a pattern's packages are. A path pattern (./x,
// ./x/..., an absolute directory) selects the module holding its
// directory and, when recursive, every module below it; any other pattern
// (an import path) goes to the module holding the root.
func (p *planner) resolve(text string) (*pattern, error) {
	pat := &pattern{text: text}
	if !isPathPattern(text) {
		mod := p.enclosingModule(p.root)
		if mod == "" {
			return nil, fmt.Errorf("pattern %s: %s is not in a Go module; write a ./relative pattern", text, p.rel(p.root))
		}
		pat.targets = []target{{mod: mod}}
		return pat, nil
	}
	dir := text
	if i := strings.Index(text, "..."); i >= 0 {
		if !strings.HasSuffix(text, "/...") && text != "..." || strings.Count(text, "...") > 1 {
			return nil, fmt.Errorf("pattern %s: only a trailing /... is supported in a directory pattern", text)
		}
		dir, pat.recursive = strings.TrimSuffix(text, "/..."), true
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(p.root, dir)
	}
	pat.base = filepath.Clean(dir)
	if st, err := os.Stat(pat.base); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("pattern %s: %s is not a directory", text, p.rel(pat.base))
	}
	mod := p.enclosingModule(pat.base)
	if mod != "" {
		pat.targets = append(pat.targets, target{mod: mod, base: pat.base, recursive: pat.recursive})
	} else if !pat.recursive {
		return nil, fmt.Errorf("pattern %s: no Go module (go.mod) holds %s", text, p.rel(pat.base))
	}
	if pat.recursive {
		for _, mod := range p.modulesUnder(pat.base) {
			if mod != pat.base {
				pat.targets = append(pat.targets, target{mod: mod, base: mod, recursive: true})
			}
		}
	}
	return pat, nil
}

// isPathPattern reports whether a pattern names directories rather than
// import paths, as the go command decides.
func isPathPattern(s string) bool {
	return s == "." || s == ".." || strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") ||
		filepath.IsAbs(s) || (filepath.Separator != '/' && strings.HasPrefix(s, "."+string(filepath.Separator)))
}

// units groups the targets of the patterns into load calls: one per
// workspace, one per module outside any usable workspace.
func (p *planner) units(pats []*pattern) []*unit {
	byKey := map[string]*unit{}
	var out []*unit
	for _, pat := range pats {
		for _, t := range pat.targets {
			if p.module(t.mod).bad {
				continue // its go.mod is a problem already
			}
			dir, gowork := t.mod, "off"
			if w := p.workFor(t.mod); w != "" {
				dir, gowork = filepath.Dir(w), w
			}
			u := byKey[dir]
			if u == nil {
				u = &unit{dir: dir, gowork: gowork}
				byKey[dir] = u
				out = append(out, u)
			}
			u.patterns = appendUnique(u.patterns, t.goPattern(dir, pat.text))
		}
	}
	return out
}

// goPattern writes a target as the pattern go understands when run in dir.
func (t target) goPattern(dir, text string) string {
	if t.base == "" {
		return text
	}
	rel, err := filepath.Rel(dir, t.base)
	if err != nil {
		rel = t.base
	}
	s := "./" + filepath.ToSlash(rel)
	if rel == "." {
		s = "."
	}
	if t.recursive {
		if s == "." {
			return "./..."
		}
		return s + "/..."
	}
	return s
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// rel names a file for messages: relative to the root when inside it.
func (p *planner) rel(path string) string {
	return relative(p.root, path)
}

func unwrap(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
