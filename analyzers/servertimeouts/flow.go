package servertimeouts

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
)

// holder is a place an http.Server value can be: a variable, a parameter,
// a struct field, the results of a function of the package (obj), or a
// literal or new(http.Server) not stored anywhere yet (node). The zero
// holder is "somewhere the analyzer does not follow".
type holder struct {
	obj  types.Object
	node ast.Node
}

func (h holder) valid() bool { return h.obj != nil || h.node != nil }

// fieldWrite is one setting of a timeout or the address: a key of the
// literal or an assignment. value is nil when it cannot be folded at all
// (srv.IdleTimeout += d).
type fieldWrite struct {
	value    ast.Expr
	at       ast.Node
	imported *fieldSetting // set by another package, from its fact
	addr     string        // the address another package sets, from its fact
}

// serve is one call that serves a server. listen is true when the call
// listens on an address (ListenAndServe, ListenAndServeTLS, echo's Start
// and StartServer) rather than on a listener it is given: addr when the
// call takes it, else the server's Addr.
type serve struct {
	at        ast.Node
	listen    bool
	addr      ast.Expr
	framework string // "" for net/http's own methods

	// A serve in another package, known from its fact: where it is
	// (file:line), and the declaration of the field or function that
	// leads there, the position the finding can point at.
	elsewhere string
	decl      token.Pos
}

// pos is the position a finding's related information points at.
func (s serve) pos() token.Pos {
	if s.at != nil {
		return s.at.Pos()
	}
	return s.decl
}

// paramRef names parameter index of fn.
type paramRef struct {
	fn    *types.Func
	index int
}

// flows is what the walk learns about where server values go. Field
// writes, serves and flows are keyed by holder; a server's facts are the
// union over every holder its value reaches. Holders that are struct
// fields or parameters are shared by all the values stored in them, which
// errs towards "set" and "served": the safe side for a finding.
type flows struct {
	info  *types.Info
	pkg   *types.Package
	files []*ast.File
	// funcVarLits maps package-level variables initialized with a
	// function literal to it (see literalParam); nil until needed.
	funcVarLits map[*types.Var]*ast.FuncLit
	edges       map[holder][]holder
	opaque      map[holder]bool // handed to code that is not followed
	writes      map[holder]map[string][]fieldWrite
	serves      map[holder][]serve

	// paramOwner maps the parameters that serve as holders to their
	// functions, which carry the facts of other packages.
	paramOwner map[*types.Var]paramRef
	// isConstructor reports whether a function of another package returns
	// a server built there (a serverResult fact).
	isConstructor func(*types.Func) bool
	// importedHolder returns the fact of a field or parameter of another
	// package whose server that package serves.
	importedHolder func(holder) (*servedHolder, bool)
}

func newFlows(info *types.Info, pkg *types.Package, files []*ast.File) *flows {
	return &flows{
		info:           info,
		pkg:            pkg,
		files:          files,
		paramOwner:     make(map[*types.Var]paramRef),
		isConstructor:  func(*types.Func) bool { return false },
		importedHolder: func(holder) (*servedHolder, bool) { return nil, false },
		edges:          make(map[holder][]holder),
		opaque:         make(map[holder]bool),
		writes:         make(map[holder]map[string][]fieldWrite),
		serves:         make(map[holder][]serve),
	}
}

// isServer reports whether t is http.Server or *http.Server.
func isServer(t types.Type) bool { return astutil.IsNamed(t, httpmodel.NetHTTP, "Server") }

// isNewServer reports whether call is new(http.Server).
func isNewServer(info *types.Info, call *ast.CallExpr) bool {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return false
	}
	b, ok := info.Uses[id].(*types.Builtin)
	return ok && b.Name() == "new" && isServer(info.TypeOf(call))
}

// holderOf returns the holder that expression e designates: &srv, *p and
// (srv) are srv; a call of a function of the package is that function's
// results.
func (f *flows) holderOf(e ast.Expr) holder {
	switch e := astutil.Unparen(e).(type) {
	case *ast.CompositeLit:
		if isServer(f.info.TypeOf(e)) {
			return holder{node: e}
		}
	case *ast.CallExpr:
		if isNewServer(f.info, e) {
			return holder{node: e}
		}
		if fn := astutil.Callee(f.info, e); fn != nil && fn.Pkg() == f.pkg {
			return holder{obj: fn.Origin()}
		} else if fn != nil && f.isConstructor(fn) {
			return holder{node: e} // the server another package built
		}
	case *ast.Ident:
		if v, ok := f.info.ObjectOf(e).(*types.Var); ok {
			return holder{obj: v}
		}
	case *ast.SelectorExpr:
		if sel, ok := f.info.Selections[e]; ok {
			if sel.Kind() == types.FieldVal {
				return holder{obj: sel.Obj()}
			}
			return holder{}
		}
		if v, ok := f.info.Uses[e.Sel].(*types.Var); ok { // pkg.Var
			return holder{obj: v}
		}
	}
	return holder{}
}

