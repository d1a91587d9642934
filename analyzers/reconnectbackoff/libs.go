package reconnectbackoff

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// Retry libraries whose policies the analyzer reads. Their loops contain
// no wait of their own: the policy object or option is the wait.
const (
	cenkaltiPkg  = "github.com/cenkalti/backoff" // v1–v3; v4 and v5 add a suffix
	k8sWaitPkg   = "k8s.io/apimachinery/pkg/util/wait"
	retryGoPkg   = "github.com/avast/retry-go" // also /v4
	goRetryPkg   = "github.com/sethvargo/go-retry"
	retryOptsRel = "retries with this policy"
)

const (
	msgLibFixed = "%s retries at a fixed %s, so every client that failed together retries together after an outage " +
		"(thundering herd); %s"
	msgLibNoJitter = "%s grows without jitter, so clients that failed together retry together at every step; %s"
	msgLibNoMax    = "backoff.ExponentialBackOff literal without MaxInterval: cenkalti/backoff clamps every interval " +
		"after the first to MaxInterval, 0 here, so the retries run back to back and hammer the server; " +
		"start from backoff.NewExponentialBackOff() and set the fields you need"
)

// pathIn reports whether path is one of the major versions of the
// library base (base, base/v2, … base/v9).
func pathIn(path, base string) bool {
	if astutil.PathIs(path, base) {
		return true
	}
	i := strings.LastIndex(path, "/v")
	return i > 0 && len(path) == i+3 && path[i+2] >= '2' && path[i+2] <= '9' && astutil.PathIs(path[:i], base)
}

func calleeIn(fn *types.Func, base string, names ...string) bool {
	if fn == nil || fn.Pkg() == nil || !pathIn(fn.Pkg().Path(), base) {
		return false
	}
	for _, n := range names {
		if fn.Name() == n {
			return true
		}
	}
	return false
}

// libraryNode records the calls, literals and field writes of retry
// libraries that the checks after the walk judge.
func (c *checker) libraryNode(cur inspector.Cursor) {
	c.libNodes = append(c.libNodes, cur)
}

// checkLibraries judges the recorded library nodes.
func (c *checker) checkLibraries() {
	for _, cur := range c.libNodes {
		switch n := cur.Node().(type) {
		case *ast.CallExpr:
			c.libraryCall(cur, n)
		case *ast.CompositeLit:
			c.libraryLiteral(n)
		case *ast.AssignStmt:
			c.libraryFieldWrite(n)
		}
	}
}

// isLibraryNode reports whether the walk should record n.
func (c *checker) isLibraryNode(n ast.Node) bool {
	switch n := n.(type) {
	case *ast.CallExpr:
		fn := astutil.Callee(c.pass.TypesInfo, n)
		if fn == nil || fn.Pkg() == nil {
			return false
		}
		p := fn.Pkg().Path()
		return pathIn(p, cenkaltiPkg) || pathIn(p, retryGoPkg) || pathIn(p, goRetryPkg)
	case *ast.CompositeLit:
		return c.backoffType(c.pass.TypesInfo.TypeOf(n)) != ""
	case *ast.AssignStmt:
		for _, lhs := range n.Lhs {
			if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok && c.backoffType(c.pass.TypesInfo.TypeOf(sel.X)) != "" {
				return true
			}
		}
	}
	return false
}

// backoffType names the policy struct t is (or points to): "cenkalti" for
// backoff.ExponentialBackOff, "k8s" for wait.Backoff, or "".
func (c *checker) backoffType(t types.Type) string {
	if t == nil {
		return ""
	}
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return ""
	}
	path, name := named.Obj().Pkg().Path(), named.Obj().Name()
	switch {
	case pathIn(path, cenkaltiPkg) && name == "ExponentialBackOff":
		return "cenkalti"
	case astutil.PathIs(path, k8sWaitPkg) && name == "Backoff":
		return "k8s"
	}
	return ""
}

