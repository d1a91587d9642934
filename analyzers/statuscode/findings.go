package statuscode

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
)

// findingKind names the mistakes the analyzer reports.
type findingKind int

const (
	errorBody       findingKind = iota // an error body sent with a 2xx status
	errorWith2xx                       // http.Error with a 2xx status
	noRetryAfter                       // 503 or 429 without Retry-After
	lateWriteHeader                    // a status set after the body was written
)

// A finding waits in its unit until the function has been walked: a
// Retry-After set after the status, or a superfluous WriteHeader that
// explains an error body, changes or removes it.
type finding struct {
	kind findingKind
	diag analysis.Diagnostic
	root types.Object
	lazy bool      // gin's Context.Status: a later Retry-After still counts
	code int       // the status of a noRetryAfter finding
	prev token.Pos // lateWriteHeader: the first write
}

func (c *checker) superfluous(s sent, firstWrite token.Pos) finding {
	what := "WriteHeader"
	if s.httpError {
		what = "http.Error"
	}
	return finding{
		kind: lateWriteHeader,
		prev: firstWrite,
		diag: analysis.Diagnostic{
			Pos: s.call.Pos(), End: s.call.End(),
			Message: fmt.Sprintf("%s after the body was written cannot change the status: net/http ignores it (\"superfluous response.WriteHeader call\") and the client gets 200; "+
				"set the status before the first write", what),
			Related: []analysis.RelatedInformation{{Pos: firstWrite, Message: "the body is first written here, which sends status 200"}},
		},
	}
}

func (c *checker) errorWith2xx(s sent) finding {
	return finding{kind: errorWith2xx, diag: analysis.Diagnostic{
		Pos: s.call.Pos(), End: s.call.End(),
		Message: fmt.Sprintf("http.Error with status %d reports a failure as success: devices cannot tell it failed and never retry or alert; "+
			"pass the matching 4xx/5xx status", s.code),
	}}
}

func (c *checker) frameworkErrorBody(s sent) finding {
	return finding{kind: errorBody, diag: analysis.Diagnostic{
		Pos: s.call.Pos(), End: s.call.End(),
		Message: fmt.Sprintf("%s sends an error body with status %d: devices take it for success and never retry or alert; "+
			"pass the matching 4xx/5xx status (e.g. http.StatusBadRequest, http.StatusInternalServerError)", types.ExprString(s.call.Fun), s.code),
	}}
}

func (c *checker) netHTTPErrorBody(call *ast.CallExpr, root types.Object, code int, implicit bool) finding {
	status := fmt.Sprintf("status %d", code)
	if implicit {
		status = "the implicit status 200 (no WriteHeader before it)"
	}
	return finding{kind: errorBody, diag: analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("error body written with %s: devices take it for success and never retry or alert; "+
			"call %s.WriteHeader with the matching 4xx/5xx status before writing it", status, root.Name()),
	}}
}

func (c *checker) noRetryAfter(s sent) finding {
	hint := fmt.Sprintf("%s.Header().Set(\"Retry-After\", …)", s.root.Name())
	switch {
	case astutil.IsPointerTo(s.root.Type(), httpmodel.Gin, "Context"):
		hint = fmt.Sprintf("%s.Header(\"Retry-After\", …)", s.root.Name())
	case astutil.IsNamed(s.root.Type(), httpmodel.Echo, "Context"):
		hint = fmt.Sprintf("%s.Response().Header().Set(\"Retry-After\", …)", s.root.Name())
	case astutil.IsPointerTo(s.root.Type(), httpmodel.Fiber, "Ctx"):
		hint = fmt.Sprintf("%s.Set(\"Retry-After\", …)", s.root.Name())
	}
	return finding{kind: noRetryAfter, root: s.root, lazy: s.lazy, code: s.code, diag: analysis.Diagnostic{
		Pos: s.call.Pos(), End: s.call.End(),
		Message: fmt.Sprintf("status %d without a Retry-After header: devices retry at once, all together, or give up; "+
			"call %s before sending the status", s.code, hint),
	}}
}

// finish settles the unit's findings and reports them; those inside a
// helper function wait for reportHelpers.
func (c *checker) finish(u *unit) {
	explained := make(map[token.Pos]bool) // error bodies followed by a superfluous WriteHeader
	for _, f := range u.findings {
		if f.kind == lateWriteHeader {
			explained[f.prev] = true
		}
	}
	for _, f := range u.findings {
		switch f.kind {
		case errorBody:
			if explained[f.diag.Pos] {
				continue // one finding, at the WriteHeader that comes too late
			}
		case noRetryAfter:
			if late, ok := u.laterRetryAfter(f); ok {
				if f.lazy {
					continue
				}
				f.diag.Message = fmt.Sprintf("Retry-After is set after status %d was sent, so it is dropped (net/http sends the header map with the status line): "+
					"move the Retry-After line above this call", f.code)
				f.diag.Related = []analysis.RelatedInformation{{Pos: late, Message: "Retry-After set here, after the status was sent"}}
			} else if !u.handler && u.fn != nil {
				c.helperDiags[u.fn] = append(c.helperDiags[u.fn], f.diag)
				continue
			}
		}
		c.pass.Report(f.diag)
	}
}

// laterRetryAfter returns the first Retry-After set on f's response after
// f's call, in the same function.
func (u *unit) laterRetryAfter(f finding) (token.Pos, bool) {
	for _, s := range u.retrySets {
		if s.root == f.root && s.pos > f.diag.Pos {
			return s.pos, true
		}
	}
	return token.NoPos, false
}

// reportHelpers reports the missing Retry-After findings inside helper
// functions whose callers in this package never set Retry-After before
// calling them. Callers in other packages are not seen.
func (c *checker) reportHelpers() {
	var fns []*types.Func
	for fn := range c.helperDiags {
		if !c.callerSets[fn] {
			fns = append(fns, fn)
		}
	}
	slices.SortFunc(fns, func(a, b *types.Func) int { return cmp.Compare(a.Pos(), b.Pos()) })
	for _, fn := range fns {
		for _, d := range c.helperDiags[fn] {
			c.pass.Report(d)
		}
	}
}
