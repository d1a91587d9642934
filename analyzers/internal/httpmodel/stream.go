package httpmodel

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// StreamsResponse reports whether the HTTP request at cur (a call whose
// first result is an *http.Response, assigned to a variable) has its
// response read as a stream: in a loop that does not also repeat the
// request, the function reads resp.Body, or a reader built on it (a
// bufio.Scanner or Reader, a json.Decoder, a gzip reader):
//
//	resp, err := http.DefaultClient.Do(req) // GET …/events
//	scanner := bufio.NewScanner(resp.Body)
//	for scanner.Scan() { … }               // one message per line, until the server hangs up
//
// Such a request is a subscription (Server-Sent Events, newline-delimited
// JSON, a chunked feed): it holds its connection open, and a loop that
// sends it again after a wait reconnects rather than polls. A body read
// once (io.ReadAll, one Decode), or read in the loop that also sends the
// request, is not a stream.
func StreamsResponse(info *types.Info, cur inspector.Cursor) bool {
	resp := resultVar(info, cur)
	if resp == nil || !astutil.IsPointerTo(resp.Type(), NetHTTP, "Response") {
		return false
	}
	fn, ok := astutil.EnclosingFunc(cur)
	if !ok {
		return false
	}
	s := &streamReads{info: info, resp: resp, readers: make(map[*types.Var]bool)}
	s.findReaders(fn)
	request := cur.Node()
	for c := range fn.Preorder((*ast.CallExpr)(nil)) {
		if !s.reads(c.Node().(*ast.CallExpr)) {
			continue
		}
		if loop, ok := astutil.EnclosingLoop(c); ok && !encloses(loop.Node(), request) {
			return true
		}
	}
	return false
}

// resultVar returns the variable that the first result of the call at
// cur is assigned to (resp, err := …; var resp, err = …), or nil.
func resultVar(info *types.Info, cur inspector.Cursor) *types.Var {
	call := cur.Node()
	var lhs ast.Expr
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		if len(p.Rhs) == 1 && p.Rhs[0] == call && len(p.Lhs) > 0 {
			lhs = p.Lhs[0]
		}
	case *ast.ValueSpec:
		if len(p.Values) == 1 && p.Values[0] == call && len(p.Names) > 0 {
			lhs = p.Names[0]
		}
	}
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := info.ObjectOf(id).(*types.Var)
	return v
}

// streamReads finds the reads of one response's body in a function.
type streamReads struct {
	info    *types.Info
	resp    *types.Var
	readers map[*types.Var]bool // variables holding a reader built on the body
}

// findReaders records the variables that hold a reader of the body:
// assigned the result of a call given the body or another such reader
// (bufio.NewReader(resp.Body), json.NewDecoder(br)), and of a type with
// methods — a []byte from io.ReadAll is the body already read.
func (s *streamReads) findReaders(fn inspector.Cursor) {
	for range 2 { // a reader on a reader on the body
		for c := range fn.Preorder((*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil)) {
			switch n := c.Node().(type) {
			case *ast.AssignStmt:
				if len(n.Rhs) == 1 && len(n.Lhs) > 0 {
					s.readerAssigned(n.Lhs[0], n.Rhs[0])
				}
			case *ast.ValueSpec:
				if len(n.Values) == 1 && len(n.Names) > 0 {
					s.readerAssigned(n.Names[0], n.Values[0])
				}
			}
		}
	}
}

func (s *streamReads) readerAssigned(lhs, rhs ast.Expr) {
	id, ok := lhs.(*ast.Ident)
	if !ok {
		return
	}
	v, _ := s.info.ObjectOf(id).(*types.Var)
	call, ok := ast.Unparen(rhs).(*ast.CallExpr)
	if v == nil || !ok || s.readers[v] || !hasMethods(v.Type()) {
		return
	}
	for _, arg := range call.Args {
		if s.wrapsBody(arg) {
			s.readers[v] = true
			return
		}
	}
}

// wrapsBody reports whether e is the body or a reader of it, directly or
// wrapped in calls (json.NewDecoder(bufio.NewReader(resp.Body))).
func (s *streamReads) wrapsBody(e ast.Expr) bool {
	if s.isBodyOrReader(e) {
		return true
	}
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	for _, arg := range call.Args {
		if s.wrapsBody(arg) {
			return true
		}
	}
	return false
}

// reads reports whether call reads the body or one of its readers: as
// the receiver of a method (scanner.Scan, resp.Body.Read) or in an
// argument (io.ReadFull(br, buf)). Closing is not reading.
func (s *streamReads) reads(call *ast.CallExpr) bool {
	if fn := astutil.Callee(s.info, call); fn != nil && fn.Name() == "Close" {
		return false
	}
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && s.isBodyOrReader(sel.X) {
		return true
	}
	for _, arg := range call.Args {
		if s.wrapsBody(arg) {
			return true
		}
	}
	return false
}

// isBodyOrReader reports whether e is resp.Body or a reader variable.
func (s *streamReads) isBodyOrReader(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		v, _ := s.info.Uses[e].(*types.Var)
		return v != nil && s.readers[v]
	case *ast.SelectorExpr:
		id, ok := ast.Unparen(e.X).(*ast.Ident)
		return ok && s.info.Uses[id] == s.resp && astutil.IsField(s.info, e, NetHTTP, "Response", "Body")
	}
	return false
}

// hasMethods reports whether a value of type t has methods (a reader, a
// decoder), other than an error.
func hasMethods(t types.Type) bool {
	return !astutil.IsError(t) && types.NewMethodSet(t).Len() > 0
}

func encloses(outer, inner ast.Node) bool {
	return outer.Pos() <= inner.Pos() && inner.End() <= outer.End()
}
