package servertimeouts

import (
	"fmt"
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/internal/records"
)

// Fiber serves with fasthttp, whose Server has no header timeout of its
// own: ReadTimeout bounds reading the whole request, headers included,
// and IdleTimeout falls back to ReadTimeout (fasthttp server.go: "If
// IdleTimeout is zero, the value of ReadTimeout is used"); both are zero,
// unlimited, unless fiber.Config sets them.
var fiberPaths = [...]string{"github.com/gofiber/fiber/v2", "github.com/gofiber/fiber/v3"}

const frameworkFiber = "fiber"

// fiberApp is a fiber.New call whose result the package keeps in a
// variable or field.
type fiberApp struct {
	call *ast.CallExpr
}

// fiberListen is an app.Listen(addr) call, with the holder of its app.
type fiberListen struct {
	cur  inspector.Cursor
	call *ast.CallExpr
	fn   *types.Func
	app  holder
}

func isFiberFunc(fn *types.Func, name string) bool {
	for _, path := range fiberPaths {
		if astutil.FuncIs(fn, path, name) {
			return true
		}
	}
	return false
}

func isFiberListen(fn *types.Func) bool {
	for _, path := range fiberPaths {
		for _, name := range [...]string{"Listen", "ListenTLS", "Listener"} {
			if astutil.MethodIs(fn, path, "App", name) {
				return true
			}
		}
	}
	return false
}

// fiberNew records where the result of a fiber.New call is stored: the
// assignment or declaration around it.
func (c *checker) fiberNew(cur inspector.Cursor, call *ast.CallExpr) {
	var dst holder
	switch p := cur.Parent().Node().(type) {
	case *ast.AssignStmt:
		for i, rhs := range p.Rhs {
			if rhs == call && i < len(p.Lhs) {
				dst = c.flows.holderOf(p.Lhs[i])
			}
		}
	case *ast.ValueSpec:
		for i, v := range p.Values {
			if v == call && i < len(p.Names) {
				dst = c.flows.holderOf(p.Names[i])
			}
		}
	case *ast.KeyValueExpr:
		if key, ok := p.Key.(*ast.Ident); ok {
			if field, ok := c.pass.TypesInfo.Uses[key].(*types.Var); ok && field.IsField() {
				dst = holder{obj: field}
			}
		}
	}
	if !dst.valid() {
		return
	}
	if c.fiberApps == nil {
		c.fiberApps = make(map[holder][]fiberApp)
	}
	c.fiberApps[dst] = append(c.fiberApps[dst], fiberApp{call: call})
}

// judgeFiber reports app.Listen when the one fiber.New call whose app it
// serves sets neither ReadTimeout nor, for idle connections, IdleTimeout.
// An app from elsewhere, or a Config that is not a literal, is not judged.
func (c *checker) judgeFiber(l fiberListen) (records.Server, bool) {
	apps := c.fiberApps[l.app]
	if len(apps) != 1 {
		return records.Server{}, false
	}
	newCall := apps[0].call
	readTimeout, idle := setting{}, setting{}
	if len(newCall.Args) > 0 {
		lit, ok := ast.Unparen(newCall.Args[0]).(*ast.CompositeLit)
		if !ok || len(newCall.Args) > 1 {
			return records.Server{}, false // a Config built elsewhere
		}
		readTimeout, idle = c.literalSetting(lit, "ReadTimeout"), c.literalSetting(lit, "IdleTimeout")
	}
	at := l.call.Pos()
	header := c.effective(readTimeout, setting{}, at)
	idleEff := c.effective(idle, readTimeout, at)
	o := origin{cur: l.cur, node: l.call}
	s := c.record(o, header.value, idleEff)
	s.Framework = frameworkFiber
	if l.fn.Name() != "Listener" && len(l.call.Args) > 0 {
		s.Addr = c.constString(l.call.Args[0])
	}
	if !header.missing && !idleEff.missing {
		return s, true
	}
	var msg string
	switch {
	case header.missing && idleEff.missing:
		msg = fmt.Sprintf("fiber app served without ReadTimeout or IdleTimeout: %s; set ReadTimeout (fasthttp has no separate header timeout) and IdleTimeout in fiber.Config", harmBoth)
	case header.missing:
		msg = fmt.Sprintf("fiber app served without ReadTimeout: %s; set ReadTimeout in fiber.Config (fasthttp has no separate header timeout)", harmReadHeader)
	default:
		msg = fmt.Sprintf("fiber app served without IdleTimeout (or ReadTimeout): %s; set IdleTimeout in fiber.Config", harmIdle)
	}
	c.pass.Report(analysis.Diagnostic{
		Pos: l.call.Pos(), End: l.call.End(), Message: msg,
		Related: []analysis.RelatedInformation{{Pos: newCall.Pos(), Message: "the app is created here"}},
	})
	return s, true
}

// literalSetting is the setting of field in a struct literal.
func (c *checker) literalSetting(lit *ast.CompositeLit, field string) setting {
	for _, elt := range lit.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if key, ok := kv.Key.(*ast.Ident); ok && key.Name == field {
			d, known := c.folder.Duration(kv.Value)
			return setting{set: true, known: known, d: d, at: kv}
		}
	}
	return setting{}
}
