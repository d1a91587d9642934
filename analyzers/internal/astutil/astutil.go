// Package astutil holds the small type-based questions that several
// connlint analyzers ask about a node: is this a call of a given function
// or method, is this expression a known constant, does this node run once
// per loop iteration. Every answer comes from go/types objects, never from
// identifier spelling, so renamed imports and aliases are handled.
package astutil

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// IsNamed reports whether t, or the type t points to, is the named type
// pkgPath.name (aliases are looked through).
func IsNamed(t types.Type, pkgPath, name string) bool {
	if t == nil {
		return false
	}
	t = types.Unalias(t)
	if ptr, ok := t.Underlying().(*types.Pointer); ok {
		t = types.Unalias(ptr.Elem())
	}
	named, ok := t.(*types.Named)
	if !ok {
		return false
	}
	obj := named.Obj()
	return obj.Name() == name && obj.Pkg() != nil && PathIs(obj.Pkg().Path(), pkgPath)
}

// IsPointerTo reports whether t is *pkgPath.name.
func IsPointerTo(t types.Type, pkgPath, name string) bool {
	p, ok := types.Unalias(t).(*types.Pointer)
	return ok && IsNamed(p.Elem(), pkgPath, name)
}

// PathIs reports whether the import path got denotes want, also when the
// package is vendored (".../vendor/want").
func PathIs(got, want string) bool {
	return got == want || strings.HasSuffix(got, "/vendor/"+want)
}

// Callee returns the function or method statically called by call, or nil
// for calls of function values, builtins and conversions. Interface
// methods resolve to the abstract method, whose receiver is the interface.
func Callee(info *types.Info, call *ast.CallExpr) *types.Func {
	fn, _ := typeutil.Callee(info, call).(*types.Func)
	return fn
}

// IsFunc reports whether call calls the package-level function pkgPath.name.
func IsFunc(info *types.Info, call *ast.CallExpr, pkgPath, name string) bool {
	return FuncIs(Callee(info, call), pkgPath, name)
}

// IsMethod reports whether call calls the method name of the named type
// pkgPath.typeName (value or pointer receiver, concrete type or interface).
func IsMethod(info *types.Info, call *ast.CallExpr, pkgPath, typeName, name string) bool {
	return MethodIs(Callee(info, call), pkgPath, typeName, name)
}

// FuncIs reports whether fn is the package-level function pkgPath.name.
// Analyzers that test one callee against many functions resolve the callee
// once and use FuncIs and MethodIs.
func FuncIs(fn *types.Func, pkgPath, name string) bool {
	return fn != nil && fn.Name() == name && fn.Pkg() != nil && PathIs(fn.Pkg().Path(), pkgPath) &&
		fn.Signature().Recv() == nil
}

// MethodIs reports whether fn is the method name of the named type
// pkgPath.typeName.
func MethodIs(fn *types.Func, pkgPath, typeName, name string) bool {
	if fn == nil || fn.Name() != name {
		return false
	}
	recv := fn.Signature().Recv()
	return recv != nil && IsNamed(recv.Type(), pkgPath, typeName)
}

// IsField reports whether sel selects the field name of the struct type
// pkgPath.typeName (through a pointer or not).
func IsField(info *types.Info, sel *ast.SelectorExpr, pkgPath, typeName, name string) bool {
	selection, ok := info.Selections[sel]
	if !ok || selection.Kind() != types.FieldVal || selection.Obj().Name() != name {
		return false
	}
	return IsNamed(selection.Recv(), pkgPath, typeName)
}

// BoolConst returns the value of expr when it is a boolean constant,
// wherever the constant is declared (another file or package included).
func BoolConst(info *types.Info, expr ast.Expr) (value, ok bool) {
	tv, found := info.Types[expr]
	if !found || tv.Value == nil || tv.Value.Kind() != constant.Bool {
		return false, false
	}
	return constant.BoolVal(tv.Value), true
}

// StringConst returns the value of expr when it is a string constant,
// wherever the constant is declared (another file or package included).
func StringConst(info *types.Info, expr ast.Expr) (value string, ok bool) {
	tv, found := info.Types[expr]
	if !found || tv.Value == nil || tv.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(tv.Value), true
}

// EnclosingFunc returns the innermost function (declaration or literal)
// that contains cur, and false at package level.
func EnclosingFunc(cur inspector.Cursor) (inspector.Cursor, bool) {
	for fn := range cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
		if fn != cur {
			return fn, true
		}
	}
	return inspector.Cursor{}, false
}

// EnclosingLoop returns the innermost for or range statement whose
// repeated part (body, condition, post statement, key/value) contains cur,
// looking no further than cur's own function: a function literal written
// in a loop does not run once per iteration merely by being written there.
// The init statement of a for loop and the range expression are evaluated
// once, so a node there is not in the loop.
func EnclosingLoop(cur inspector.Cursor) (inspector.Cursor, bool) {
	for c := cur; c.Node() != nil; c = c.Parent() {
		parent := c.Parent()
		switch parent.Node().(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return inspector.Cursor{}, false
		case *ast.ForStmt:
			if c.ParentEdgeKind() != edge.ForStmt_Init {
				return parent, true
			}
		case *ast.RangeStmt:
			if c.ParentEdgeKind() != edge.RangeStmt_X {
				return parent, true
			}
		}
	}
	return inspector.Cursor{}, false
}

