package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/connlint/connlint/internal/gocheck"
	"github.com/connlint/connlint/internal/report"
)

// selection is what the arguments of `check` select: a directory (all of
// it), Go package patterns, or files as pre-commit passes them.
type selection struct {
	// root is the directory findings' file names, patterns and the
	// configuration are relative to: DIR, or the working directory.
	root string
	// patterns replace [code].patterns when given.
	patterns []string
	// goFiles and nginxFiles are the named files, as given.
	goFiles, nginxFiles []string
	// named holds the named files relative to root, with forward slashes,
	// as findings name them; nil unless files were named.
	named map[string]bool
	// problems are arguments that name nothing: reported, and the run
	// exits 2, but everything else is still checked.
	problems []string
}

// fileMode reports whether files were named: only findings in them are
// reported, and the timeout chains, which need the whole repository, are
// not built.
func (s *selection) fileMode() bool { return s.named != nil }

// notNginx are extensions of files that are certainly not nginx
// configuration; naming one is a mistake worth a message rather than an
// nginx-parse error.
var notNginx = map[string]string{
	".tf": "Terraform", ".tfvars": "Terraform", ".hcl": "HCL", ".json": "JSON",
	".yaml": "YAML", ".yml": "YAML", ".toml": "TOML", ".md": "Markdown",
	".mod": "go.mod", ".sum": "go.sum", ".work": "go.work",
}

// selectArgs classifies the arguments of `check`: one directory is DIR;
// otherwise each argument is a package pattern (it contains "...", names
// a directory, or is an import path) or a file (.go, or nginx
// configuration). Patterns and files cannot be mixed.
func selectArgs(args []string) (*selection, error) {
	sel := &selection{root: "."}
	if len(args) == 0 {
		return sel, nil
	}
	if len(args) == 1 && !strings.Contains(args[0], "...") {
		if st, err := os.Stat(args[0]); err == nil && st.IsDir() {
			sel.root = args[0]
			return sel, nil
		}
	}
	var files []string
	for _, arg := range args {
		st, err := os.Stat(arg)
		switch {
		case strings.Contains(arg, "..."):
			sel.patterns = append(sel.patterns, arg)
		case err == nil && st.IsDir():
			sel.patterns = append(sel.patterns, dirPattern(arg))
		case err == nil:
			files = append(files, arg)
		case looksLikeImportPath(arg):
			sel.patterns = append(sel.patterns, arg)
		default:
			sel.problems = append(sel.problems, fmt.Sprintf("%s: %s", arg, describeStatError(err)))
		}
	}
	if len(sel.patterns) > 0 && len(files) > 0 {
		return nil, errors.New("give package patterns or files, not both")
	}
	if len(sel.patterns) > 0 {
		return sel, nil
	}
	// Files, or only arguments that name nothing: file mode, so that
	// nothing is reported that was not asked for.
	sel.named = map[string]bool{}
	rootAbs, err := filepath.Abs(sel.root)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		ext := filepath.Ext(f)
		if kind, ok := notNginx[ext]; ok {
			return nil, fmt.Errorf("%s: a %s file; connlint check takes .go files and nginx configuration by name (Terraform, CloudFormation and Kubernetes files are read through the [[chain]] hops of connlint.toml: run connlint check DIR)", f, kind)
		}
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, err
		}
		sel.named[gocheck.Relative(rootAbs, abs)] = true
		if ext == ".go" {
			sel.goFiles = append(sel.goFiles, f)
		} else {
			sel.nginxFiles = append(sel.nginxFiles, f)
		}
	}
	return sel, nil
}

// dirPattern writes a directory argument as go writes a directory
// pattern: "cmd/api" is "./cmd/api".
func dirPattern(dir string) string {
	if filepath.IsAbs(dir) || dir == "." || dir == ".." || strings.HasPrefix(dir, "./") || strings.HasPrefix(dir, "../") {
		return dir
	}
	return "./" + dir
}

// looksLikeImportPath tells an import path (github.com/x/y) from a
// misspelt file or directory name: it does not start with . or /, and its
// last element has no file extension.
func looksLikeImportPath(arg string) bool {
	if arg == "" || strings.HasPrefix(arg, ".") || filepath.IsAbs(arg) {
		return false
	}
	return path.Ext(path.Base(filepath.ToSlash(arg))) == "" && strings.Contains(arg, "/")
}

func describeStatError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// goPatterns are the package patterns of the named .go files: the
// directory of each, once. A Go file selects its package.
func (s *selection) goPatterns() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range s.goFiles {
		p := dirPattern(filepath.Dir(f))
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// keep filters findings to the named files; without named files it keeps
// everything.
func (s *selection) keep(findings []report.Finding) []report.Finding {
	if !s.fileMode() {
		return findings
	}
	var out []report.Finding
	for _, f := range findings {
		if s.named[f.File] {
			out = append(out, f)
		}
	}
	return out
}

// parseFlags parses a subcommand's flags. -h and -help print the usage
// and end the command with exit 0; -json is go vet's spelling of
// -format json. done is true when the command must return code.
func parseFlags(fs *flag.FlagSet, args []string, format *string, jsonOut *bool, stderr io.Writer) (code int, done bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean, true
		}
		return ExitError, true
	}
	if jsonOut != nil && *jsonOut {
		formatSet := false
		fs.Visit(func(f *flag.Flag) { formatSet = formatSet || f.Name == "format" })
		if formatSet && *format != report.JSON {
			fmt.Fprintf(stderr, "%s: -json and -format %s disagree\n", fs.Name(), *format)
			return ExitError, true
		}
		*format = report.JSON
	}
	if format != nil && fs.Name() == "connlint chain" && (*format == formatDot || *format == formatMermaid) {
		return 0, false
	}
	if format != nil && !report.ValidFormat(*format) {
		fmt.Fprintf(stderr, "%s: unknown -format %q (want text, json, sarif or markdown)\n", fs.Name(), *format)
		return ExitError, true
	}
	return 0, false
}
