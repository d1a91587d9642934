package heartbeat

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"

	"github.com/connlint/connlint/analyzers/internal/astutil"
	"github.com/connlint/connlint/internal/records"
)

// paho's defaults, from NewClientOptions in options.go
// (github.com/eclipse/paho.mqtt.golang v1.5.1): KeepAlive: 30 (seconds),
// PingTimeout: 10 * time.Second.
const (
	pahoDefaultKeepAlive   = 30 * time.Second
	pahoDefaultPingTimeout = 10 * time.Second
)

// durationSetters are the *ClientOptions setters of the MQTT heartbeat,
// whose argument is a time.Duration that makes no sense below one second,
// with what goes wrong when it is. SetKeepAlive is special: paho stores
// whole seconds (options.go: o.KeepAlive = int64(k / time.Second)), and a
// keep-alive of 0 starts no keep-alive goroutine at all (client.go: if
// c.options.KeepAlive != 0). Connect, write and reconnect timeouts are not
// heartbeats: a 200 ms connect timeout in a LAN scan is a choice about how
// long to wait for a handshake, and says nothing about dead-peer detection.
var durationSetters = map[string]string{
	"SetKeepAlive":   "paho truncates it to whole seconds, so keep-alive is off and a dead connection is never noticed",
	"SetPingTimeout": "no PINGRESP arrives that fast, so the client drops healthy connections",
}

// minKeepAlive is the -heartbeat.mqtt-min-keepalive flag: an MQTT
// keep-alive below it is reported. The default, 30 s, is the smallest
// keep-alive AWS IoT Core accepts (its message broker quotas: keep-alive
// 30–1200 s) and the low end of the 30–60 s that keeps a connection through
// NAT and load balancers; the MQTT 3.1.1 specification (section 3.1.2.10)
// calls a few minutes typical.
var minKeepAlive = 30 * time.Second

func init() {
	Analyzer.Flags.DurationVar(&minKeepAlive, "mqtt-min-keepalive", minKeepAlive,
		"report an MQTT keep-alive shorter than this: every interval costs a PINGREQ and wakes a battery device's radio")
}

// msgKeepAliveOff cites paho's ClientOptions documentation (options.go):
// "Mosquitto 2.0.12+ will reject connections with KeepAlive=0 by default".
const (
	msgUnitless = "%s(%s) is %v, not %s seconds: an untyped number passed as a time.Duration counts nanoseconds; " +
		"%s; write %s * time.Second"
	msgSubSecond    = "%s(%v) is below one second: %s; use whole seconds"
	msgKeepAliveOff = "SetKeepAlive(0) switches MQTT keep-alive off: no PINGREQ is sent, so a half-open connection " +
		"(broker restart, expired NAT mapping) is never noticed, and brokers such as Mosquitto 2 reject it; " +
		"set it below half the shortest idle timeout on the path, e.g. 30 * time.Second"
	msgKeepAliveShort = "MQTT keep-alive of %v sends a PINGREQ every %v on an idle connection: each one wakes a battery " +
		"device's radio, and brokers such as AWS IoT Core accept no less than 30 s; keep it at or above %v and below " +
		"half the shortest idle timeout on the path (60 s NAT or load balancer: 30 s)"
	msgPingTimeoutLong = "MQTT ping timeout of %v is longer than the keep-alive of %v: a broker that vanished is noticed only " +
		"%v after the PINGREQ, long after the broker itself gives up on a silent client (1.5 × keep-alive, MQTT 3.1.1 " +
		"section 3.1.2.10), so dead-peer detection is effectively off; keep it a fraction of the keep-alive (paho's default: 10 s for 30 s)"
)

// mqttState is what the walk collects about paho options: the calls
// that create them and the calls that set their heartbeat, grouped by the
// *ClientOptions they configure once the walk has seen every assignment.
type mqttState struct {
	calls []optionsCall
}

// optionsCall is a NewClientOptions, SetKeepAlive or SetPingTimeout call,
// or an assignment to the KeepAlive or PingTimeout field (call is nil,
// options and value are set).
type optionsCall struct {
	cur     inspector.Cursor
	call    *ast.CallExpr
	name    string // the function or method name, or the field name
	options ast.Expr
	value   ast.Expr
}

