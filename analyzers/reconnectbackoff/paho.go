package reconnectbackoff

import (
	"fmt"
	"go/ast"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// checkPaho reports SetConnectRetryInterval(constant) on paho client
// options that also enable SetConnectRetry(true).
//
// paho's connect retry does not back off: (*client).Connect sleeps
// c.options.ConnectRetryInterval after each failed attempt and jumps back
// to RETRYCONN (eclipse/paho.mqtt.golang client.go, v1.5.1 line 272;
// default 30 s in options.go NewClientOptions). The automatic reconnect
// after a lost connection does back off: (*client).reconnect doubles the
// sleep from 1 s up to MaxReconnectInterval (backoff.go,
// getBackoffSleepTime), so SetAutoReconnect is not reported.
func (c *checker) checkPaho() {
	info := c.pass.TypesInfo
	for _, cur := range c.pahoCalls {
		call := cur.Node().(*ast.CallExpr)
		fn := astutil.Callee(info, call)
		sel, isSel := call.Fun.(*ast.SelectorExpr)
		if !isSel || !astutil.MethodIs(fn, pahoPkg, "ClientOptions", "SetConnectRetryInterval") || len(call.Args) != 1 {
			continue
		}
		d, ok := c.folder.Duration(call.Args[0])
		if !ok || d <= 0 {
			continue
		}
		if enable := c.connectRetryCall(cur, call); enable != nil {
			// In a chain the call starts where the chain does: point
			// at the method name instead.
			c.pass.Report(analysis.Diagnostic{
				Pos:     sel.Sel.Pos(),
				End:     call.End(),
				Message: fmt.Sprintf(msgPaho, d),
				Related: []analysis.RelatedInformation{{Pos: enable.Pos(), End: enable.End(), Message: "connect retry enabled here"}},
			})
		}
	}
}

// connectRetryCall returns the SetConnectRetry(true) call made on the
// same options as call, in its method chain or on the same variable in
// the same function, or nil.
func (c *checker) connectRetryCall(cur inspector.Cursor, call *ast.CallExpr) *ast.CallExpr {
	root := c.optionsRoot(call)
	encl, ok := astutil.EnclosingFunc(cur)
	if !ok || root == nil {
		return nil
	}
	for other := range encl.Preorder((*ast.CallExpr)(nil)) {
		set := other.Node().(*ast.CallExpr)
		if !astutil.IsMethod(c.pass.TypesInfo, set, pahoPkg, "ClientOptions", "SetConnectRetry") || len(set.Args) != 1 {
			continue
		}
		if on, ok := astutil.BoolConst(c.pass.TypesInfo, set.Args[0]); ok && on && c.optionsRoot(set) == root {
			return set
		}
	}
	return nil
}

// optionsRoot returns what a chain of ClientOptions setters starts from:
// the variable or field holding the options (followed through one
// definition, o := mqtt.NewClientOptions().SetX(…)), or the call that
// created them.
func (c *checker) optionsRoot(call *ast.CallExpr) any {
	var e ast.Expr = call
	for {
		inner, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := inner.Fun.(*ast.SelectorExpr)
		if !ok || !astutil.IsPointerTo(c.pass.TypesInfo.TypeOf(sel.X), pahoPkg, "ClientOptions") {
			return inner // mqtt.NewClientOptions()
		}
		e = sel.X
	}
	v := c.varOf(e)
	if v == nil {
		return nil
	}
	if ws := c.writes[v]; len(ws) == 1 && ws[0].rhs != nil {
		if def, ok := ast.Unparen(ws[0].rhs).(*ast.CallExpr); ok {
			return c.optionsRoot(def)
		}
	}
	return v
}
