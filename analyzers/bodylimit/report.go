package bodylimit

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/internal/units"
)

// summary says what a helper of the package does to the bodies of its
// parameters: reads one without a limit (first read kept), or limits it.
type summary struct {
	reads  map[int]bodyRead
	limits map[int]bool
}

// summaryOf summarises the package function fn, or returns nil. Helpers
// calling helpers are followed; recursion stops. A function with a
// handler signature called directly (limitRequest(w, r), s.post(w, r))
// contributes its limits only: its reads are reported in itself, on the
// paths of its caller.
func (r *resolver) summaryOf(fn *types.Func) *summary {
	if s, done := r.summaries[fn]; done {
		return s
	}
	o := r.decls[fn]
	if o == nil {
		r.summaries[fn] = nil
		return nil
	}
	r.summaries[fn] = nil // recursion
	s := &summary{reads: make(map[int]bodyRead), limits: make(map[int]bool)}
	for _, root := range o.limits {
		if i := astutil.ParamIndex(o.sig, root); i >= 0 {
			s.limits[i] = true
		}
	}
	reads := r.readsOf(o, s.limits)
	if o.kind != httpmodel.NotHandler {
		reads = nil
	}
	for _, read := range reads {
		if i := astutil.ParamIndex(o.sig, read.root); i >= 0 {
			if _, seen := s.reads[i]; !seen {
				s.reads[i] = read
			}
		}
	}
	r.summaries[fn] = s
	return s
}

// readsOf returns the unlimited reads of o's parameters: its own, and
// those of the helpers it passes them to. limits receives the parameters
// that a helper limits.
func (r *resolver) readsOf(o *owner, limits map[int]bool) []bodyRead {
	var helperReads []bodyRead
	for _, call := range o.calls {
		s := r.summaryOf(call.callee)
		if s == nil {
			continue
		}
		for argIdx, root := range call.args {
			i := astutil.ParamIndex(o.sig, root)
			if i < 0 {
				continue
			}
			if s.limits[argIdx] {
				limits[i] = true
			}
			if inner, ok := s.reads[argIdx]; ok {
				via := inner.node.Pos()
				if inner.via.IsValid() {
					via = inner.via
				}
				helperReads = append(helperReads, bodyRead{node: call.call, what: call.callee.Name(), root: root, via: via})
			}
		}
	}
	var out []bodyRead
	for _, read := range append(o.reads, helperReads...) {
		if i := astutil.ParamIndex(o.sig, read.root); i >= 0 && !limits[i] {
			out = append(out, read)
		}
	}
	return out
}

// selfLimited reports whether the handler o limits its own body: a limit
// around its request's body, around a reader of unknown origin, or in a
// helper it passes the request to.
func (r *resolver) selfLimited(o *owner) bool {
	for _, root := range o.limits {
		if root == nil || astutil.ParamIndex(o.sig, root) >= 0 {
			return true
		}
	}
	limits := make(map[int]bool)
	r.readsOf(o, limits)
	return len(limits) > 0
}

// report reports the unlimited reads of every handler whose paths are
// not all limited.
func (r *resolver) report() {
	for _, o := range r.owners {
		if o.kind == httpmodel.NotHandler && !r.isDecoder(o) {
			continue
		}
		limits := make(map[int]bool)
		reads := r.readsOf(o, limits)
		if len(reads) == 0 || len(limits) > 0 || r.selfLimited(o) {
			continue
		}
		v := r.handlerVerdict(o)
		switch {
		case v.class&unlimited != 0:
			for _, read := range reads {
				r.reportRead(o, read, v.at, false)
			}
		case v.class == invisible && unregistered:
			for _, read := range reads {
				r.reportRead(o, read, token.NoPos, true)
			}
		}
	}
}

