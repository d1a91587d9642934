package tlsresume

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
)

// Repetition: does a piece of code run again and again over the life of
// the process, so that a handshake made there is made many times with the
// same peer?
//
// Code repeats when it sits in a loop that goes round for the same peer
// (a reconnect loop, a polling loop, a loop over a channel), in an HTTP
// handler, or in a function of this package that is called from such a
// place. A loop over the elements of a slice, array, map or string visits
// different peers and is not a repetition; neither is a retry loop that
// leaves as soon as the connection succeeds: only one handshake of it ever
// completes.

// A repeat says why code repeats, for the message and the related position.
type repeat struct {
	pos  token.Pos // the loop, the handler or the call from one
	why  string    // "in a reconnect loop", "per HTTP request"...
	cost string    // the same, as a noun phrase for messages: "every iteration"
}

// repeats computes, once per package, the functions of the package that
// run repeatedly, with the reason of the first repeating call found.
type repeats struct {
	info    *types.Info
	callers map[*types.Func][]inspector.Cursor // calls of the package's functions
	decls   map[*types.Func]inspector.Cursor
	memo    map[*types.Func]*repeat
	busy    map[*types.Func]bool
}

func newRepeats(info *types.Info) *repeats {
	return &repeats{
		info:    info,
		callers: make(map[*types.Func][]inspector.Cursor),
		decls:   make(map[*types.Func]inspector.Cursor),
		memo:    make(map[*types.Func]*repeat),
		busy:    make(map[*types.Func]bool),
	}
}

// addDecl records a function declaration of the package.
func (r *repeats) addDecl(cur inspector.Cursor) {
	decl := cur.Node().(*ast.FuncDecl)
	if fn, ok := r.info.Defs[decl.Name].(*types.Func); ok {
		r.decls[fn] = cur
	}
}

// addCall records a call of a function of the package; a method value
// (s.handle passed to a router) counts as a call where it is written.
func (r *repeats) addCall(fn *types.Func, at inspector.Cursor) {
	r.callers[fn.Origin()] = append(r.callers[fn.Origin()], at)
}

// funcRepeats reports whether calls of fn repeat: fn is an HTTP handler,
// or one of its calls in the package repeats.
func (r *repeats) funcRepeats(fn *types.Func) *repeat {
	fn = fn.Origin()
	if rep, done := r.memo[fn]; done {
		return rep
	}
	if r.busy[fn] {
		return nil // recursion: decided by the other callers
	}
	r.busy[fn] = true
	defer delete(r.busy, fn)
	var rep *repeat
	if decl, ok := r.decls[fn]; ok && httpmodel.IsHandlerFunc(r.info, decl.Node()) {
		rep = &repeat{pos: decl.Node().Pos(), why: "in an HTTP handler", cost: "every request"}
	}
	for _, call := range r.callers[fn] {
		if rep != nil {
			break
		}
		if inner := r.at(call, inspector.Cursor{}); inner != nil {
			why := inner.why
			if !strings.HasPrefix(why, "called ") {
				why = "called " + why // called in a loop; deeper chains keep the first words
			}
			rep = &repeat{pos: call.Node().Pos(), why: why, cost: inner.cost}
		}
	}
	r.memo[fn] = rep
	return rep
}

// at reports whether the code at cur runs repeatedly while the code at
// once (a tls.Config literal; invalid for none) is evaluated once: cur is
// in a repeating loop, a handler or a repeating function that does not
// also contain once.
func (r *repeats) at(cur, once inspector.Cursor) *repeat {
	for c := cur; ; c = c.Parent() {
		parent := c.Parent()
		if !parent.Valid() {
			return nil
		}
		if once.Valid() && parent.Contains(once) {
			return nil // evaluated together with the config
		}
		switch p := parent.Node().(type) {
		case *ast.ForStmt:
			if c.ParentEdgeKind() != edge.ForStmt_Init && !r.retriesUntilSuccess(parent, cur) {
				return &repeat{pos: p.Pos(), why: "in a loop", cost: "every iteration"}
			}
		case *ast.RangeStmt:
			if c.ParentEdgeKind() != edge.RangeStmt_X && r.rangeRepeats(p) && !r.retriesUntilSuccess(parent, cur) {
				return &repeat{pos: p.Pos(), why: "in a loop", cost: "every iteration"}
			}
		case *ast.FuncLit:
			if httpmodel.IsHandlerFunc(r.info, p) {
				return &repeat{pos: p.Pos(), why: "in an HTTP handler", cost: "every request"}
			}
			if r.runsOnce(parent) {
				return nil
			}
		case *ast.FuncDecl:
			if fn, ok := r.info.Defs[p.Name].(*types.Func); ok {
				return r.funcRepeats(fn)
			}
			return nil
		case *ast.File:
			return nil // package level: evaluated once
		}
	}
}

