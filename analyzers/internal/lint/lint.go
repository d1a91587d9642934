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
	"go/ast"
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

// testDirs are the directory names whose packages exist only to test
// other code: end-to-end suites and their frameworks (frp's test/e2e),
// shared test helpers. A package below one of them is test code.
var testDirs = map[string]bool{
	"test": true, "tests": true, "e2e": true, "testdata": true,
	"testutil": true, "testutils": true, "testhelper": true, "testhelpers": true, "testing": true,
}

// IsTestCode reports whether file is test code: a _test.go file, a file
// of an external test package (package x_test), or a file of a package
// whose import path has a test-only directory (test/, tests/, e2e/,
// testdata/, testutil/, testhelpers/, testing/).
//
// Every rule leaves test code out unless its -tests flag is set (see
// TestsFlag): an echo server in an end-to-end fixture that reads without
// a deadline, a readiness poll that waits 50 ms between dials, or a test
// harness that builds a Transport per request never runs on a device or
// meets a real outage or real traffic, and nobody would change it.
func IsTestCode(pass *analysis.Pass, file *ast.File) bool {
	return isTestCodeAt(pass, file.Pos())
}

func isTestCodeAt(pass *analysis.Pass, pos token.Pos) bool {
	if IsTestFile(pass.Fset, pos) || strings.HasSuffix(pass.Pkg.Name(), "_test") {
		return true
	}
	for _, dir := range strings.Split(pass.Pkg.Path(), "/") {
		if testDirs[dir] {
			return true
		}
	}
	return false
}

// TestsFlag adds to a the -tests flag, stored in include, which includes
// test code (see IsTestCode) in its analysis.
func TestsFlag(a *analysis.Analyzer, include *bool) {
	a.Flags.BoolVar(include, "tests", false,
		"also report in test code: _test.go files, external test packages and packages under test/, e2e/, testutil/ and the like")
}

// SkipFile reports whether an analyzer with the -tests flag value include
// leaves file out.
func SkipFile(pass *analysis.Pass, file *ast.File, include bool) bool {
	return !include && IsTestCode(pass, file)
}

// SkipAt is SkipFile for the file that holds pos.
func SkipAt(pass *analysis.Pass, pos token.Pos, include bool) bool {
	return !include && isTestCodeAt(pass, pos)
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
