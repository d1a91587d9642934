package heartbeat

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/internal/records"
)

// The MQTT 5 client of the Eclipse project (github.com/eclipse/paho.golang)
// sets its keep-alive as a number of seconds, a uint16: the CONNECT
// packet's paho.Connect.KeepAlive, or autopaho.ClientConfig.KeepAlive,
// which autopaho copies into the CONNECT it sends (autopaho/auto.go,
// v0.23.0).
const (
	pahoV5Pkg     = "github.com/eclipse/paho.golang/paho"
	autopahoPkg   = "github.com/eclipse/paho.golang/autopaho"
	pahoV5Packets = "github.com/eclipse/paho.golang/packets"
)

// keepAliveStructs are the struct types whose KeepAlive field is the
// client's MQTT keep-alive, in seconds.
var keepAliveStructs = [...]struct{ pkg, name string }{
	{pahoV5Pkg, "Connect"},
	{autopahoPkg, "ClientConfig"},
	{pahoV5Packets, "Connect"},
}

// isKeepAliveStruct reports whether t is (a pointer to) one of
// keepAliveStructs.
func isKeepAliveStruct(t types.Type) bool {
	for _, s := range keepAliveStructs {
		if astutil.IsNamed(t, s.pkg, s.name) {
			return true
		}
	}
	return false
}

// pahoV5Lit records the keep-alive written in a paho.Connect or
// autopaho.ClientConfig literal.
func (c *checker) pahoV5Lit(cur inspector.Cursor, lit *ast.CompositeLit) {
	if !isKeepAliveStruct(c.info.TypeOf(lit)) {
		return
	}
	for _, elt := range lit.Elts {
		if kv, ok := elt.(*ast.KeyValueExpr); ok {
			if key, ok := kv.Key.(*ast.Ident); ok && key.Name == "KeepAlive" {
				c.recordPahoV5(cur, kv.Value)
			}
		}
	}
}

// pahoV5Assign records cfg.KeepAlive = n on those structs.
func (c *checker) pahoV5Assign(cur inspector.Cursor, as *ast.AssignStmt) {
	if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		for _, s := range keepAliveStructs {
			if astutil.IsField(c.info, sel, s.pkg, s.name, "KeepAlive") {
				c.recordPahoV5(cur, as.Rhs[i])
			}
		}
	}
}

// recordPahoV5 records the heartbeat of a paho.golang keep-alive. A
// keep-alive of 0 runs no pinger (DefaultPinger.Run returns at once). The
// default pinger gives up when a PINGRESP has not arrived by the next
// keep-alive tick, so the time a dead broker goes unnoticed after a
// PINGREQ is one keep-alive (paho/pinger.go, v0.23.0); the broker may
// impose its own keep-alive in CONNACK (MQTT 5 section 3.2.2.3.14), which
// the code cannot show.
func (c *checker) recordPahoV5(cur inspector.Cursor, value ast.Expr) {
	secs := c.seconds(value)
	hb := records.Heartbeat{
		Kind:     records.MQTTKeepAlive,
		Package:  c.pass.Pkg.Path(),
		Func:     c.funcName(cur),
		Pos:      c.position(value.Pos()),
		Interval: secs,
	}
	if secs.Known && secs.Duration > 0 {
		hb.Timeout = records.Value{Duration: secs.Duration, Known: true, Pos: secs.Pos}
	}
	c.records = append(c.records, hb)
	c.checkMQTTValues(hb, value, nil)
}
