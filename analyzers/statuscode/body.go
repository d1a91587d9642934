package statuscode

import (
	"go/ast"
	"go/types"
	"reflect"
	"regexp"
	"strings"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// This file decides whether a value written as a response body visibly
// carries an error. "Visibly" is deliberately narrow: a body is an error
// body only when the code says so in a way a reader sees at once. A body
// such as {"ok": false} or {"status": "degraded"} is not: the analyzer
// cannot tell an application-level result from a failed request.

var errorType = types.Universe.Lookup("error").Type()

// implementsError reports whether t is an error type: error itself or a
// type with an Error() string method.
func implementsError(t types.Type) bool {
	return t != nil && types.Implements(t, errorIface)
}

var errorIface = errorType.Underlying().(*types.Interface)

// isErrorKey reports whether a map key or JSON name names an error.
func isErrorKey(key string) bool {
	return strings.EqualFold(key, "error") || strings.EqualFold(key, "err")
}

// jsonErrorKey matches a JSON text with an "error" or "err" member, or a
// "status": "error" member, written as a string constant.
var jsonErrorKey = regexp.MustCompile(`(?i)"(error|err)"\s*:|"status"\s*:\s*"error"`)

// carriesError reports whether e, a value about to be written as a body,
// visibly carries an error:
//
//   - an error value, or err.Error();
//   - fmt.Sprint*/Errorf of an error;
//   - a map literal (gin.H included) with a key "error" or "err", or
//     "status": "error";
//   - a struct literal that sets a field named Error or Err (or tagged
//     json:"error") to a non-zero value;
//   - a JSON string constant with such a member;
//   - a local variable that holds one of these (see checker.index).
//
// A JSON-RPC envelope ({"jsonrpc": "2.0", "error": ...}) is not an error
// body: JSON-RPC over HTTP reports errors in the body by design.
func (c *checker) carriesError(u *unit, e ast.Expr) bool {
	info := c.pass.TypesInfo
	e = astutil.Unparen(e)
	if tv, ok := info.Types[e]; ok && !tv.IsNil() && implementsError(tv.Type) {
		return true // err, or a value of an error type (*json.SyntaxError, APIError)
	}
	switch e := e.(type) {
	case *ast.Ident:
		return u.errorVars[info.ObjectOf(e)]
	case *ast.BasicLit:
		s, ok := astutil.StringConst(info, e)
		return ok && jsonErrorKey.MatchString(s)
	case *ast.CompositeLit:
		return c.literalCarriesError(e)
	case *ast.CallExpr:
		return c.callCarriesError(u, e)
	}
	return false
}

// callCarriesError handles err.Error(), []byte(x), string(x) and the fmt
// formatting functions.
func (c *checker) callCarriesError(u *unit, call *ast.CallExpr) bool {
	info := c.pass.TypesInfo
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return c.carriesError(u, call.Args[0]) // []byte(err.Error()), string(b)
	}
	fn := astutil.Callee(info, call)
	if fn == nil {
		return false
	}
	if fn.Name() == "Error" && fn.Signature().Params().Len() == 0 {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && implementsError(info.TypeOf(sel.X)) {
			return true
		}
	}
	for _, name := range []string{"Sprint", "Sprintf", "Sprintln", "Errorf"} {
		if astutil.FuncIs(fn, "fmt", name) {
			return anyArg(call.Args, func(a ast.Expr) bool { return c.carriesError(u, a) })
		}
	}
	return false
}

func anyArg(args []ast.Expr, pred func(ast.Expr) bool) bool {
	for _, a := range args {
		if pred(a) {
			return true
		}
	}
	return false
}

// literalCarriesError handles map and struct literals.
func (c *checker) literalCarriesError(lit *ast.CompositeLit) bool {
	info := c.pass.TypesInfo
	t := info.TypeOf(lit)
	if t == nil {
		return false
	}
	switch under := t.Underlying().(type) {
	case *types.Map:
		return mapCarriesError(info, lit)
	case *types.Struct:
		return structCarriesError(info, lit, under)
	}
	return false
}

func mapCarriesError(info *types.Info, lit *ast.CompositeLit) bool {
	found := false
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := astutil.StringConst(info, kv.Key)
		if !ok {
			continue
		}
		switch {
		case key == "jsonrpc":
			return false
		case isErrorKey(key) && !isZero(info, kv.Value):
			found = true
		case strings.EqualFold(key, "status"):
			if v, ok := astutil.StringConst(info, kv.Value); ok && strings.EqualFold(v, "error") {
				found = true
			}
		}
	}
	return found
}

