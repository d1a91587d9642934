package servertimeouts

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"time"

	"golang.org/x/tools/go/analysis"
)

// Servers cross package boundaries in two directions, and a fact carries
// each:
//
//   - a constructor returns a server that its package builds but does not
//     serve (func NewServer(addr string) *http.Server): serverResult, on
//     the function. The package that serves the result judges it, at the
//     call of the constructor, with what the constructor's package sets.
//   - a package serves the server kept in a struct field, or given as a
//     parameter, and another package builds it (App{Server: &http.Server{}}
//     in cmd/, a.Server.ListenAndServe() in a method of App):
//     servedHolder, on the field or on the function. The package that
//     builds the server judges its literal, with what the serving package
//     sets.
//
// Positions cannot go into facts: the fact names the literal or the
// serving call as file:line, for the message, and the related position
// is the declaration of the constructor or field, which every importer
// can resolve.

// fieldSetting is one tracked field of a server as a package leaves it.
type fieldSetting struct {
	Set   bool          // written somewhere (or possibly, out of sight)
	Known bool          // every write folds to the same constant D
	D     time.Duration // the constant, when Known
}

// serverSettings is what a package sets on a server it passes on. (No
// map: facts must encode deterministically.)
type serverSettings struct {
	ReadHeaderTimeout, ReadTimeout, IdleTimeout fieldSetting
	Addr                                        string // constant listen address, or ""
}

// field returns the setting of the named timeout field.
func (s *serverSettings) field(name string) *fieldSetting {
	switch name {
	case "ReadHeaderTimeout":
		return &s.ReadHeaderTimeout
	case "ReadTimeout":
		return &s.ReadTimeout
	case "IdleTimeout":
		return &s.IdleTimeout
	}
	return nil
}

// timeoutFields are the tracked fields a serverSettings carries.
var timeoutFields = [...]string{"ReadHeaderTimeout", "ReadTimeout", "IdleTimeout"}

// serverResult is the fact of a function whose result is a server built in
// its package (at Built, "file.go:line") and not served there.
type serverResult struct {
	Built    string
	Settings serverSettings
}

func (*serverResult) AFact() {}

func (f *serverResult) String() string { return "returns a server built at " + f.Built }

// servedHolder is the fact of a struct field, or of a function's
// parameters (Params), whose server its package serves (at Served).
type servedHolder struct {
	Served   string
	Listen   bool // ListenAndServe(TLS) on the server's Addr
	Params   []int
	Settings serverSettings
}

func (*servedHolder) AFact() {}

func (f *servedHolder) String() string { return "served at " + f.Served }