func (c *checker) libraryCall(cur inspector.Cursor, call *ast.CallExpr) {
	fn := astutil.Callee(c.pass.TypesInfo, call)
	switch {
	case calleeIn(fn, cenkaltiPkg, "NewConstantBackOff") && len(call.Args) == 1:
		if sink := c.retrySink(cur); sink != nil {
			c.reportLibFixed(call, call.Args[0], "backoff.NewConstantBackOff", sink,
				"use backoff.NewExponentialBackOff(), which randomizes each wait by ±50% and caps it at MaxInterval")
		}
	case calleeIn(fn, cenkaltiPkg, "WithRandomizationFactor") && len(call.Args) == 1:
		if f, ok := c.folder.Float(call.Args[0]); ok && f == 0 {
			c.reportAt(call, nil, msgLibNoJitter, "backoff with RandomizationFactor 0",
				"keep cenkalti/backoff's default randomization factor of 0.5")
		}
	case calleeIn(fn, retryGoPkg, "DelayType") && len(call.Args) == 1:
		c.retryGoDelayType(cur, call)
	case calleeIn(fn, goRetryPkg, "NewConstant", "NewExponential", "NewFibonacci") && len(call.Args) == 1:
		if !c.jittered(cur, 0) {
			c.goRetryPolicy(call, fn.Name(), call.Args[0])
		}
	case calleeIn(fn, goRetryPkg, "Constant", "Exponential", "Fibonacci") && len(call.Args) == 3:
		c.goRetryPolicy(call, fn.Name(), call.Args[1])
	}
}

// goRetryPolicy reports a sethvargo/go-retry policy with no WithJitter
// wrapper: a constant one waits a fixed interval, an exponential or
// Fibonacci one grows without jitter.
func (c *checker) goRetryPolicy(call *ast.CallExpr, name string, base ast.Expr) {
	const fix = "wrap the policy in retry.WithJitterPercent(…) (or WithJitter), and cap it with WithCappedDuration"
	what := "retry." + name
	switch name {
	case "NewConstant", "Constant":
		c.reportLibFixed(call, base, what, nil, fix)
	default:
		c.reportAt(call, nil, msgLibNoJitter, what, fix)
	}
}

// retryGoDelayType reports retry.DelayType(retry.FixedDelay) (a fixed
// interval: retry.Delay's, 100 ms by default) and
// retry.DelayType(retry.BackOffDelay) (doubling without jitter); retry-go's
// default, CombineDelay(BackOffDelay, RandomDelay), has both.
func (c *checker) retryGoDelayType(cur inspector.Cursor, call *ast.CallExpr) {
	var arg *ast.Ident
	switch e := ast.Unparen(call.Args[0]).(type) {
	case *ast.SelectorExpr:
		arg = e.Sel
	case *ast.Ident:
		arg = e
	}
	if arg == nil {
		return
	}
	delayFn, ok := c.pass.TypesInfo.Uses[arg].(*types.Func)
	if !ok || !calleeIn(delayFn, retryGoPkg, "FixedDelay", "BackOffDelay") {
		return
	}
	const fix = "drop the DelayType option: retry-go's default combines BackOffDelay with RandomDelay; add retry.MaxDelay to cap it"
	if delayFn.Name() == "BackOffDelay" {
		c.reportAt(call, nil, msgLibNoJitter, "retry.DelayType(retry.BackOffDelay)", fix)
		return
	}
	// The interval is the Delay option among the same call's options.
	var delay ast.Expr
	if do, ok := cur.Parent().Node().(*ast.CallExpr); ok {
		for _, opt := range do.Args {
			if o, ok := ast.Unparen(opt).(*ast.CallExpr); ok && calleeIn(astutil.Callee(c.pass.TypesInfo, o), retryGoPkg, "Delay") && len(o.Args) == 1 {
				delay = o.Args[0]
			}
		}
	}
	if delay == nil {
		c.reportAt(call, nil, msgLibFixed, "retry.DelayType(retry.FixedDelay)", "100ms (retry-go's default Delay)", fix)
		return
	}
	c.reportLibFixed(call, delay, "retry.DelayType(retry.FixedDelay)", nil, fix)
}

