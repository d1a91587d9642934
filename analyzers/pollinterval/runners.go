package pollinterval

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/lint"
)

// A runner is a function that calls one of its function parameters
// periodically, with the period one of its time.Duration parameters:
// gobot's Every(t, f), which starts a goroutine that calls f on every tick
// of time.NewTicker(t), or a scheduler of the project's own. It is
// exported as a fact, so that gobot.Every(10*time.Second, func() { … })
// in another package is a periodic context like a ticker loop.
type runner struct {
	PeriodParam int // the time.Duration parameter
	FuncParam   int // the function parameter called every period
}

func (*runner) AFact() {}

func (r *runner) String() string {
	return fmt.Sprintf("runs parameter %d every parameter %d", r.FuncParam, r.PeriodParam)
}

// mayDefineRunner reports whether a function declared in the package
// takes both a time.Duration and a function: only then can it be a
// runner, and only then does a package that sends no request need a walk.
func mayDefineRunner(pass *analysis.Pass) bool {
	if !lint.Imports(pass.Pkg, "time") {
		return false
	}
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					if period, call := runnerParams(fn.Signature()); period >= 0 && call >= 0 {
						return true
					}
				}
			}
		}
	}
	return false
}

// runnerParams returns the index of the first time.Duration parameter
// and of the first function parameter of sig, -1 when there is none.
func runnerParams(sig *types.Signature) (period, call int) {
	period, call = -1, -1
	for i := range sig.Params().Len() {
		t := sig.Params().At(i).Type()
		if period < 0 && astutil.IsNamed(t, "time", "Duration") {
			period = i
		}
		if _, ok := t.Underlying().(*types.Signature); ok && call < 0 {
			call = i
		}
	}
	return period, call
}

// findRunners records and exports the runners of the package: functions
// that call a function parameter in a periodic context whose period is a
// time.Duration parameter.
func (c *checker) findRunners(root inspector.Cursor) {
	for decl := range root.Preorder((*ast.FuncDecl)(nil)) {
		fd := decl.Node().(*ast.FuncDecl)
		fn, ok := c.info.Defs[fd.Name].(*types.Func)
		if !ok || fd.Body == nil {
			continue
		}
		sig := fn.Signature()
		if period, call := runnerParams(sig); period < 0 || call < 0 {
			continue
		}
		if r := c.runnerIn(decl, sig); r != nil {
			c.runners[fn] = r
			c.pass.ExportObjectFact(fn, r)
		}
	}
}

// runnerIn returns the runner fact of the function at decl when one of
// its function parameters is called where findSchedule sees a period set
// by one of its duration parameters.
func (c *checker) runnerIn(decl inspector.Cursor, sig *types.Signature) *runner {
	index := func(v types.Object) int {
		for i := range sig.Params().Len() {
			if sig.Params().At(i) == v {
				return i
			}
		}
		return -1
	}
	for cur := range decl.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			continue
		}
		fnParam := index(c.info.Uses[id])
		if fnParam < 0 {
			continue
		}
		s := c.findSchedule(cur)
		src, ok := s.source.(*ast.CallExpr)
		if s.state == notPeriodic || !ok || len(src.Args) == 0 {
			continue
		}
		if pid, ok := ast.Unparen(src.Args[len(src.Args)-1]).(*ast.Ident); ok {
			if periodParam := index(c.info.Uses[pid]); periodParam >= 0 {
				return &runner{PeriodParam: periodParam, FuncParam: fnParam}
			}
		}
	}
	return nil
}

// runnerOf returns the runner fact of fn: this package's or an imported
// one.
func (c *checker) runnerOf(fn *types.Func) *runner {
	if fn == nil {
		return nil
	}
	if r := c.runners[fn]; r != nil {
		return r
	}
	if fn.Pkg() == c.pass.Pkg || fn.Pkg() == nil {
		return nil
	}
	r := new(runner)
	if c.pass.ImportObjectFact(fn, r) {
		return r
	}
	return nil
}

// runnerLiteral returns the schedule of a function literal passed to a
// runner as its function argument: gobot.Every(10*time.Second, func() {…}).
func (c *checker) runnerLiteral(lit inspector.Cursor) (schedule, bool) {
	k, i := lit.ParentEdge()
	if k != edge.CallExpr_Args {
		return noSchedule, false
	}
	call := lit.Parent().Node().(*ast.CallExpr)
	r := c.runnerOf(typeutil.StaticCallee(c.info, call))
	if r == nil || r.FuncParam != i || r.PeriodParam >= len(call.Args) {
		return noSchedule, false
	}
	return c.period(call.Args[r.PeriodParam], call), true
}

// runnerDecl returns the schedule of a declared function that the package
// hands to a runner by name: gobot.Every(d, checkStatus), or s.poll. The
// shortest period wins when it is handed over more than once.
func (c *checker) runnerDecl(decl *ast.FuncDecl) (schedule, bool) {
	obj := c.info.Defs[decl.Name]
	best, found := noSchedule, false
	for _, cur := range c.index.runnerCalls {
		call := cur.Node().(*ast.CallExpr)
		r := c.runnerOf(typeutil.StaticCallee(c.info, call))
		if r == nil || r.FuncParam >= len(call.Args) || r.PeriodParam >= len(call.Args) {
			continue
		}
		var id *ast.Ident
		switch f := ast.Unparen(call.Args[r.FuncParam]).(type) {
		case *ast.Ident:
			id = f
		case *ast.SelectorExpr:
			id = f.Sel
		}
		if id != nil && c.info.Uses[id] == obj {
			best, found = sooner(best, c.period(call.Args[r.PeriodParam], call)), true
		}
	}
	return best, found
}
