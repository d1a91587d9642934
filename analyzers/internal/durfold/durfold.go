// Package durfold constant-folds time.Duration expressions, for the
// analyzers that judge intervals and timeouts (pollinterval,
// reconnectbackoff, heartbeat, servertimeouts) and for the records they
// hand to the timeout chain.
//
// It folds what a reader can fold without running the program:
//
//	5 * time.Second                       Go constants, wherever declared
//	(pongWait * 9) / 10                   arithmetic on foldable operands
//	time.Duration(n) * time.Millisecond   conversions of foldable numbers
//	var pollEvery = 30 * time.Second      package-level vars never reassigned
//	interval := 2 * time.Minute           locals assigned once, never changed
//	cfg := Config{Period: time.Minute}    fields of a config literal in the
//	... cfg.Period                        same function, never reassigned
//	d, _ := time.ParseDuration("90s")     ParseDuration of a constant string
//
// Anything else — a value read from a flag, an environment variable, a
// parameter, a variable assigned twice — is unknown: Duration reports ok ==
// false rather than guessing, and callers stay silent.
//
// The Folder is the Result of Analyzer, so one package's folding is
// memoized once and shared by every analyzer that requires it.
package durfold

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
)

// Analyzer provides a *Folder for the package.
var Analyzer = &analysis.Analyzer{
	Name:     "durfold",
	Doc:      "constant-folds time.Duration expressions (internal to connlint)",
	Requires: []*analysis.Analyzer{lazyinspect.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		return New(pass.TypesInfo, pass.ResultOf[lazyinspect.Analyzer].(*lazyinspect.Lazy).Inspector), nil
	},
	ResultType: reflect.TypeFor[*Folder](),
}

// Folder folds expressions of one package. It is not safe for concurrent
// use by several goroutines; analyzers run it from their own pass only.
type Folder struct {
	info *types.Info
	// ins returns the package's inspector; it is called on the first
	// expression that needs the index, so that a package whose durations
	// are all constants never builds one.
	ins func() *inspector.Inspector

	indexed bool
	defs    map[*types.Var]definition // variables with exactly one definition
	changed map[types.Object]bool     // variables or fields assigned after their definition, or address-taken
	written map[fieldOf]bool          // v.Field assigned, for a variable v
	memo    map[ast.Expr]folded
	busy    map[ast.Expr]bool // cycle guard
}

// fieldOf is one field of one variable.
type fieldOf struct {
	v     *types.Var
	field types.Object
}

// definition is the expression a variable is defined with; index selects
// a result of a multi-value call (d, err := time.ParseDuration(s)).
type definition struct {
	expr  ast.Expr
	index int
}

type folded struct {
	v  constant.Value
	ok bool
}

// New returns a Folder over the package whose syntax ins returns
// (lazyinspect.Lazy.Inspector). The package is indexed lazily, on the
// first expression that is not a Go constant, so packages whose durations
// are all constants never pay for the walk, nor for building the
// inspector.
func New(info *types.Info, ins func() *inspector.Inspector) *Folder {
	return &Folder{info: info, ins: ins, memo: make(map[ast.Expr]folded), busy: make(map[ast.Expr]bool)}
}

// Duration folds e to a duration, or reports ok == false when its value
// cannot be known statically.
func (f *Folder) Duration(e ast.Expr) (d time.Duration, ok bool) {
	v, ok := f.fold(e)
	if !ok {
		return 0, false
	}
	v = constant.ToInt(v)
	if v.Kind() != constant.Int {
		return 0, false
	}
	n, exact := constant.Int64Val(v)
	return time.Duration(n), exact
}

// Int folds e to an integer (a count, a number of seconds).
func (f *Folder) Int(e ast.Expr) (n int64, ok bool) {
	v, ok := f.fold(e)
	if !ok {
		return 0, false
	}
	v = constant.ToInt(v)
	if v.Kind() != constant.Int {
		return 0, false
	}
	return constant.Int64Val(v)
}

// Float folds e to a floating-point number (a backoff factor, a jitter
// fraction).
func (f *Folder) Float(e ast.Expr) (x float64, ok bool) {
	v, ok := f.fold(e)
	if !ok {
		return 0, false
	}
	v = constant.ToFloat(v)
	if v.Kind() != constant.Float {
		return 0, false
	}
	x, _ = constant.Float64Val(v)
	return x, true
}