// mqttGroup is one *ClientOptions: where it is created and the calls that
// set its keep-alive and ping timeout (the last one of each wins, as at
// run time for straight-line code).
type mqttGroup struct {
	cur         inspector.Cursor // the first call, for the record's Func
	created     *ast.CallExpr    // NewClientOptions(), when visible
	keepAlive   *ast.CallExpr
	pingTimeout *ast.CallExpr

	// The same values assigned to the ClientOptions fields:
	// KeepAlive counts whole seconds, PingTimeout is a time.Duration.
	keepAliveField   ast.Expr
	pingTimeoutField ast.Expr
}

// mqttCall checks the duration setters of paho's *ClientOptions and
// collects the calls that make up a client's heartbeat.
func (c *checker) mqttCall(cur inspector.Cursor, fn *types.Func, call *ast.CallExpr) {
	switch {
	case astutil.FuncIs(fn, pahoPkg, "NewClientOptions"):
		c.mqtt.calls = append(c.mqtt.calls, optionsCall{cur: cur, call: call, name: fn.Name()})
	case astutil.MethodIs(fn, pahoPkg, "ClientOptions", fn.Name()):
		if _, ok := durationSetters[fn.Name()]; !ok || len(call.Args) != 1 {
			return
		}
		c.checkSetter(cur, fn.Name(), call)
		if fn.Name() == "SetKeepAlive" || fn.Name() == "SetPingTimeout" {
			c.mqtt.calls = append(c.mqtt.calls, optionsCall{cur: cur, call: call, name: fn.Name()})
		}
	}
}

// mqttFieldAssign collects opts.KeepAlive = n and opts.PingTimeout = d on
// paho's ClientOptions.
func (c *checker) mqttFieldAssign(cur inspector.Cursor, as *ast.AssignStmt) {
	if as.Tok != token.ASSIGN || len(as.Lhs) != len(as.Rhs) {
		return
	}
	for i, lhs := range as.Lhs {
		sel, ok := ast.Unparen(lhs).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		for _, name := range []string{"KeepAlive", "PingTimeout"} {
			if astutil.IsField(c.info, sel, pahoPkg, "ClientOptions", name) {
				c.mqtt.calls = append(c.mqtt.calls, optionsCall{cur: cur, name: name, options: sel.X, value: as.Rhs[i]})
			}
		}
	}
}

// mqttGroups groups the collected calls by options value, in source order.
func (c *checker) mqttGroups() []*mqttGroup {
	groups := make(map[any]*mqttGroup)
	var order []*mqttGroup
	for _, mc := range c.mqtt.calls {
		var target ast.Expr
		switch {
		case mc.call == nil:
			target = mc.options
		case mc.name == "NewClientOptions":
			target = mc.call
		default:
			target = selectorX(mc.call)
		}
		key := c.optionsKey(target)
		g, ok := groups[key]
		if !ok {
			g = &mqttGroup{cur: mc.cur}
			groups[key] = g
			order = append(order, g)
		}
		switch mc.name {
		case "NewClientOptions":
			g.created = mc.call
		case "SetKeepAlive":
			g.keepAlive = mc.call
		case "SetPingTimeout":
			g.pingTimeout = mc.call
		case "KeepAlive":
			g.keepAlive, g.keepAliveField = nil, mc.value
		case "PingTimeout":
			g.pingTimeout, g.pingTimeoutField = nil, mc.value
		}
		if mc.name == "SetKeepAlive" {
			g.keepAliveField = nil
		}
		if mc.name == "SetPingTimeout" {
			g.pingTimeoutField = nil
		}
	}
	return order
}

// optionsKey identifies the *ClientOptions value e evaluates to: the
// NewClientOptions call that creates it, else the variable or field that
// holds it, else the expression itself.
func (c *checker) optionsKey(e ast.Expr) any {
	for range 8 { // bounds chains of variables assigned from each other
		e = ast.Unparen(e)
		if call, ok := e.(*ast.CallExpr); ok {
			if c.isOptionsBuilder(call) {
				e = selectorX(call) // a builder method returns its receiver
				continue
			}
			return call
		}
		obj := c.objectOf(e)
		if obj == nil {
			return e
		}
		if defs := c.assigns[obj]; len(defs) == 1 {
			e = defs[0]
			continue
		}
		return obj
	}
	return e
}

