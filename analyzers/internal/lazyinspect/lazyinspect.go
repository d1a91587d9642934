// Package lazyinspect is connlint's shared syntax inspector: one
// *inspector.Inspector per package, as the inspect pass provides, but
// built on the first analyzer's first use rather than before any
// analyzer runs.
//
// Under go vet every analyzer that exports facts also runs on each
// dependency of the vetted packages, most of the standard library
// among them, and connlint's analyzers return at once from a package
// that cannot hold what they look for (one that imports neither
// net/http nor a client library). The inspect pass builds its inspector
// regardless: two events per syntax node, 26 MB for the runtime package
// and 93 MB for cmd/compile/internal/ssa, which was most of the memory
// connlint added to a vet unit over type-checking alone. Here a package
// no analyzer walks costs nothing.
//
//	ins := lazyinspect.Of(pass) // where the inspect pass's result was used
package lazyinspect

import (
	"go/ast"
	"reflect"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
)

// Analyzer provides a *Lazy for the package. Like the inspect pass, it
// runs despite type errors.
var Analyzer = &analysis.Analyzer{
	Name:             "lazyinspect",
	Doc:              "provides the package's syntax inspector, built on first use (internal to connlint)",
	Run:              func(pass *analysis.Pass) (any, error) { return &Lazy{files: pass.Files}, nil },
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Lazy](),
}

// Lazy builds a package's inspector once, on first use. The analyzers of
// a package run in parallel: it is safe for concurrent use.
type Lazy struct {
	files []*ast.File
	once  sync.Once
	ins   *inspector.Inspector
}

// Inspector returns the package's inspector, building it on the first
// call.
func (l *Lazy) Inspector() *inspector.Inspector {
	l.once.Do(func() { l.ins = inspector.New(l.files) })
	return l.ins
}

// Built reports whether some analyzer walked the package, building its
// inspector. Call it once the package's analyzers have all returned.
func (l *Lazy) Built() bool { return l.ins != nil }

// Of returns the inspector of pass's package; pass's analyzer must
// require Analyzer.
func Of(pass *analysis.Pass) *inspector.Inspector {
	return pass.ResultOf[Analyzer].(*Lazy).Inspector()
}