func (f *Folder) fold(e ast.Expr) (constant.Value, bool) {
	if tv, ok := f.info.Types[e]; ok && tv.Value != nil {
		return tv.Value, true
	}
	if r, ok := f.memo[e]; ok {
		return r.v, r.ok
	}
	if f.busy[e] {
		return nil, false // a definition cycle: unknown
	}
	f.busy[e] = true
	v, ok := f.foldExpr(e)
	delete(f.busy, e)
	f.memo[e] = folded{v, ok}
	return v, ok
}

func (f *Folder) foldExpr(e ast.Expr) (constant.Value, bool) {
	switch e := e.(type) {
	case *ast.ParenExpr:
		return f.fold(e.X)
	case *ast.BinaryExpr:
		return f.foldBinary(e)
	case *ast.UnaryExpr:
		if x, ok := f.fold(e.X); ok && (e.Op == token.SUB || e.Op == token.ADD) {
			return constant.UnaryOp(e.Op, x, 0), true
		}
	case *ast.CallExpr:
		return f.foldCall(e)
	case *ast.Ident:
		if v, ok := f.info.Uses[e].(*types.Var); ok {
			return f.foldVar(v)
		}
	case *ast.SelectorExpr:
		return f.foldSelector(e)
	}
	return nil, false
}

func (f *Folder) foldBinary(e *ast.BinaryExpr) (constant.Value, bool) {
	switch e.Op {
	case token.ADD, token.SUB, token.MUL, token.QUO, token.SHL:
	default:
		return nil, false
	}
	x, ok := f.fold(e.X)
	if !ok {
		return nil, false
	}
	y, ok := f.fold(e.Y)
	if !ok {
		return nil, false
	}
	if e.Op == token.SHL {
		s, ok := constant.Uint64Val(constant.ToInt(y))
		if !ok || s > 62 {
			return nil, false
		}
		return constant.Shift(x, token.SHL, uint(s)), true
	}
	op := e.Op
	if op == token.QUO {
		if y.Kind() == constant.Int && constant.Sign(y) == 0 {
			return nil, false
		}
		if isInteger(f.info.TypeOf(e)) {
			op = token.QUO_ASSIGN // integer division, as Go computes it
		}
	}
	return constant.BinaryOp(x, op, y), true
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// foldCall folds conversions (time.Duration(n), float64(d)) and
// time.ParseDuration of a constant string (its first result).
func (f *Folder) foldCall(call *ast.CallExpr) (constant.Value, bool) {
	if tv, ok := f.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		x, ok := f.fold(call.Args[0])
		if !ok {
			return nil, false
		}
		if isInteger(tv.Type) {
			x = constant.ToInt(x)
			if x.Kind() != constant.Int {
				// time.Duration(1.5) does not compile, but
				// time.Duration(f) of a float variable truncates.
				return truncate(constant.ToFloat(x))
			}
		}
		return x, true
	}
	if astutil.IsFunc(f.info, call, "time", "ParseDuration") && len(call.Args) == 1 {
		return f.parseDuration(call.Args[0])
	}
	return nil, false
}

func truncate(x constant.Value) (constant.Value, bool) {
	if x.Kind() != constant.Float {
		return nil, false
	}
	fl, _ := constant.Float64Val(x)
	return constant.MakeInt64(int64(fl)), true
}

func (f *Folder) parseDuration(arg ast.Expr) (constant.Value, bool) {
	tv, ok := f.info.Types[arg]
	if !ok || tv.Value == nil || tv.Value.Kind() != constant.String {
		return nil, false
	}
	d, err := time.ParseDuration(constant.StringVal(tv.Value))
	if err != nil {
		return nil, false
	}
	return constant.MakeInt64(int64(d)), true
}

// foldVar folds a variable that is defined once and never changed.
func (f *Folder) foldVar(v *types.Var) (constant.Value, bool) {
	f.index()
	def, ok := f.defs[v]
	if !ok || f.changed[v] {
		return nil, false
	}
	if def.index == 0 {
		return f.fold(def.expr)
	}
	return nil, false
}

