package nginxcheck

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/connlint/connlint/internal/safefile"
)

// DefaultPrefix is where nginx's configuration is deployed unless
// [nginx].prefix says otherwise: the directory of nginx.conf in the
// nginx.org and distribution packages and in the official Docker image.
const DefaultPrefix = "/etc/nginx"

// builtinFiles are files that ship with nginx (its conf/ directory) or
// with the distribution packages, which configurations include by name
// and repositories rarely carry. connlint knows what they hold; none sets
// anything its rules judge except Debian's proxy_params, whose headers
// are modeled (builtinDirectives).
var builtinFiles = map[string]bool{
	"mime.types": true, "fastcgi_params": true, "fastcgi.conf": true,
	"uwsgi_params": true, "scgi_params": true,
	"koi-utf": true, "koi-win": true, "win-utf": true,
	// Debian and Ubuntu's nginx-common.
	"proxy_params": true, "snippets/fastcgi-php.conf": true, "snippets/snakeoil.conf": true,
	// The Debian packages' dynamic modules: load_module lines only.
	"modules-enabled/*.conf": true,
}

// builtinDirectives are the settings of the built-in files that the rules
// judge: Debian's /etc/nginx/proxy_params.
var builtinDirectives = map[string][][]string{
	"proxy_params": {
		{"proxy_set_header", "Host", "$http_host"},
		{"proxy_set_header", "X-Real-IP", "$remote_addr"},
		{"proxy_set_header", "X-Forwarded-For", "$proxy_add_x_forwarded_for"},
		{"proxy_set_header", "X-Forwarded-Proto", "$scheme"},
	},
}

// foreignFiles are absolute paths of other packages that nginx
// configurations commonly include and that hold nothing connlint judges:
// certbot's TLS settings and the module loaders of Fedora and RHEL.
var foreignFiles = map[string]bool{
	"/etc/letsencrypt/options-ssl-nginx.conf": true,
	"/usr/share/nginx/modules/*.conf":         true,
}

// resolved is what an include directive names.
type resolved struct {
	paths   []string // absolute, in the order nginx reads them
	builtin string   // a built-in file's name, when the repository lacks it
	outside bool     // a glob outside the repository: nothing is read
	problem string   // why nothing can be read
}

// resolver maps include paths to files of the repository, never of the
// machine connlint runs on.
type resolver struct {
	root   string // the repository (the run's root), absolute
	prefix string // the deployed configuration prefix, cleaned
	// extra are the directories of entry files given outside the root
	// (connlint nginx ../site/nginx.conf): their trees are readable too.
	extra []string
}

// inRepository reports whether an absolute path may be read: it is in the
// repository, or next to an entry file given outside it.
func (r *resolver) inRepository(p string) bool {
	if within(r.root, p) {
		return true
	}
	for _, d := range r.extra {
		if within(d, p) {
			return true
		}
	}
	return false
}

// resolve returns the files an include argument names. bases are the
// repository directories that stand for the deployed prefix, most likely
// first: the entry file's directory for a whole nginx.conf, that
// directory and its parents up to the root for a fragment (conf.d/x.conf
// is deployed one level below the prefix). Relative paths and absolute
// paths under the prefix resolve against the first base where they name
// something; absolute paths elsewhere are read only inside the
// repository.
func (r *resolver) resolve(arg string, bases []string) resolved {
	if scheme, _, ok := strings.Cut(arg, "://"); ok && scheme != "" && !strings.ContainsAny(scheme, "/*?[") {
		return resolved{problem: "a URL: nginx includes files only (it would look for a file of that name), and connlint never fetches one: add the file to the repository and include its path"}
	}
	rest := arg
	if filepath.IsAbs(arg) {
		clean := path.Clean(filepath.ToSlash(arg))
		switch {
		case clean == r.prefix || strings.HasPrefix(clean, r.prefix+"/"):
			rest = strings.TrimPrefix(strings.TrimPrefix(clean, r.prefix), "/")
		case r.inRepository(filepath.FromSlash(clean)):
			ps, problem := r.match(filepath.FromSlash(clean))
			if problem != "" {
				return resolved{problem: problem}
			}
			if len(ps) == 0 && !isGlob(clean) {
				return resolved{problem: r.rel(filepath.FromSlash(clean)) + " is missing: fix the path"}
			}
			return resolved{paths: ps}
		case foreignFiles[clean]:
			return resolved{builtin: clean}
		case isGlob(clean):
			// Files generated where nginx runs (nginx-proxy-manager's
			// /data/nginx/proxy_host/*.conf): nginx accepts a glob that
			// matches nothing, so the configuration loads without them.
			return resolved{outside: true}
		default:
			return resolved{problem: "unresolvable: the path is outside the repository and outside the deployed prefix " + r.prefix +
				", and connlint never reads the machine's files: add the file to the repository, or set [nginx].prefix to the directory nginx.conf is deployed to"}
		}
	}
	for _, base := range bases {
		p := filepath.Join(base, rest)
		if !r.inRepository(p) {
			return resolved{problem: "unresolvable: the path leads outside the repository, and connlint never reads the machine's files: add the file to the repository"}
		}
		ps, problem := r.match(p)
		if problem != "" {
			return resolved{problem: problem}
		}
		if len(ps) > 0 {
			return resolved{paths: ps}
		}
	}
	if name := path.Clean(filepath.ToSlash(rest)); builtinFiles[name] {
		return resolved{builtin: name}
	}
	if isGlob(rest) {
		return resolved{} // nginx accepts a glob that matches nothing
	}
	how := "relative paths"
	if filepath.IsAbs(arg) {
		how = r.prefix + "/ stands for the directory of nginx.conf, and relative paths"
	}
	return resolved{problem: r.rel(filepath.Join(bases[0], rest)) + " is missing: fix the path (" + how + " resolve against the directory of nginx.conf)"}
}

