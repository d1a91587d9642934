// Package lint holds the conventions every connlint analyzer follows, so
// that each analyzer package contains only its check.
//
// New wraps an analyzer so that its diagnostics
//   - are dropped in generated files ("// Code generated ... DO NOT EDIT."),
//   - are dropped where a //connlint:ignore directive suppresses them,
//   - carry the rule's documentation URL,
//
// in every driver: connlint's own check command, the multichecker, go vet's
// unitchecker and analysistest.
package lint

import (
	"go/build"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/internal/directive"
	"github.com/connlint/connlint/internal/rules"
)

// New installs the connlint conventions on a and returns it. The analyzer's
// Name must be a rule ID of the catalogue (internal/rules).
func New(a *analysis.Analyzer) *analysis.Analyzer {
	rule := rules.MustLookup(a.Name)
	a.URL = rule.DocURL()
	a.Requires = append(a.Requires, directive.Analyzer)
	check := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		set := pass.ResultOf[directive.Analyzer].(*directive.Set)
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			if set.Generated(pass.Fset.File(d.Pos).Name()) || set.Suppress(pass.Fset, d.Pos, rule.ID) {
				return
			}
			if d.URL == "" {
				d.URL = rule.DocURL()
			}
			if d.Category == "" {
				d.Category = rule.ID
			}
			report(d)
		}
		return check(pass)
	}
	return a
}

// Imports reports whether pkg imports, directly, any of the given package
// paths (or is one of them). Analyzers call it first, so that packages that
// cannot contain a finding cost nothing beyond this loop.
func Imports(pkg *types.Package, paths ...string) bool {
	for _, p := range paths {
		if pkg.Path() == p {
			return true
		}
	}
	for _, imp := range pkg.Imports() {
		for _, p := range paths {
			if imp.Path() == p {
				return true
			}
		}
	}
	return false
}

// IsTestFile reports whether pos lies in a _test.go file.
func IsTestFile(fset *token.FileSet, pos token.Pos) bool {
	return strings.HasSuffix(fset.File(pos).Name(), "_test.go")
}

// InStandardLibrary reports whether the package being analyzed belongs to
// the Go distribution (its files are under GOROOT/src). connlint never
// reports on the standard library: a real run only analyzes it as a
// dependency, for facts. Analyzers that need no facts from it call this
// in their early exit, so a run pays nothing for the standard library
// beyond loading it.
func InStandardLibrary(pass *analysis.Pass) bool {
	if len(pass.Files) == 0 || goroot == "" {
		return false
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	return strings.HasPrefix(filepath.ToSlash(name), goroot)
}

// goroot is GOROOT/src/ with forward slashes, as go/build reports it.
var goroot = func() string {
	if build.Default.GOROOT == "" {
		return ""
	}
	return filepath.ToSlash(filepath.Join(build.Default.GOROOT, "src")) + "/"
}()