// foldSelector folds cfg.Field where cfg is a variable defined once from a
// composite literal (or its address) that sets Field, and no code assigns
// that field of any value.
func (f *Folder) foldSelector(sel *ast.SelectorExpr) (constant.Value, bool) {
	selection, ok := f.info.Selections[sel]
	if !ok || selection.Kind() != types.FieldVal {
		return nil, false
	}
	base, ok := sel.X.(*ast.Ident)
	if !ok {
		return nil, false
	}
	v, ok := f.info.Uses[base].(*types.Var)
	if !ok {
		return nil, false
	}
	f.index()
	def, ok := f.defs[v]
	if !ok || f.changed[v] || f.changed[selection.Obj()] || f.written[fieldOf{v, selection.Obj()}] || def.index != 0 {
		return nil, false
	}
	lit := compositeLit(def.expr)
	if lit == nil {
		return nil, false
	}
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); ok && f.info.Uses[key] == selection.Obj() {
			return f.fold(kv.Value)
		}
	}
	return nil, false // the field is left zero; treat as unknown, not 0
}

func compositeLit(e ast.Expr) *ast.CompositeLit {
	e = ast.Unparen(e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	}
	lit, _ := e.(*ast.CompositeLit)
	return lit
}

// index walks the package once to find each variable's definition and
// every later assignment, increment or address-of that could change it.
func (f *Folder) index() {
	if f.indexed {
		return
	}
	f.indexed = true
	f.defs = make(map[*types.Var]definition)
	f.changed = make(map[types.Object]bool)
	f.written = make(map[fieldOf]bool)
	nodes := []ast.Node{(*ast.ValueSpec)(nil), (*ast.AssignStmt)(nil), (*ast.IncDecStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.RangeStmt)(nil)}
	f.ins().Preorder(nodes, func(n ast.Node) {
		switch n := n.(type) {
		case *ast.ValueSpec:
			f.define(n.Names, n.Values)
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				f.define(identsOf(n.Lhs), n.Rhs)
				return
			}
			for _, lhs := range n.Lhs {
				f.markChanged(lhs)
			}
		case *ast.IncDecStmt:
			f.markChanged(n.X)
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				f.markChanged(n.X)
			}
		case *ast.RangeStmt:
			if n.Tok == token.ASSIGN {
				f.markChanged(n.Key)
				f.markChanged(n.Value)
			}
		}
	})
}

// identsOf returns lhs as identifiers (nil entries for anything else).
func identsOf(lhs []ast.Expr) []*ast.Ident {
	ids := make([]*ast.Ident, len(lhs))
	for i, e := range lhs {
		ids[i], _ = e.(*ast.Ident)
	}
	return ids
}

func (f *Folder) define(names []*ast.Ident, values []ast.Expr) {
	for i, name := range names {
		if name == nil {
			continue
		}
		v, ok := f.info.Defs[name].(*types.Var)
		if !ok {
			// := may reuse an existing variable: that is an assignment.
			if used, ok := f.info.Uses[name].(*types.Var); ok {
				f.changed[used] = true
			}
			continue
		}
		switch {
		case len(values) == len(names):
			f.defs[v] = definition{expr: values[i]}
		case len(values) == 1:
			// d, err := time.ParseDuration("90s"): d is result 0,
			// which is what foldCall computes for the call.
			f.defs[v] = definition{expr: values[0], index: i}
		}
	}
}

// markChanged records that the variable or field written by e may differ
// from its definition.
func (f *Folder) markChanged(e ast.Expr) {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if obj := f.info.ObjectOf(e); obj != nil {
			f.changed[obj] = true
		}
	case *ast.SelectorExpr:
		// cfg.Field = x (or &cfg.Field) changes that field of cfg
		// only; through anything but a plain variable (p.cfg.Field,
		// get().Field) it may be any value's field.
		sel, ok := f.info.Selections[e]
		if !ok || sel.Kind() != types.FieldVal {
			return
		}
		if base, ok := ast.Unparen(e.X).(*ast.Ident); ok {
			if v, ok := f.info.ObjectOf(base).(*types.Var); ok {
				f.written[fieldOf{v, sel.Obj()}] = true
				return
			}
		}
		f.changed[sel.Obj()] = true
	case *ast.IndexExpr:
		f.markChanged(e.X)
	case *ast.StarExpr:
		f.markChanged(e.X)
	}
}
