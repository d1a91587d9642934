package decompresslimit

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
	"github.com/connlint/connlint/analyzers/internal/lint"
)

// doc is Analyzer.Doc, taken from the package documentation in doc.go.
var doc = astutil.AnalyzerDoc(docSource, "decompresslimit")

// Analyzer reports decompressed streams read whole without a size limit.
var Analyzer = lint.New(&analysis.Analyzer{
	Name:     "decompresslimit",
	Doc:      doc,
	Requires: []*analysis.Analyzer{lazyinspect.Analyzer},
	Run:      run,
})

// includeTests is the -tests flag: test code is left out by default
// (lint.IsTestCode says why).
var includeTests bool

func init() { lint.TestsFlag(Analyzer, &includeTests) }

// checkClient is -decompresslimit.client: also report io.ReadAll of HTTP
// client responses that the Transport un-gzips transparently.
var checkClient = false

func init() {
	Analyzer.Flags.BoolVar(&checkClient, "client", false,
		"also report io.ReadAll of an HTTP client response body with no limit: the Transport transparently un-gzips it")
}

func run(pass *analysis.Pass) (any, error) {
	decompresses := lint.Imports(pass.Pkg, sourcePackages...)
	client := checkClient && lint.Imports(pass.Pkg, "net/http")
	if !decompresses && !client || lint.InStandardLibrary(pass) {
		return nil, nil
	}
	c := newChecker(pass)
	for cur := range c.root.Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if lint.SkipAt(pass, call.Pos(), includeTests) {
			continue
		}
		if decompresses {
			c.checkReads(cur, call)
		}
		if client {
			c.checkClientRead(cur, call)
		}
	}
	return nil, nil
}

// checker holds one pass's indexes and memoized helper summaries.
type checker struct {
	pass       *analysis.Pass
	root       inspector.Cursor
	assigns    map[*types.Var][]assignment
	params     map[*types.Var]bool
	embedded   map[*types.Var]bool // package-level //go:embed variables
	funcs      map[*types.Func]inspector.Cursor
	summaries  map[*types.Func]*summary
	sizeChecks map[sizeCheckKey]bool
	reported   map[reportKey]bool
	client     *clientIndex // built on first use
}

// reportKey: one finding per decompressed stream and function reading it.
type reportKey struct {
	origin token.Pos
	fn     ast.Node // the function or literal that reads it
}

func newChecker(pass *analysis.Pass) *checker {
	c := &checker{
		pass:       pass,
		root:       lazyinspect.Of(pass).Root(),
		assigns:    make(map[*types.Var][]assignment),
		params:     make(map[*types.Var]bool),
		embedded:   make(map[*types.Var]bool),
		funcs:      make(map[*types.Func]inspector.Cursor),
		summaries:  make(map[*types.Func]*summary),
		sizeChecks: make(map[sizeCheckKey]bool),
		reported:   make(map[reportKey]bool),
	}
	c.indexAssignments()
	c.indexFuncs()
	c.indexSizeChecks()
	c.indexEmbedded(pass.Files)
	return c
}

// A readSite is a reader that a call reads to the end.
type readSite struct {
	reader ast.Expr
	name   string     // the call, as written
	inner  *innerRead // the read inside a helper, when call is one
}

// readSites returns the readers that call reads whole: the operand of a
// known whole-stream reader, or the arguments a helper of this package
// reads whole.
func (c *checker) readSites(cur inspector.Cursor, call *ast.CallExpr) []readSite {
	fn := astutil.Callee(c.pass.TypesInfo, call)
	if fn == nil {
		return nil
	}
	name := types.ExprString(call.Fun)
	if r, known := roleOf(fn); known {
		if !c.readsWhole(cur, call, r) {
			return nil
		}
		if reader := operand(call, r.arg); reader != nil {
			return []readSite{{reader: reader, name: name}}
		}
		return nil
	}
	if fn.Pkg() != c.pass.Pkg {
		return nil
	}
	s := c.summary(fn)
	if s == nil {
		return nil
	}
	var sites []readSite
	for i, arg := range call.Args {
		if inner, ok := s.reads[i]; ok {
			sites = append(sites, readSite{reader: arg, name: name, inner: &inner})
		}
	}
	return sites
}

// readsWhole reports whether a call of a function with role r reads its
// reader to the end.
func (c *checker) readsWhole(cur inspector.Cursor, call *ast.CallExpr, r callRole) bool {
	switch r.kind {
	case roleSink:
		// io.Copy(io.Discard, zr) and io.Copy(sha, zr) keep nothing: they
		// cost CPU time, not memory or disk.
		return !(r.arg == 1 && len(call.Args) > 0 && c.keepsNothing(call.Args[0]))
	case roleLoopSink:
		_, inLoop := astutil.EnclosingLoop(cur)
		return inLoop
	case roleCopyN:
		// io.CopyN(f, tr, hdr.Size): the bound is whatever the archive
		// declares, so it bounds nothing.
		return len(call.Args) == 3 && (c.isSizeField(call.Args[2], tarSize) || c.isSizeField(call.Args[2], zipSize))
	}
	return false
}

// keepsNothing reports whether the writer e discards or only digests what
// it is given: io.Discard, ioutil.Discard, a hash.Hash.
func (c *checker) keepsNothing(e ast.Expr) bool {
	if named, ok := types.Unalias(c.pass.TypesInfo.TypeOf(e)).(*types.Named); ok &&
		named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "hash" {
		return true // hash.Hash, hash.Hash32, hash.Hash64
	}
	var id *ast.Ident
	switch x := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		id = x.Sel
	case *ast.Ident:
		id = x
	default:
		return false
	}
	v, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	return ok && v.Name() == "Discard" && v.Pkg() != nil &&
		(astutil.PathIs(v.Pkg().Path(), "io") || astutil.PathIs(v.Pkg().Path(), "io/ioutil"))
}

// checkReads reports call when it reads a decompressed stream whole.
func (c *checker) checkReads(cur inspector.Cursor, call *ast.CallExpr) {
	for _, site := range c.readSites(cur, call) {
		for _, o := range c.eval(site.reader, call.Pos(), 0) {
			if o.param != nil || c.boundedByHeader(o, call.Pos()) {
				continue // a parameter: reported where the helper is called
			}
			c.report(cur, call, site, o)
		}
	}
}

func (c *checker) report(cur inspector.Cursor, call *ast.CallExpr, site readSite, o origin) {
	key := reportKey{origin: o.pos}
	if fn, ok := astutil.EnclosingFunc(cur); ok {
		key.fn = fn.Node()
	}
	if c.reported[key] {
		return
	}
	c.reported[key] = true
	source := o.what
	if o.via != "" {
		source += " (returned by " + o.via + ")"
	}
	how := site.name
	if site.inner != nil {
		how = fmt.Sprintf("%s (through %s inside it)", site.name, site.inner.name)
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(), End: call.End(),
		Message: fmt.Sprintf("%s reads the output of %s with no size limit: a few KB of compressed input can expand to gigabytes (zip bomb); "+
			"wrap the decompressed reader in io.LimitReader or http.MaxBytesReader", how, source),
		Related: []analysis.RelatedInformation{{Pos: o.pos, Message: "the decompressed stream comes from here"}},
	}
	if site.inner != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: site.inner.pos, Message: "read to the end here"})
	}
	c.pass.Report(d)
}