// rangeRepeats reports whether a range loop goes round for the same peer:
// over a channel (a ticker, a queue of jobs), an integer (attempts) or an
// iterator function. A range over a collection visits different peers.
func (r *repeats) rangeRepeats(loop *ast.RangeStmt) bool {
	if loop.X == nil {
		return false
	}
	switch t := r.info.TypeOf(loop.X).Underlying().(type) {
	case *types.Chan, *types.Signature:
		return true
	case *types.Basic:
		return t.Info()&types.IsInteger != 0
	}
	return false
}

// runsOnce reports whether the function literal at lit runs once: given
// to sync.Once.Do, sync.OnceFunc, sync.OnceValue or sync.OnceValues.
func (r *repeats) runsOnce(lit inspector.Cursor) bool {
	call, ok := lit.Parent().Node().(*ast.CallExpr)
	if !ok || lit.ParentEdgeKind() != edge.CallExpr_Args {
		return false
	}
	fn, _ := typeutil.Callee(r.info, call).(*types.Func)
	return astutil.MethodIs(fn, "sync", "Once", "Do") || astutil.FuncIs(fn, "sync", "OnceFunc") ||
		astutil.FuncIs(fn, "sync", "OnceValue") || astutil.FuncIs(fn, "sync", "OnceValues")
}

// retriesUntilSuccess reports whether the loop at loop leaves once the
// connection made at cur succeeds: a return or break follows cur's
// statement in its block, or cur's statement is `if …; err == nil { … return }`.
// Only one handshake of such a loop completes, so a cache cannot help it.
func (r *repeats) retriesUntilSuccess(loop, cur inspector.Cursor) bool {
	for c := cur; c != loop; c = c.Parent() {
		if _, isStmt := c.Node().(ast.Stmt); !isStmt {
			continue
		}
		if ifs, ok := c.Node().(*ast.IfStmt); ok && ifs.Init != nil && r.isErrNil(ifs.Cond) && leaves(ifs.Body) {
			return true
		}
		block, ok := c.Parent().Node().(*ast.BlockStmt)
		if !ok {
			continue
		}
		after := false
		for _, s := range block.List {
			if s == c.Node() {
				after = true
				continue
			}
			if !after {
				continue
			}
			if leavesStmt(s) {
				return true
			}
			if ifs, ok := s.(*ast.IfStmt); ok && r.isErrNil(ifs.Cond) && leaves(ifs.Body) {
				return true
			}
		}
		return false // only the statement that holds cur at the loop's first level is examined
	}
	return false
}

// leaves reports whether block ends with a return or an unlabelled break.
func leaves(block *ast.BlockStmt) bool {
	return len(block.List) > 0 && leavesStmt(block.List[len(block.List)-1])
}

func leavesStmt(s ast.Stmt) bool {
	switch s := s.(type) {
	case *ast.ReturnStmt:
		return true
	case *ast.BranchStmt:
		return s.Tok == token.BREAK && s.Label == nil
	}
	return false
}

// isErrNil reports whether cond compares an error with nil for equality.
func (r *repeats) isErrNil(cond ast.Expr) bool {
	bin, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || bin.Op != token.EQL {
		return false
	}
	x, y := r.info.Types[bin.X], r.info.Types[bin.Y]
	return x.IsNil() && astutil.IsError(y.Type) || y.IsNil() && astutil.IsError(x.Type)
}