func (r *resolver) rel(abs string) string {
	if rel, err := filepath.Rel(r.root, abs); err == nil {
		return filepath.ToSlash(rel)
	}
	return abs
}

// match returns the files a path or glob names, as nginx reads them:
// a glob's matches sorted, without hidden files (glob(3) does not let "*"
// match a leading dot) and directories. A glob under conf.d/ also matches
// the official Docker image's envsubst templates, templates/NAME.template,
// which the image renders to conf.d/NAME before nginx starts; a template
// wins over a file of the same name in conf.d.
//
// A name that exists but must not be read is a problem, never a silent
// skip: a directory named by a plain path, a FIFO, device or socket, a
// symlink loop, or a symlink that leads out of the repository.
func (r *resolver) match(pattern string) ([]string, string) {
	if !isGlob(pattern) {
		st, err := os.Lstat(pattern)
		if errors.Is(err, os.ErrNotExist) {
			return nil, ""
		}
		if err == nil && st.Mode()&os.ModeSymlink != 0 {
			if _, err := os.Stat(pattern); errors.Is(err, os.ErrNotExist) {
				return nil, "" // a dangling link is a missing file, as for nginx
			}
		}
		abs, _ := filepath.Abs(pattern)
		if problem := r.readable(abs); problem != "" {
			return nil, problem
		}
		return []string{abs}, ""
	}
	// byName maps the name nginx sees (conf.d/NAME for a template) to the
	// file that holds it.
	byName := map[string]string{}
	var problem string
	add := func(pattern string, seenAs func(string) string) {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			return
		}
		for _, m := range matches {
			if strings.HasPrefix(filepath.Base(m), ".") && !strings.HasPrefix(filepath.Base(pattern), ".") {
				continue
			}
			if st, err := os.Stat(m); err == nil && st.IsDir() {
				continue
			}
			abs, _ := filepath.Abs(m)
			if p := r.readable(abs); p != "" {
				if problem == "" {
					problem = p
				}
				continue
			}
			byName[seenAs(abs)] = abs
		}
	}
	add(pattern, func(abs string) string { return abs })
	if dir, file := filepath.Split(pattern); filepath.Base(dir) == "conf.d" {
		confd, _ := filepath.Abs(dir)
		templates := filepath.Join(filepath.Dir(confd), "templates")
		add(filepath.Join(templates, file)+".template", func(abs string) string {
			return filepath.Join(confd, strings.TrimSuffix(filepath.Base(abs), ".template"))
		})
	}
	if problem != "" {
		return nil, problem
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = byName[n]
	}
	return out, ""
}

// readable returns why the file at abs must not be read, or "": it must
// be a regular file (a FIFO or /dev/zero would block or never end) and,
// with its symlinks resolved, still be in the repository.
func (r *resolver) readable(abs string) string {
	if err := safefile.CheckRegular(abs); err != nil {
		return r.rel(abs) + " " + err.Error()
	}
	dirs := append([]string{r.root}, r.extra...)
	ok, err := safefile.Within(abs, dirs...)
	if err != nil {
		return r.rel(abs) + " " + err.Error()
	}
	if !ok {
		return r.rel(abs) + " is a symlink to a file outside the repository, and connlint never reads the machine's files: not read"
	}
	return ""
}

// bases returns the directories that stand for the deployed prefix for an
// entry file: its own directory for a whole nginx.conf (mainOnly), else
// also every parent up to the root.
func (r *resolver) bases(entry string, whole bool) []string {
	dir := filepath.Dir(entry)
	out := []string{dir}
	if whole {
		return out
	}
	for within(r.root, dir) && dir != r.root {
		dir = filepath.Dir(dir)
		out = append(out, dir)
	}
	return out
}

func isGlob(p string) bool { return strings.ContainsAny(p, "*?[") }

// within reports whether p is root or below it; both absolute.
func within(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