// receiverHolder returns the holder of the server that the selector
// sel (srv.ListenAndServe, srv.IdleTimeout) selects from. Through an
// embedded server (type HTTPServer struct{ *http.Server }) it is the
// embedded field: h.Serve(l) serves h.Server.
func (f *flows) receiverHolder(sel *ast.SelectorExpr) holder {
	if s, ok := f.info.Selections[sel]; ok && len(s.Index()) > 1 {
		if field := embeddedField(s); field != nil && isServer(field.Type()) {
			return holder{obj: field}
		}
	}
	return f.holderOf(sel.X)
}

// embeddedField returns the last embedded field a promoted selection goes
// through.
func embeddedField(s *types.Selection) *types.Var {
	t := s.Recv()
	var field *types.Var
	for _, i := range s.Index()[:len(s.Index())-1] {
		if p, ok := types.Unalias(t).Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := types.Unalias(t).Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil
		}
		field = st.Field(i)
		t = field.Type()
	}
	return field
}

// flow records that the server value of src is stored into dst. A value
// stored where the analyzer does not follow (a map, an unknown callee)
// becomes opaque: its settings may be changed out of sight.
func (f *flows) flow(src ast.Expr, dst holder) {
	from := f.holderOf(src)
	if !from.valid() {
		return
	}
	if !dst.valid() {
		f.opaque[from] = true
		return
	}
	f.edges[from] = append(f.edges[from], dst)
}

// assignTo returns the holder for the left-hand side of an assignment, and
// false for the blank identifier.
func (f *flows) assignTo(lhs ast.Expr) (holder, bool) {
	if id, ok := lhs.(*ast.Ident); ok && id.Name == "_" {
		return holder{}, false
	}
	return f.holderOf(lhs), true
}

// write records a setting of field of the server held by h.
func (f *flows) write(h holder, field string, w fieldWrite) {
	if !h.valid() {
		return
	}
	if f.writes[h] == nil {
		f.writes[h] = make(map[string][]fieldWrite)
	}
	f.writes[h][field] = append(f.writes[h][field], w)
}

// assign follows the server values and the server field writes of an
// assignment.
func (f *flows) assign(as *ast.AssignStmt) {
	if len(as.Lhs) != len(as.Rhs) {
		// srv, err := newServer(): the server result flows to its variable.
		if len(as.Rhs) == 1 {
			for _, lhs := range as.Lhs {
				if dst, ok := f.assignTo(lhs); ok && isServer(f.info.TypeOf(lhs)) {
					f.flow(as.Rhs[0], dst)
				}
			}
		}
		return
	}
	for i, lhs := range as.Lhs {
		rhs := as.Rhs[i]
		if sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr); ok {
			if field, ok := f.serverField(sel); ok {
				w := fieldWrite{at: as}
				if as.Tok == token.ASSIGN {
					w.value = rhs
				}
				f.write(f.receiverHolder(sel), field, w)
				continue
			}
		}
		if !isServer(f.info.TypeOf(rhs)) {
			continue
		}
		if dst, ok := f.assignTo(lhs); ok {
			f.flow(rhs, dst)
		}
	}
}

// trackedFields are the http.Server fields the analyzer reads.
var trackedFields = [...]string{"Addr", "ReadHeaderTimeout", "ReadTimeout", "IdleTimeout"}

func isTracked(name string) bool {
	for _, tracked := range trackedFields {
		if name == tracked {
			return true
		}
	}
	return false
}

// serverField reports whether sel selects a tracked field of http.Server,
// and which.
func (f *flows) serverField(sel *ast.SelectorExpr) (string, bool) {
	for _, name := range trackedFields {
		if astutil.IsField(f.info, sel, httpmodel.NetHTTP, "Server", name) {
			return name, true
		}
	}
	// A field promoted from an embedded server: t.IdleTimeout.
	s, ok := f.info.Selections[sel]
	if !ok || s.Kind() != types.FieldVal || len(s.Index()) < 2 || !isTracked(s.Obj().Name()) {
		return "", false
	}
	if field := embeddedField(s); field != nil && isServer(field.Type()) {
		return s.Obj().Name(), true
	}
	return "", false
}