func structCarriesError(info *types.Info, lit *ast.CompositeLit, st *types.Struct) bool {
	for i := range st.NumFields() {
		if jsonName(st.Tag(i)) == "jsonrpc" {
			return false
		}
	}
	for i, elt := range lit.Elts {
		var field *types.Var
		value := elt
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			field, _ = info.ObjectOf(id).(*types.Var)
			value = kv.Value
		} else if i < st.NumFields() {
			field = st.Field(i)
		}
		if field == nil || isZero(info, value) {
			continue
		}
		if fieldNamesError(st, field) {
			return true
		}
	}
	return false
}

// fieldNamesError reports whether field of st is named Error or Err, or
// is serialised under such a JSON name.
func fieldNamesError(st *types.Struct, field *types.Var) bool {
	if field.Name() == "Error" || field.Name() == "Err" {
		return true
	}
	for i := range st.NumFields() {
		if st.Field(i) == field {
			return isErrorKey(jsonName(st.Tag(i)))
		}
	}
	return false
}

func jsonName(tag string) string {
	name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
	return name
}

// isErrorField reports whether sel selects a field named Error or Err (or
// tagged json:"error") of a struct.
func isErrorField(info *types.Info, sel *ast.SelectorExpr) bool {
	selection, ok := info.Selections[sel]
	if !ok || selection.Kind() != types.FieldVal {
		return false
	}
	field, ok := selection.Obj().(*types.Var)
	if !ok {
		return false
	}
	recv := selection.Recv()
	if p, ok := recv.Underlying().(*types.Pointer); ok {
		recv = p.Elem()
	}
	st, ok := recv.Underlying().(*types.Struct)
	if !ok {
		return field.Name() == "Error" || field.Name() == "Err"
	}
	return fieldNamesError(st, field)
}

// isZero reports whether e is nil, "", false or 0: a field set to its
// zero value does not make a body an error body.
func isZero(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok {
		return false
	}
	if tv.IsNil() {
		return true
	}
	if tv.Value == nil {
		return false
	}
	switch v := tv.Value.String(); v {
	case `""`, "false", "0":
		return true
	}
	return false
}

// saysError reports whether e is a literal that declares itself an error
// whatever the branch it is written in: a map with "status": "error", or
// with an "error"/"err" member set to a non-empty string constant or to
// err.Error(); a struct literal whose Error field is set so. A member
// set from a variable is not enough here: {"error": lastErr} may be
// empty on success.
func (c *checker) saysError(e ast.Expr) bool {
	info := c.pass.TypesInfo
	lit, ok := astutil.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return false
	}
	t := info.TypeOf(lit)
	if t == nil {
		return false
	}
	st, isStruct := t.Underlying().(*types.Struct)
	_, isMap := t.Underlying().(*types.Map)
	if !isStruct && !isMap {
		return false
	}
	if !c.literalCarriesError(lit) {
		return false // also excludes JSON-RPC envelopes
	}
	for i, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		var value ast.Expr = elt
		isErr := false
		switch {
		case isMap && ok:
			key, _ := astutil.StringConst(info, kv.Key)
			if strings.EqualFold(key, "status") {
				if v, ok := astutil.StringConst(info, kv.Value); ok && strings.EqualFold(v, "error") {
					return true
				}
			}
			isErr, value = isErrorKey(key), kv.Value
		case isStruct && ok:
			if id, ok := kv.Key.(*ast.Ident); ok {
				f, _ := info.ObjectOf(id).(*types.Var)
				isErr = f != nil && fieldNamesError(st, f)
			}
			value = kv.Value
		case isStruct && i < st.NumFields():
			isErr = fieldNamesError(st, st.Field(i))
		}
		if isErr && c.isErrorText(value) {
			return true
		}
	}
	return false
}

// isErrorText reports whether e is a non-empty string constant or
// err.Error().
func (c *checker) isErrorText(e ast.Expr) bool {
	info := c.pass.TypesInfo
	if s, ok := astutil.StringConst(info, e); ok {
		return s != ""
	}
	call, ok := astutil.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn := astutil.Callee(info, call)
	sel, isSel := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	return fn != nil && isSel && fn.Name() == "Error" && fn.Signature().Params().Len() == 0 && implementsError(info.TypeOf(sel.X))
}