// libraryLiteral judges a policy written as a struct literal: a wait.Backoff
// whose Jitter is 0 (absent), a backoff.ExponentialBackOff with no
// randomization or no MaxInterval.
func (c *checker) libraryLiteral(lit *ast.CompositeLit) {
	fields := make(map[string]ast.Expr)
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok {
				fields[id.Name] = kv.Value
			}
		}
	}
	if len(lit.Elts) > 0 && len(fields) == 0 {
		return // positional fields: not worth guessing
	}
	zero := func(name string) bool {
		v, ok := fields[name]
		if !ok {
			return true
		}
		f, known := c.folder.Float(v)
		return known && f == 0
	}
	at := func(name string) ast.Node {
		if v, ok := fields[name]; ok {
			return v
		}
		return lit
	}
	switch c.backoffType(c.pass.TypesInfo.TypeOf(lit)) {
	case "k8s":
		if !zero("Jitter") {
			return
		}
		factor, hasFactor := fields["Factor"]
		f, known := 0.0, true
		if hasFactor {
			f, known = c.folder.Float(factor)
		}
		switch {
		case !known:
		case f <= 1 && fields["Duration"] != nil:
			c.reportLibFixed(at("Jitter"), fields["Duration"], "wait.Backoff with Jitter 0 and Factor "+fmt.Sprint(f), nil,
				"set Factor to 2 and Jitter to 0.1 or more, and Cap to bound the wait")
		case f > 1:
			c.reportAt(at("Jitter"), nil, msgLibNoJitter, "wait.Backoff with Jitter 0", "set Jitter to 0.1 or more")
		}
	case "cenkalti":
		if zero("RandomizationFactor") {
			c.reportAt(at("RandomizationFactor"), nil, msgLibNoJitter, "backoff.ExponentialBackOff with RandomizationFactor 0",
				"start from backoff.NewExponentialBackOff(), whose randomization factor is 0.5")
		}
		if zero("MaxInterval") {
			c.reportAt(at("MaxInterval"), nil, "%s", msgLibNoMax)
		}
	}
}

// libraryFieldWrite judges b.RandomizationFactor = 0 and bo.Jitter = 0 on
// a policy that NewExponentialBackOff or a literal made.
func (c *checker) libraryFieldWrite(as *ast.AssignStmt) {
	if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		f, known := c.folder.Float(as.Rhs[i])
		if !known || f != 0 {
			continue
		}
		switch kind := c.backoffType(c.pass.TypesInfo.TypeOf(sel.X)); {
		case kind == "cenkalti" && sel.Sel.Name == "RandomizationFactor":
			c.reportAt(as, nil, msgLibNoJitter, "backoff with RandomizationFactor 0", "keep cenkalti/backoff's default randomization factor of 0.5")
		case kind == "k8s" && sel.Sel.Name == "Jitter":
			c.reportAt(as, nil, msgLibNoJitter, "wait.Backoff with Jitter 0", "set Jitter to 0.1 or more")
		}
	}
}

// reportLibFixed reports a fixed library interval: its value when it
// folds, else "interval" with the value's origin as a related position.
func (c *checker) reportLibFixed(at ast.Node, interval ast.Expr, what string, retry ast.Node, fix string) {
	var related []analysis.RelatedInformation
	d := "interval"
	if v, ok := c.folder.Duration(interval); ok {
		if v <= 0 {
			return
		}
		d = v.String()
	} else if rel, ok := c.origin(interval); ok {
		related = append(related, rel)
	} else {
		return // computed at run time from something the analyzer cannot name
	}
	if retry != nil && retry != at {
		related = append(related, analysis.RelatedInformation{Pos: retry.Pos(), End: retry.End(), Message: retryOptsRel})
	}
	c.reportAt(at, related, msgLibFixed, what, d, fix)
}

func (c *checker) reportAt(at ast.Node, related []analysis.RelatedInformation, format string, args ...any) {
	c.pass.Report(analysis.Diagnostic{Pos: at.Pos(), End: at.End(), Message: fmt.Sprintf(format, args...), Related: related})
}

// retrySink returns the retry call that the policy created at cur reaches
// (backoff.Retry, RetryNotify, RetryWithData…, v5's WithBackOff option),
// through wrappers (WithContext, WithMaxRetries) and variables, or nil: a
// constant policy that drives a backoff.Ticker is a period, not a retry.
func (c *checker) retrySink(cur inspector.Cursor) ast.Node {
	var found ast.Node // stays a nil interface when nothing is found
	c.flows(cur, 0, func(call *ast.CallExpr) bool {
		fn := astutil.Callee(c.pass.TypesInfo, call)
		if fn != nil && fn.Pkg() != nil && pathIn(fn.Pkg().Path(), cenkaltiPkg) &&
			(strings.HasPrefix(fn.Name(), "Retry") || fn.Name() == "WithBackOff") {
			found = call
			return true
		}
		return false
	})
	return found
}