// valueSpec follows var srv = ... declarations.
func (f *flows) valueSpec(spec *ast.ValueSpec) {
	if len(spec.Values) == 1 && len(spec.Names) > 1 {
		for _, name := range spec.Names {
			if dst, ok := f.assignTo(name); ok && isServer(f.info.TypeOf(name)) {
				f.flow(spec.Values[0], dst)
			}
		}
		return
	}
	for i, value := range spec.Values {
		if i < len(spec.Names) && isServer(f.info.TypeOf(value)) {
			if dst, ok := f.assignTo(spec.Names[i]); ok {
				f.flow(value, dst)
			}
		}
	}
}

// structLit follows servers stored in the fields of a struct literal
// (App{srv: &http.Server{...}}).
func (f *flows) structLit(lit *ast.CompositeLit) {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok || !isServer(f.info.TypeOf(kv.Value)) {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			continue
		}
		if field, ok := f.info.Uses[key].(*types.Var); ok && field.IsField() {
			f.flow(kv.Value, holder{obj: field})
		}
	}
}

// result follows a server returned by a function declaration (a
// constructor) to the function's results, which its callers receive. A
// function literal's results are not followed.
func (f *flows) result(fn ast.Node, ret *ast.ReturnStmt) {
	for _, r := range ret.Results {
		if !isServer(f.info.TypeOf(r)) {
			continue
		}
		var dst holder
		if decl, ok := fn.(*ast.FuncDecl); ok {
			if obj := f.info.Defs[decl.Name]; obj != nil {
				dst = holder{obj: obj}
			}
		}
		f.flow(r, dst)
	}
}

// arguments follows servers passed to a function: to its parameter when
// the function belongs to the package (a configure or serve helper whose
// body the walk sees), otherwise into the unknown. Method values of the
// serving methods passed as arguments (g.Go(srv.ListenAndServe)) serve.
func (f *flows) arguments(call *ast.CallExpr, fn *types.Func) {
	for i, arg := range call.Args {
		if sel, ok := ast.Unparen(arg).(*ast.SelectorExpr); ok {
			if s, ok := f.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
				if m, ok := s.Obj().(*types.Func); ok && isServingMethod(m) {
					f.servedHolder(f.receiverHolder(sel), serve{at: sel, listen: listens(m)})
				}
				continue
			}
		}
		if !isServer(f.info.TypeOf(arg)) {
			continue
		}
		if fn == nil {
			f.flow(arg, f.literalParam(call, i))
			continue
		}
		f.flow(arg, f.param(fn, i))
	}
}

// literalParam returns the holder of parameter i of the function literal
// a package-level variable of the package is initialized with, when call
// calls through that variable (var shutdown = func(srv *http.Server) {…},
// a seam tests replace): the walk sees the literal's body as it sees a
// function's. Any other dynamic call is the zero holder.
func (f *flows) literalParam(call *ast.CallExpr, i int) holder {
	id, ok := ast.Unparen(call.Fun).(*ast.Ident)
	if !ok {
		return holder{}
	}
	v, ok := f.info.Uses[id].(*types.Var)
	if !ok || v.Pkg() != f.pkg || v.Parent() != f.pkg.Scope() {
		return holder{}
	}
	lit := f.funcVars()[v]
	if lit == nil {
		return holder{}
	}
	sig, ok := f.info.TypeOf(lit).(*types.Signature)
	if !ok || i >= sig.Params().Len() || (sig.Variadic() && i == sig.Params().Len()-1) {
		return holder{}
	}
	return holder{obj: sig.Params().At(i)}
}

// funcVars maps the package-level variables initialized with a function
// literal to it, computed once from the package's files.
func (f *flows) funcVars() map[*types.Var]*ast.FuncLit {
	if f.funcVarLits != nil {
		return f.funcVarLits
	}
	f.funcVarLits = make(map[*types.Var]*ast.FuncLit)
	for _, file := range f.files {
		for _, decl := range file.Decls {
			gen, ok := decl.(*ast.GenDecl)
			if !ok || gen.Tok != token.VAR {
				continue
			}
			for _, spec := range gen.Specs {
				vs := spec.(*ast.ValueSpec)
				if len(vs.Names) != len(vs.Values) {
					continue
				}
				for j, name := range vs.Names {
					lit, ok := ast.Unparen(vs.Values[j]).(*ast.FuncLit)
					if v, isVar := f.info.Defs[name].(*types.Var); ok && isVar {
						f.funcVarLits[v] = lit
					}
				}
			}
		}
	}
	return f.funcVarLits
}

// declare records the owner of each server parameter of fn, a function
// declared in the package, for the facts about them.
func (f *flows) declare(obj types.Object) {
	fn, ok := obj.(*types.Func)
	if !ok {
		return
	}
	params := fn.Signature().Params()
	for i := range params.Len() {
		if isServer(params.At(i).Type()) {
			f.paramOwner[params.At(i)] = paramRef{fn: fn, index: i}
		}
	}
}