// isOptionsBuilder reports whether call is a *ClientOptions method that
// returns *ClientOptions (AddBroker, SetClientID, …): paho's builders
// return their receiver.
func (c *checker) isOptionsBuilder(call *ast.CallExpr) bool {
	fn := astutil.Callee(c.info, call)
	return fn != nil && astutil.MethodIs(fn, pahoPkg, "ClientOptions", fn.Name()) &&
		astutil.IsPointerTo(c.info.TypeOf(call), pahoPkg, "ClientOptions")
}

// checkSetter reports a duration setter whose argument is below one
// second, and SetKeepAlive(0).
func (c *checker) checkSetter(cur inspector.Cursor, name string, call *ast.CallExpr) {
	arg := call.Args[0]
	d, ok := c.fold.Duration(arg)
	if !ok || d >= time.Second || d < 0 || (d == 0 && name != "SetKeepAlive") {
		return
	}
	diag := analysis.Diagnostic{Pos: callPos(call), End: call.End()}
	switch {
	case d == 0:
		diag.Message = msgKeepAliveOff
	case c.unitless(arg):
		src := types.ExprString(arg)
		n := strconv.FormatInt(int64(d), 10)
		diag.Message = fmt.Sprintf(msgUnitless, name, src, d, n, durationSetters[name], src)
		diag.SuggestedFixes = c.secondsFix(cur, arg)
	default:
		diag.Message = fmt.Sprintf(msgSubSecond, name, d, durationSetters[name])
	}
	c.pass.Report(diag)
}

// unitless reports whether e is a number written without a time unit:
// a literal, an untyped constant (const keepAliveSecs = 30), arithmetic
// on those, or a conversion of one to time.Duration. Such a value becomes
// a time.Duration by implicit conversion, and so counts nanoseconds.
func (c *checker) unitless(e ast.Expr) bool {
	switch e := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		return true
	case *ast.Ident, *ast.SelectorExpr:
		obj, ok := c.info.Uses[identOf(e)].(*types.Const)
		if !ok {
			return false
		}
		b, ok := obj.Type().(*types.Basic)
		return ok && b.Info()&types.IsUntyped != 0
	case *ast.BinaryExpr:
		return c.unitless(e.X) && c.unitless(e.Y)
	case *ast.CallExpr:
		tv, ok := c.info.Types[e.Fun]
		return ok && tv.IsType() && len(e.Args) == 1 && c.unitless(e.Args[0])
	}
	return false
}

func identOf(e ast.Expr) *ast.Ident {
	if sel, ok := e.(*ast.SelectorExpr); ok {
		return sel.Sel
	}
	return e.(*ast.Ident)
}

// secondsFix rewrites a unitless argument n as n * time.Second, when the
// file imports package time under a name that is not shadowed at the call.
func (c *checker) secondsFix(cur inspector.Cursor, arg ast.Expr) []analysis.SuggestedFix {
	name := c.timeName(cur, arg.Pos())
	if name == "" {
		return nil
	}
	text := types.ExprString(arg)
	if _, ok := ast.Unparen(arg).(*ast.BinaryExpr); ok {
		text = "(" + text + ")"
	}
	return []analysis.SuggestedFix{{
		Message:   "multiply by " + name + ".Second",
		TextEdits: []analysis.TextEdit{{Pos: arg.Pos(), End: arg.End(), NewText: []byte(text + " * " + name + ".Second")}},
	}}
}

// timeName returns the name under which the file around cur imports
// package time, or "" when it does not or the name is shadowed at pos.
func (c *checker) timeName(cur inspector.Cursor, pos token.Pos) string {
	for file := range cur.Enclosing((*ast.File)(nil)) {
		for _, spec := range file.Node().(*ast.File).Imports {
			if path, err := strconv.Unquote(spec.Path.Value); err != nil || path != timePkg {
				continue
			}
			name := "time"
			if spec.Name != nil {
				name = spec.Name.Name
			}
			scope := c.pass.Pkg.Scope().Innermost(pos)
			if scope == nil {
				return ""
			}
			_, obj := scope.LookupParent(name, pos)
			if pn, ok := obj.(*types.PkgName); ok && pn.Imported().Path() == timePkg {
				return name
			}
		}
	}
	return ""
}

