package bodydrain

import (
	"go/ast"
	"go/types"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// throwawayClient reports whether the request of src is sent by a client
// made in the same function, with a transport of its own, that sends no
// other request: the connection can never be reused, so draining the body
// would only park it in the idle pool of a transport nobody uses again
// (where, without an IdleConnTimeout, it stays open). Closing the body
// unread closes the connection, which is the better end here. The mistake
// in such code is the transport made per call: the transportreuse rule.
//
//	client := &http.Client{Transport: &http.Transport{TLSClientConfig: insecure}}
//	resp, err := client.Get("https://" + ip) // a one-off reachability probe
func (c *checker) throwawayClient(src source) bool {
	sel, ok := ast.Unparen(src.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return false
	}
	client, ok := c.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || !astutil.IsNamed(client.Type(), "net/http", "Client") && !astutil.IsPointerTo(client.Type(), "net/http", "Client") {
		return false
	}
	if client.Pos() < src.body.Pos() || client.Pos() >= src.body.End() {
		return false // a parameter, a field or a package variable: shared
	}
	init, uses := c.clientInitAndUses(src.body, client)
	return uses == 1 && init != nil && c.ownTransport(init)
}

// clientInitAndUses returns the composite literal that declares client in
// body (client := &http.Client{…}, var client = http.Client{…}), and how
// many times body uses it.
func (c *checker) clientInitAndUses(body *ast.BlockStmt, client *types.Var) (*ast.CompositeLit, int) {
	var init *ast.CompositeLit
	uses := 0
	ast.Inspect(body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			if c.pass.TypesInfo.Uses[n] == client {
				uses++
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == len(n.Rhs) {
				for i, lhs := range n.Lhs {
					if id, ok := lhs.(*ast.Ident); ok && c.pass.TypesInfo.Defs[id] == client {
						init, _ = astutil.Unparen(n.Rhs[i]).(*ast.CompositeLit)
					}
				}
			}
		case *ast.ValueSpec:
			if len(n.Names) == len(n.Values) {
				for i, name := range n.Names {
					if c.pass.TypesInfo.Defs[name] == client {
						init, _ = astutil.Unparen(n.Values[i]).(*ast.CompositeLit)
					}
				}
			}
		}
		return true
	})
	return init, uses
}

// ownTransport reports whether the client literal sets its Transport to
// a transport literal of its own (&http.Transport{…}); a shared transport,
// or none (http.DefaultTransport), pools connections for later requests.
func (c *checker) ownTransport(client *ast.CompositeLit) bool {
	for _, elt := range client.Elts {
		kv, ok := elt.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		key, ok := kv.Key.(*ast.Ident)
		if field, _ := c.pass.TypesInfo.Uses[key].(*types.Var); !ok || field == nil || !field.IsField() || field.Name() != "Transport" {
			continue
		}
		lit, ok := astutil.Unparen(kv.Value).(*ast.CompositeLit)
		if !ok {
			return false
		}
		t := c.pass.TypesInfo.TypeOf(lit)
		return astutil.IsNamed(t, "net/http", "Transport")
	}
	return false
}