// jittered reports whether the go-retry policy created at cur reaches a
// WithJitter or WithJitterPercent wrapper.
func (c *checker) jittered(cur inspector.Cursor, depth int) bool {
	found := false
	c.flows(cur, depth, func(call *ast.CallExpr) bool {
		found = calleeIn(astutil.Callee(c.pass.TypesInfo, call), goRetryPkg, "WithJitter", "WithJitterPercent")
		return found
	})
	return found
}

// flows calls visit with each call that the value of the expression at
// cur is passed to, directly, as the result of a call it is passed to
// (a wrapper), or through a variable it is assigned to, until visit
// returns true.
func (c *checker) flows(cur inspector.Cursor, depth int, visit func(*ast.CallExpr) bool) bool {
	if depth > 4 {
		return false
	}
	info := c.pass.TypesInfo
	switch p := cur.Parent().Node().(type) {
	case *ast.CallExpr:
		if p.Fun != cur.Node() {
			return visit(p) || c.flows(cur.Parent(), depth+1, visit)
		}
	case *ast.ParenExpr, *ast.UnaryExpr:
		return c.flows(cur.Parent(), depth+1, visit)
	case *ast.AssignStmt, *ast.ValueSpec:
		var v *types.Var
		if as, ok := p.(*ast.AssignStmt); ok {
			for i, rhs := range as.Rhs {
				if rhs == cur.Node() && i < len(as.Lhs) {
					v = c.varOf(as.Lhs[i])
				}
			}
		} else {
			spec := p.(*ast.ValueSpec)
			for i, val := range spec.Values {
				if val == cur.Node() && i < len(spec.Names) {
					v, _ = info.Defs[spec.Names[i]].(*types.Var)
				}
			}
		}
		if v == nil {
			return false
		}
		for _, use := range c.usesOf(v) {
			if c.flows(use, depth+1, visit) {
				return true
			}
		}
	}
	return false
}

// usesOf returns the cursors of the identifiers that use v, indexed once
// per package on first need.
func (c *checker) usesOf(v *types.Var) []inspector.Cursor {
	if c.uses == nil {
		c.uses = make(map[*types.Var][]inspector.Cursor)
		root := c.root()
		for id := range root.Preorder((*ast.Ident)(nil)) {
			if u, ok := c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)].(*types.Var); ok {
				c.uses[u] = append(c.uses[u], id)
			}
		}
	}
	return c.uses[v]
}

// origin returns where the value of a wait that does not fold comes from:
// the one assignment of the variable or field it reads (a constructor's
// Config{RetryInterval: 5 * time.Second}, a flag), or the declaration of
// a field that only a decoder fills. It never names a number it did not
// see: the related position shows the source, the message says "interval".
func (c *checker) origin(e ast.Expr) (analysis.RelatedInformation, bool) {
	v := c.varOf(e)
	if v == nil || v.Pkg() != c.pass.Pkg {
		return analysis.RelatedInformation{}, false
	}
	var set []write
	for _, w := range c.writes[v] {
		if w.rhs != nil && (w.op == token.ASSIGN || w.op == token.DEFINE) {
			set = append(set, w)
		}
	}
	for _, w := range c.writes[v] {
		if w.op == token.AND { // flag.DurationVar(&c.retryInterval, …), a decoder
			return analysis.RelatedInformation{Pos: w.pos, Message: "the interval is set here, through its address (a flag or a decoder)"}, true
		}
	}
	switch {
	case len(set) == 1:
		return analysis.RelatedInformation{Pos: set[0].rhs.Pos(), End: set[0].rhs.End(), Message: "the interval is set here"}, true
	case len(set) == 0 && v.IsField():
		return analysis.RelatedInformation{Pos: v.Pos(), Message: "the interval comes from this field, set outside this package's code (configuration)"}, true
	}
	return analysis.RelatedInformation{}, false
}

// originIn returns the origin of the first variable or field that e
// reads (time.Duration(cfg.RetrySecs) * time.Second: cfg.RetrySecs).
func (c *checker) originIn(e ast.Expr) (analysis.RelatedInformation, bool) {
	var rel analysis.RelatedInformation
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.SelectorExpr, *ast.Ident:
			if v := c.varOf(n.(ast.Expr)); v != nil {
				rel, found = c.origin(n.(ast.Expr))
				return false
			}
		}
		return true
	})
	return rel, found
}