func (r *resolver) reportRead(o *owner, read bodyRead, registered token.Pos, invisible bool) {
	what := read.what
	if read.via.IsValid() {
		what = fmt.Sprintf("%s (which reads the body at line %d)", what, r.pass.Fset.Position(read.via).Line)
	}
	fix := fixText(o.kind)
	if o.kind == httpmodel.NotHandler {
		fix = "wrap r.Body in http.MaxBytesReader in a middleware before the transport, or read it through io.LimitReader here"
	}
	msg := fmt.Sprintf("%s reads the request body with no size limit on the handler's path: "+
		"one large or chunked upload can exhaust the server's memory; %s", what, fix)
	switch {
	case invisible && (o.obj == nil || exported(o.obj)):
		msg += fmt.Sprintf("; %s is registered outside this package: if a limit is applied there, "+
			"declare it with `//connlint:ignore bodylimit reason`", handlerName(o))
	case invisible:
		msg += fmt.Sprintf("; no registration of %s is visible: if it is served behind a limit, "+
			"declare it with `//connlint:ignore bodylimit reason`", handlerName(o))
	}
	d := analysis.Diagnostic{Pos: read.node.Pos(), End: read.node.End(), Message: msg}
	if read.via.IsValid() {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: read.via, Message: "the helper reads the body here"})
	}
	if registered.IsValid() {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: registered, Message: "registered here without a body limit"})
	}
	for _, check := range o.checks {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: check,
			Message: "a ContentLength check is not a limit: chunked requests have ContentLength -1"})
	}
	if fix, ok := r.suggestFix(o); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	r.pass.Report(d)
}

func fixText(kind httpmodel.Framework) string {
	switch kind {
	case httpmodel.GinHandler:
		return "wrap c.Request.Body in http.MaxBytesReader or add a body-limit middleware to the route's group"
	case httpmodel.EchoHandler:
		return "add middleware.BodyLimit to the route or its group"
	}
	return "add `r.Body = http.MaxBytesReader(w, r.Body, n)` at the start of the handler or wrap it in http.MaxBytesHandler"
}

func handlerName(o *owner) string {
	if o.obj != nil {
		return o.obj.Name()
	}
	return "the handler"
}

// suggestFix inserts `r.Body = http.MaxBytesReader(w, r.Body, N)` as the
// first statement of a net/http handler whose parameters are named.
func (r *resolver) suggestFix(o *owner) (analysis.SuggestedFix, bool) {
	var ftype *ast.FuncType
	var body *ast.BlockStmt
	switch fn := o.node.(type) {
	case *ast.FuncDecl:
		ftype, body = fn.Type, fn.Body
	case *ast.FuncLit:
		ftype, body = fn.Type, fn.Body
	}
	if o.kind != httpmodel.NetHTTPHandler || len(body.List) == 0 || len(ftype.Params.List) == 0 {
		return analysis.SuggestedFix{}, false
	}
	var names []string
	for _, field := range ftype.Params.List {
		for _, name := range field.Names {
			names = append(names, name.Name)
		}
	}
	httpName, ok := r.importName(o.node.Pos(), httpmodel.NetHTTP)
	if len(names) != 2 || names[0] == "_" || names[1] == "_" || !ok {
		return analysis.SuggestedFix{}, false
	}
	first := body.List[0]
	indent := strings.Repeat("\t", r.pass.Fset.Position(first.Pos()).Column-1)
	w, req := names[0], names[1]
	stmt := fmt.Sprintf("%s.Body = %s.MaxBytesReader(%s, %s.Body, %s)\n%s", req, httpName, w, req, sizeExpr(units.Size(maxBody)), indent)
	return analysis.SuggestedFix{
		Message:   "limit the request body with http.MaxBytesReader",
		TextEdits: []analysis.TextEdit{{Pos: first.Pos(), End: first.Pos(), NewText: []byte(stmt)}},
	}, true
}

// importName returns the name under which the file containing pos
// imports path.
func (r *resolver) importName(pos token.Pos, path string) (string, bool) {
	for _, f := range r.pass.Files {
		if f.FileStart > pos || pos >= f.FileEnd {
			continue
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == path {
				if imp.Name != nil {
					return imp.Name.Name, imp.Name.Name != "_" && imp.Name.Name != "."
				}
				return "http", true
			}
		}
	}
	return "", false
}

// sizeExpr writes n as Go source: 1<<20, 512<<10, 1000.
func sizeExpr(n units.Size) string {
	switch {
	case n != 0 && n%units.MiB == 0:
		return fmt.Sprintf("%d<<20", n/units.MiB)
	case n != 0 && n%units.KiB == 0:
		return fmt.Sprintf("%d<<10", n/units.KiB)
	}
	return strconv.FormatInt(int64(n), 10)
}