// param returns the holder of parameter i of fn when fn is declared in
// the package, and the zero holder otherwise.
func (f *flows) param(fn *types.Func, i int) holder {
	if fn == nil {
		return holder{}
	}
	fn = fn.Origin()
	sig := fn.Signature()
	if recv := sig.Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return holder{} // an interface method: no body to follow
	}
	params := sig.Params()
	if i >= params.Len() || (sig.Variadic() && i == params.Len()-1) {
		return holder{}
	}
	h := holder{obj: params.At(i)}
	f.paramOwner[params.At(i)] = paramRef{fn: fn, index: i}
	if fn.Pkg() != f.pkg {
		// Another package's function: followed only when its fact says
		// that it serves this parameter.
		if _, ok := f.importedHolder(h); !ok {
			return holder{}
		}
	}
	return h
}

// served records that the server held by e is served at s.
func (f *flows) served(e ast.Expr, s serve) { f.servedHolder(f.holderOf(e), s) }

func (f *flows) servedHolder(h holder, s serve) {
	if h.valid() {
		f.serves[h] = append(f.serves[h], s)
	}
}

// isServingMethod reports whether m is a method of http.Server that
// accepts connections.
func isServingMethod(m *types.Func) bool {
	for _, name := range [...]string{"ListenAndServe", "ListenAndServeTLS", "Serve", "ServeTLS"} {
		if astutil.MethodIs(m, httpmodel.NetHTTP, "Server", name) {
			return true
		}
	}
	return false
}

// listens reports whether the serving method m listens on the server's
// Addr.
func listens(m *types.Func) bool {
	return m.Name() == "ListenAndServe" || m.Name() == "ListenAndServeTLS"
}

// facts is what is known of one server value: the settings that reach it
// and the calls that serve it.
type facts struct {
	writes map[string][]fieldWrite
	serves []serve
	opaque bool
}

// reach collects the facts of every holder the value starting at start
// flows to.
func (f *flows) reach(start holder) facts {
	fx := facts{writes: make(map[string][]fieldWrite)}
	seen := map[holder]bool{start: true}
	queue := []holder{start}
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		for field, ws := range f.writes[h] {
			fx.writes[field] = append(fx.writes[field], ws...)
		}
		fx.serves = append(fx.serves, f.serves[h]...)
		if fact, ok := f.importedHolder(h); ok {
			// Served by another package, with what that package sets.
			for field, ws := range importedWrites(fact.Settings, nil) {
				fx.writes[field] = append(fx.writes[field], ws...)
			}
			fx.serves = append(fx.serves, serve{listen: fact.Listen, elsewhere: fact.Served, decl: f.declOf(h)})
		}
		fx.opaque = fx.opaque || f.opaque[h]
		for _, next := range f.edges[h] {
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	return fx
}

// declOf returns the declaration position of a holder of another
// package: the field, or the function whose parameter it is.
func (f *flows) declOf(h holder) token.Pos {
	if v, ok := h.obj.(*types.Var); ok && !v.IsField() {
		if owner, ok := f.paramOwner[v]; ok {
			return owner.fn.Pos()
		}
	}
	return h.obj.Pos()
}

// reachable returns every holder the value starting at start flows to.
func (f *flows) reachable(start holder) []holder {
	seen := map[holder]bool{start: true}
	queue := []holder{start}
	for i := 0; i < len(queue); i++ {
		for _, next := range f.edges[queue[i]] {
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	return queue
}

// holders returns the holders the walk has learnt something about, in
// the order of their positions.
func (f *flows) holders() []holder {
	seen := make(map[holder]bool)
	var hs []holder
	add := func(h holder) {
		if !seen[h] && h.obj != nil {
			seen[h] = true
			hs = append(hs, h)
		}
	}
	for h, next := range f.edges {
		add(h)
		for _, n := range next {
			add(n)
		}
	}
	for h := range f.serves {
		add(h)
	}
	for h := range f.writes {
		add(h)
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].obj.Pos() < hs[j].obj.Pos() })
	return hs
}

// reaches reports whether the value starting at start flows to target.
func (f *flows) reaches(start, target holder) bool {
	seen := map[holder]bool{start: true}
	queue := []holder{start}
	for len(queue) > 0 {
		h := queue[0]
		queue = queue[1:]
		if h == target {
			return true
		}
		for _, next := range f.edges[h] {
			if !seen[next] {
				seen[next] = true
				queue = append(queue, next)
			}
		}
	}
	return false
}