// finishMQTT records one heartbeat per *ClientOptions: the keep-alive
// interval as paho uses it (whole seconds; 0 means off) and the ping
// timeout, each paho's default when not set. It reports a keep-alive
// below -mqtt-min-keepalive and a ping timeout longer than the keep-alive.
func (c *checker) finishMQTT() {
	for _, g := range c.mqttGroups() {
		if g.created == nil && g.keepAlive == nil && g.keepAliveField == nil {
			continue // only a ping timeout on options made elsewhere
		}
		hb := records.Heartbeat{
			Kind:     records.MQTTKeepAlive,
			Package:  c.pass.Pkg.Path(),
			Func:     c.funcName(g.cur),
			Interval: records.Value{Duration: pahoDefaultKeepAlive, Known: true},
			Timeout:  records.Value{Duration: pahoDefaultPingTimeout, Known: true},
		}
		var keepAliveAt, pingTimeoutAt ast.Node
		switch {
		case g.keepAlive != nil:
			hb.Pos = c.position(callPos(g.keepAlive))
			hb.Interval = c.value(g.keepAlive.Args[0])
			hb.Interval.Duration = hb.Interval.Duration.Truncate(time.Second)
			hb.Interval.Literal = c.literal(g.keepAlive.Args[0], false)
			keepAliveAt = g.keepAlive
		case g.keepAliveField != nil:
			hb.Pos = c.position(g.keepAliveField.Pos())
			hb.Interval = c.seconds(g.keepAliveField)
			keepAliveAt = g.keepAliveField
		default:
			hb.Pos = c.position(callPos(g.created))
		}
		switch {
		case g.pingTimeout != nil:
			hb.Timeout = c.value(g.pingTimeout.Args[0])
			pingTimeoutAt = g.pingTimeout
		case g.pingTimeoutField != nil:
			hb.Timeout = c.value(g.pingTimeoutField)
			pingTimeoutAt = g.pingTimeoutField
		}
		c.records = append(c.records, hb)
		c.checkMQTTValues(hb, keepAliveAt, pingTimeoutAt)
	}
}

// seconds folds the value of the KeepAlive field, a count of seconds.
func (c *checker) seconds(e ast.Expr) records.Value {
	n, ok := c.fold.Int(e)
	return records.Value{Duration: time.Duration(n) * time.Second, Known: ok, Pos: c.position(c.valuePos(e)), Literal: c.literal(e, true)}
}

// checkMQTTValues reports a keep-alive of at least one second (below, the
// setter check has said it) but below the floor, and a ping timeout
// longer than the keep-alive, both only when the values are known.
func (c *checker) checkMQTTValues(hb records.Heartbeat, keepAliveAt, pingTimeoutAt ast.Node) {
	ka, pt := hb.Interval, hb.Timeout
	if keepAliveAt != nil && ka.Known && ka.Duration >= time.Second && ka.Duration < minKeepAlive {
		c.pass.Report(analysis.Diagnostic{
			Pos:     reportPos(keepAliveAt),
			End:     keepAliveAt.End(),
			Message: fmt.Sprintf(msgKeepAliveShort, ka.Duration, ka.Duration, minKeepAlive),
		})
	}
	if pingTimeoutAt != nil && ka.Known && pt.Known && ka.Duration > 0 && pt.Duration > ka.Duration {
		d := analysis.Diagnostic{
			Pos:     reportPos(pingTimeoutAt),
			End:     pingTimeoutAt.End(),
			Message: fmt.Sprintf(msgPingTimeoutLong, pt.Duration, ka.Duration, pt.Duration),
		}
		if keepAliveAt != nil {
			d.Related = []analysis.RelatedInformation{{Pos: reportPos(keepAliveAt), Message: "the keep-alive is set here"}}
		}
		c.pass.Report(d)
	}
}

// reportPos is where a setter call or an assigned value is reported.
func reportPos(n ast.Node) token.Pos {
	if call, ok := n.(*ast.CallExpr); ok {
		return callPos(call)
	}
	return n.Pos()
}
