package pollinterval

import (
	_ "embed"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/analyzers/internal/durfold"
	"github.com/connlint/connlint/analyzers/internal/httpmodel"
	"github.com/connlint/connlint/analyzers/internal/lazyinspect"
	"github.com/connlint/connlint/analyzers/internal/lint"
	"github.com/connlint/connlint/internal/config"
	"github.com/connlint/connlint/internal/units"
)

//go:embed doc.go
var docSource string

var doc = astutil.AnalyzerDoc(docSource, "pollinterval")

// Analyzer reports HTTP GET polling loops that run more often than the
// configured minimum interval.
var Analyzer = lint.New(&analysis.Analyzer{
	Name:      "pollinterval",
	Doc:       doc,
	Requires:  []*analysis.Analyzer{lazyinspect.Analyzer, durfold.Analyzer},
	Run:       run,
	FactTypes: []analysis.Fact{new(getter), new(runner)},
})

// includeTests is the -tests flag: test code is left out by default
// (lint.IsTestCode says why).
var includeTests bool

func init() { lint.TestsFlag(Analyzer, &includeTests) }

// minInterval is the -pollinterval.min flag: polls at this interval or
// longer are accepted. connlint check sets it from [code].poll_min_interval.
var minInterval = config.DefaultPollMinInterval

func init() {
	Analyzer.Flags.Var(durationFlag{&minInterval}, "min",
		"report HTTP GET polling more frequent than this interval (Go or nginx duration syntax; connlint.toml [code].poll_min_interval)")
}

// durationFlag is a flag.Value parsed with internal/units, so that the
// flag accepts exactly what connlint.toml accepts ("1h", "30m", "3600").
type durationFlag struct{ d *time.Duration }

func (f durationFlag) String() string {
	if f.d == nil {
		return ""
	}
	return f.d.String()
}

func (f durationFlag) Set(s string) error {
	d, err := units.ParseDuration(s)
	if err != nil {
		return err
	}
	if d <= 0 {
		return errors.New("the minimum poll interval must be positive")
	}
	*f.d = d
	return nil
}

// checker holds one pass's state: the package index built by the single
// walk (collect) and the helpers found to send a GET on every call.
type checker struct {
	pass  *analysis.Pass
	info  *types.Info
	fold  *durfold.Folder
	index *index

	getters map[*types.Func]*getter       // this package's functions that send a GET on every call
	origins map[*types.Func]token.Pos     // where each of them sends it
	runners map[*types.Func]*runner       // this package's functions that call a function argument periodically
	decls   map[*types.Func]*ast.FuncDecl // this package's function declarations, built on first need
}

func run(pass *analysis.Pass) (any, error) {
	if lint.InStandardLibrary(pass) {
		return nil, nil
	}
	// A package that imports neither net/http nor a package with a
	// getter cannot poll; it is walked only when it may define a runner.
	sends := lint.Imports(pass.Pkg, httpmodel.NetHTTP) || importsGetter(pass)
	if !sends && !mayDefineRunner(pass) {
		return nil, nil
	}
	c := &checker{
		pass:    pass,
		info:    pass.TypesInfo,
		fold:    pass.ResultOf[durfold.Analyzer].(*durfold.Folder),
		getters: make(map[*types.Func]*getter),
		origins: make(map[*types.Func]token.Pos),
		runners: make(map[*types.Func]*runner),
	}
	root := lazyinspect.Of(pass).Root()
	c.index = c.collect(root)
	c.findRunners(root)
	if !sends {
		return nil, nil
	}
	gets := c.resolveSends()
	c.findGetters(gets)
	for _, s := range gets {
		if s.methodParam < 0 {
			c.check(s.cur, s.what(c.info), token.NoPos)
		}
	}
	for _, call := range c.index.calls {
		if g, origin := c.getterCalled(call); g != nil {
			c.check(call, c.describeCall(g, call), origin)
		}
	}
	return nil, nil
}

// check reports the request sent at cur when it runs in a periodic
// context whose effective period is shorter than the threshold.
func (c *checker) check(cur inspector.Cursor, what target, origin token.Pos) {
	if what.health {
		return // a liveness probe, not a poll for updates (see doc.go)
	}
	p, ok := c.scheduleOf(cur)
	if !ok || p.every <= 0 || p.every >= minInterval {
		return
	}
	d := analysis.Diagnostic{
		Pos: cur.Node().Pos(),
		End: cur.Node().End(),
		Message: fmt.Sprintf("%s every %s (%s): each poll wakes the radio and may pay TCP and TLS handshakes; "+
			"above one poll per %s push updates instead, with MQTT, CoAP Observe, SSE or WebSockets",
			what.text, formatDuration(p.every), requestsADay(p.every), formatDuration(minInterval)),
	}
	if origin.IsValid() {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: origin, Message: "the GET request is sent here"})
	}
	if p.source != nil {
		d.Related = append(d.Related, analysis.RelatedInformation{Pos: p.source.Pos(), End: p.source.End(), Message: "the polling period is set here"})
	}
	c.pass.Report(d)
}

// requestsADay says how many requests a period of every makes in a day.
func requestsADay(every time.Duration) string {
	switch n := int64(24 * time.Hour / every); n {
	case 0:
		return "less than one request a day"
	case 1:
		return "1 request a day"
	default:
		return fmt.Sprintf("%d requests a day", n)
	}
}

// formatDuration prints d without the zero units time.Duration.String
// appends: "1h", "10m", "1m30s", "500ms".
func formatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = s[:len(s)-2]
	}
	if strings.HasSuffix(s, "h0m") {
		s = s[:len(s)-2]
	}
	return s
}

// enclosingFuncDecl returns the declaration of the function that contains
// cur directly (not through a function literal), if any.
func enclosingFuncDecl(cur inspector.Cursor) (*ast.FuncDecl, bool) {
	fn, ok := astutil.EnclosingFunc(cur)
	if !ok {
		return nil, false
	}
	decl, ok := fn.Node().(*ast.FuncDecl)
	return decl, ok
}