// where names pos as "file.go:line".
func where(fset *token.FileSet, pos token.Pos) string {
	p := fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// settingsOf folds the facts of a server value into what a fact carries.
func (c *checker) settingsOf(fx facts) serverSettings {
	s := serverSettings{Addr: c.constField(fx, "Addr")}
	for _, field := range timeoutFields {
		if set := c.setting(fx, field); set.set {
			*s.field(field) = fieldSetting{Set: true, Known: set.known, D: set.d}
		}
	}
	return s
}

// importedWrites turns settings from a fact into writes at node, the
// call or literal of this package where the value enters.
func importedWrites(s serverSettings, at ast.Node) map[string][]fieldWrite {
	writes := make(map[string][]fieldWrite)
	for _, field := range timeoutFields {
		if set := *s.field(field); set.Set {
			writes[field] = append(writes[field], fieldWrite{at: at, imported: &set})
		}
	}
	if s.Addr != "" {
		writes["Addr"] = append(writes["Addr"], fieldWrite{at: at, addr: s.Addr})
	}
	return writes
}

// importedResult returns the serverResult fact of a function of another
// package.
func (c *checker) importedResult(fn *types.Func) (*serverResult, bool) {
	if fn == nil || fn.Pkg() == nil || fn.Pkg() == c.pass.Pkg {
		return nil, false
	}
	fact := new(serverResult)
	if !c.pass.ImportObjectFact(fn.Origin(), fact) {
		return nil, false
	}
	return fact, true
}

// importedHolder returns the servedHolder fact of a field of another
// package, or of the function of another package whose parameter param is.
func (c *checker) importedHolder(h holder) (*servedHolder, bool) {
	v, ok := h.obj.(*types.Var)
	if !ok || v.Pkg() == nil || v.Pkg() == c.pass.Pkg {
		return nil, false
	}
	fact := new(servedHolder)
	if v.IsField() {
		return fact, c.pass.ImportObjectFact(v, fact)
	}
	owner, ok := c.flows.paramOwner[v]
	if !ok || !c.pass.ImportObjectFact(owner.fn, fact) {
		return nil, false
	}
	for _, i := range fact.Params {
		if i == owner.index {
			return fact, true
		}
	}
	return nil, false
}

// exportFacts records, for the packages importing this one, the servers
// it returns without serving and the holders whose servers it serves.
func (c *checker) exportFacts() {
	c.exportResults()
	c.exportServedHolders()
}

// exportResults exports a serverResult for every function of the package
// that returns a server value built here (a literal, new, or an imported
// constructor's result) that nothing here serves or hands out of sight.
func (c *checker) exportResults() {
	results := make(map[*types.Func]*serverResult)
	for _, o := range c.origins {
		if o.kind != serverValue && o.kind != importedServer {
			continue
		}
		fx := c.flows.reach(o.start)
		if len(fx.serves) > 0 || fx.opaque {
			continue
		}
		for _, h := range c.flows.reachable(o.start) {
			fn, ok := h.obj.(*types.Func)
			if !ok || fn.Pkg() != c.pass.Pkg || !fn.Exported() {
				continue // only exported functions are called from elsewhere
			}
			built := where(c.pass.Fset, o.node.Pos())
			if o.kind == importedServer {
				built = o.built
			}
			fact := &serverResult{Built: built, Settings: c.settingsOf(fx)}
			if prev := results[fn]; prev != nil {
				fact.Settings = mergeSettings(prev.Settings, fact.Settings)
				fact.Built = prev.Built
			}
			results[fn] = fact
		}
	}
	for fn, fact := range results {
		c.pass.ExportObjectFact(fn, fact)
	}
}

// mergeSettings combines the settings of two servers one function may
// return: a field counts as set when either sets it (the safe side), and
// as known only when both agree.
func mergeSettings(a, b serverSettings) serverSettings {
	var out serverSettings
	if a.Addr == b.Addr {
		out.Addr = a.Addr
	}
	for _, field := range timeoutFields {
		fa, fb := *a.field(field), *b.field(field)
		if fa.Set || fb.Set {
			*out.field(field) = fieldSetting{Set: true, Known: fa.Known && fb.Known && fa.D == fb.D, D: fa.D}
		}
	}
	return out
}

// exportServedHolders exports a servedHolder for every struct field of
// the package, and every function with server parameters, whose server
// the package serves.
func (c *checker) exportServedHolders() {
	params := make(map[*types.Func]*servedHolder)
	for _, h := range c.flows.holders() {
		v, ok := h.obj.(*types.Var)
		if !ok || v.Pkg() != c.pass.Pkg || !isServer(v.Type()) {
			continue
		}
		if v.IsField() && !v.Exported() {
			continue // other packages cannot store a server there
		}
		fx := c.flows.reach(h)
		if len(fx.serves) == 0 || fx.opaque {
			continue
		}
		s := fx.serves[0]
		fact := &servedHolder{Served: where(c.pass.Fset, s.pos()), Listen: s.listen, Settings: c.settingsOf(fx)}
		if v.IsField() {
			c.pass.ExportObjectFact(v, fact)
			continue
		}
		owner, ok := c.flows.paramOwner[v]
		if !ok || owner.fn.Pkg() != c.pass.Pkg || !owner.fn.Exported() {
			continue
		}
		if prev := params[owner.fn]; prev != nil {
			prev.Params = append(prev.Params, owner.index)
			continue
		}
		fact.Params = []int{owner.index}
		params[owner.fn] = fact
	}
	for fn, fact := range params {
		sort.Ints(fact.Params)
		c.pass.ExportObjectFact(fn, fact)
	}
}

// importsServerFacts reports whether a direct import of the package
// exports a server fact: such a package can serve a server without
// importing net/http itself.
func importsServerFacts(pass *analysis.Pass) bool {
	imports := make(map[*types.Package]bool)
	for _, imp := range pass.Pkg.Imports() {
		imports[imp] = true
	}
	for _, f := range pass.AllObjectFacts() {
		switch f.Fact.(type) {
		case *serverResult, *servedHolder:
			if imports[f.Object.Pkg()] {
				return true
			}
		}
	}
	return false
}