// Unparen removes the parentheses, address-of and dereference operators
// around e, which do not change which value an expression designates for
// the analyzers' purposes (&cfg and cfg name the same tls.Config).
func Unparen(e ast.Expr) ast.Expr {
	for {
		switch x := e.(type) {
		case *ast.ParenExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return e
			}
			e = x.X
		default:
			return e
		}
	}
}

// AnalyzerDoc returns the "# Analyzer NAME" section of the package
// documentation in src (the text of a doc.go file), without its heading
// and without the "NAME: " prefix of its first line, which makes that line
// the analyzer's one-line summary. It panics when the section is missing:
// that is a programming error caught by any test of the analyzer.
func AnalyzerDoc(src, name string) string {
	text := PackageComment(src)
	if text == "" {
		panic("astutil.AnalyzerDoc: doc.go has no package documentation")
	}
	heading := "# Analyzer " + name + "\n\n"
	start := strings.Index(text, heading)
	if start < 0 {
		panic("astutil.AnalyzerDoc: no section " + strings.TrimSpace(heading))
	}
	section := text[start+len(heading):]
	if end := strings.Index(section, "\n# "); end >= 0 {
		section = section[:end]
	}
	return strings.TrimSpace(strings.TrimPrefix(section, name+": "))
}

// PackageComment returns the text of the "//" comment that documents the
// package clause of src, as (*ast.CommentGroup).Text does: without the
// comment markers, directive lines or trailing spaces, and with runs of
// blank lines reduced to one. It reads lines instead of parsing: every
// connlint process, go vet's too, computes the analyzers' Doc when it
// starts, and go/parser made that a third of connlint's start-up.
func PackageComment(src string) string {
	var lines []string
	for line := range strings.Lines(src) {
		line = strings.TrimRight(line, " \t\r\n")
		switch {
		case strings.HasPrefix(line, "package ") || line == "package":
			return commentText(lines)
		case strings.HasPrefix(line, "//"):
			if isDirective(line[2:]) {
				continue
			}
			lines = append(lines, strings.TrimPrefix(line[2:], " "))
		default:
			lines = nil // a blank line or code: what came before documents nothing
		}
	}
	return ""
}

// isDirective reports whether a comment line (after "//") is a tool
// directive such as "go:generate" or "line", which Text leaves out.
func isDirective(c string) bool {
	if strings.HasPrefix(c, "line ") || strings.HasPrefix(c, "extern ") || strings.HasPrefix(c, "export ") {
		return true
	}
	colon := strings.Index(c, ":")
	if colon <= 0 || colon+1 >= len(c) {
		return false
	}
	for i := 0; i <= colon+1; i++ {
		if i == colon {
			continue
		}
		b := c[i]
		if !('a' <= b && b <= 'z' || '0' <= b && b <= '9') {
			return false
		}
	}
	return true
}

// commentText joins comment lines with blank runs reduced to one and
// blank lines trimmed at both ends.
func commentText(lines []string) string {
	var b strings.Builder
	blank := false
	for _, l := range lines {
		if l == "" {
			blank = b.Len() > 0
			continue
		}
		if blank {
			b.WriteByte('\n')
			blank = false
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}

// EnclosingFuncDecl returns the function declaration that contains cur,
// through any function literals, and false at package level.
func EnclosingFuncDecl(cur inspector.Cursor) (inspector.Cursor, bool) {
	for decl := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		return decl, true
	}
	return inspector.Cursor{}, false
}

// ErrorType is the predeclared error type.
var ErrorType = types.Universe.Lookup("error").Type()

// IsError reports whether t is the predeclared error type.
func IsError(t types.Type) bool { return t != nil && types.Identical(t, ErrorType) }

// ParamType returns the type of the parameter that receives argument i of
// a call of sig — the element type for the variadic tail — or the invalid
// type when there is none.
func ParamType(sig *types.Signature, i int) types.Type {
	params := sig.Params()
	if params.Len() == 0 {
		return types.Typ[types.Invalid]
	}
	if sig.Variadic() && i >= params.Len()-1 {
		last := params.At(params.Len() - 1).Type()
		if s, ok := last.(*types.Slice); ok {
			return s.Elem()
		}
		return last
	}
	if i >= params.Len() {
		return types.Typ[types.Invalid]
	}
	return params.At(i).Type()
}

// ParamIndex returns the index of p among the parameters of sig, or -1.
func ParamIndex(sig *types.Signature, p *types.Var) int {
	if p == nil {
		return -1
	}
	for i := range sig.Params().Len() {
		if sig.Params().At(i) == p {
			return i
		}
	}
	return -1
}

// FuncName names fn as a reader of package from writes it, for messages:
// newClient, helpers.NewClient, (*Service).fetch.
func FuncName(fn *types.Func, from *types.Package) string {
	qualifier := func(p *types.Package) string {
		if p == from {
			return ""
		}
		return p.Name()
	}
	if recv := fn.Signature().Recv(); recv != nil {
		return "(" + types.TypeString(recv.Type(), qualifier) + ")." + fn.Name()
	}
	if q := qualifier(fn.Pkg()); q != "" {
		return q + "." + fn.Name()
	}
	return fn.Name()
}
