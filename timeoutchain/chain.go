package timeoutchain

import (
	"fmt"
	"strconv"
	"time"

	"github.com/connlint/connlint/internal/records"
	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/rules"
)

// DefaultRatio: heartbeats at no more than half of the shortest idle
// timeout on the path, so that one heartbeat may be lost or late by a whole
// interval before any hop closes the connection.
const DefaultRatio = 0.5

// Source is where a value comes from: a file and line, or the documented
// default of a hop kind.
type Source struct {
	File    string // relative to the checked directory; empty for a default
	Line    int
	Column  int    // of the key or value, from 1; 0 when only the line is known
	Default string // "default for alb", when File is empty
	Doc     string // documentation of the default
}

func (s Source) String() string {
	if s.File != "" {
		if s.Line > 0 {
			return fmt.Sprintf("%s:%d", s.File, s.Line)
		}
		return s.File
	}
	return s.Default
}

// position is where a finding about the value points: its line, and its
// column where known (else 1).
func (s Source) position() report.Position {
	p := report.Position{File: s.File, Line: s.Line, Column: s.Column}
	if s.Line > 0 && p.Column == 0 {
		p.Column = 1
	}
	return p
}

// Value is a duration with its source. A zero Value (Set false) means the
// hop has no such timeout.
type Value struct {
	D   time.Duration
	Set bool
	Src Source
}

func val(d time.Duration, src Source) Value { return Value{D: d, Set: true, Src: src} }

// Hop is one hop of a chain, with its effective values.
type Hop struct {
	Kind string
	Name string // the hop's name in the table ("alb", "nginx /ws", …)
	Decl Source // the [[chain.hop]] that declares it
	// StreamIdle bounds heartbeats; KeepAliveIdle must outlast the front
	// hop's UpstreamReuse; Lifetime caps a connection regardless.
	StreamIdle, KeepAliveIdle, UpstreamReuse, Lifetime Value
	Note                                               string // caveats shown in the table (unconfirmed defaults)
	webSocket                                          bool   // an nginx location that proxies WebSocket upgrades
}

// Heartbeat is the chain's heartbeat.
type Heartbeat struct {
	Interval Value
	Pong     Value // optional pong/response timeout
	// Kind is what sends it, for a heartbeat found in the code; empty
	// for one given in connlint.toml.
	Kind records.HeartbeatKind
	// Literal is where the code writes the heartbeat as a literal,
	// which the chain's finding offers to rewrite; nil otherwise.
	Literal *records.Literal
}

// Chain is a named connection path.
type Chain struct {
	Name      string
	Decl      Source
	Heartbeat Heartbeat
	Ratio     float64 // max heartbeat / shortest idle; DefaultRatio when 0
	Hops      []Hop
	// Protocol is what the path carries: ProtoHTTP, ProtoWebSocket,
	// ProtoMQTT or ProtoTCP.
	Protocol string
}

// binding returns the hop with the shortest stream idle timeout, or -1.
func (c *Chain) binding() int {
	best := -1
	for i, h := range c.Hops {
		if h.StreamIdle.Set && h.StreamIdle.D > 0 && (best < 0 || h.StreamIdle.D < c.Hops[best].StreamIdle.D) {
			best = i
		}
	}
	return best
}

func (c *Chain) ratio() float64 {
	if c.Ratio > 0 {
		return c.Ratio
	}
	return DefaultRatio
}

// Check evaluates the chain rules.
func (c *Chain) Check() []report.Finding {
	var out []report.Finding
	out = append(out, c.checkHeartbeat()...)
	out = append(out, c.checkLifetime()...)
	out = append(out, c.checkIdleOrder()...)
	return out
}

// SafeHeartbeat is the largest heartbeat interval the chain allows, and
// the hop that binds it; ok is false when no hop bounds it.
func (c *Chain) SafeHeartbeat() (time.Duration, *Hop, bool) {
	b := c.binding()
	if b < 0 {
		return 0, nil, false
	}
	return time.Duration(float64(c.Hops[b].StreamIdle.D) * c.ratio()), &c.Hops[b], true
}

func (c *Chain) checkHeartbeat() []report.Finding {
	hb := c.Heartbeat.Interval
	safe, hop, ok := c.SafeHeartbeat()
	if !hb.Set || !ok {
		return nil
	}
	idle := hop.StreamIdle
	var out []report.Finding
	if hb.D > safe && c.Heartbeat.Kind == records.MQTTKeepAlive {
		f := finding("chain-heartbeat", hb.Src, c.mqttMessage(hb.D, safe, hop),
			related(idle.Src, fmt.Sprintf("%s closes connections idle for %s", hop.Name, idle.D)))
		f.Fixes = c.heartbeatFix(safe, idle.D)
		out = append(out, f)
	} else if hb.D > safe {
		f := finding("chain-heartbeat", hb.Src,
			fmt.Sprintf("chain %q: heartbeat every %s is above %s of the shortest idle timeout on the path, %s %s (%s): set the heartbeat to at most %s",
				c.Name, hb.D, percent(c.ratio()), hop.Name, idle.D, idle.Src, safe),
			related(idle.Src, fmt.Sprintf("%s closes connections idle for %s", hop.Name, idle.D)))
		f.Fixes = c.heartbeatFix(safe, idle.D)
		out = append(out, f)
	}
	if pong := c.Heartbeat.Pong; pong.Set && hb.D+pong.D >= idle.D {
		f := finding("chain-pong", hb.Src,
			fmt.Sprintf("chain %q: heartbeat %s + pong timeout %s = %s is not below the shortest idle timeout, %s %s (%s): the path drops the connection before a dead peer is noticed; shorten the heartbeat or the pong timeout",
				c.Name, hb.D, pong.D, hb.D+pong.D, hop.Name, idle.D, idle.Src),
			related(idle.Src, fmt.Sprintf("%s closes connections idle for %s", hop.Name, idle.D)),
			related(pong.Src, "pong timeout"))
		if len(out) == 0 {
			f.Fixes = c.heartbeatFix(safe, idle.D) // one finding carries the edit
		}
		out = append(out, f)
	}
	return out
}

// heartbeatFix is the edit that sets a heartbeat written as a literal
// (an MQTT keep-alive, a WebSocket ping period) to the largest safe value
// in whole seconds (paho counts whole seconds; a round number reads
// better in a ping period): at most safe, and for MQTT with the PINGRESP
// wait still ending before the idle timeout. A WebSocket's pong wait runs
// from the last pong whatever the period (pong = wait − period), so a
// shorter period cannot bring it under the idle timeout: chain-pong says
// so on its own.
func (c *Chain) heartbeatFix(safe, idle time.Duration) []report.Fix {
	lit := c.Heartbeat.Literal
	if lit == nil || lit.File == "" {
		return nil
	}
	limit := safe
	if pong := c.Heartbeat.Pong; pong.Set && c.Heartbeat.Kind == records.MQTTKeepAlive {
		if c.Heartbeat.Kind == records.MQTTKeepAlive && pong.D == c.Heartbeat.Interval.D {
			// paho.golang's default pinger waits one keep-alive.
			limit = min(limit, (idle-1)/2)
		} else {
			limit = min(limit, idle-pong.D-1)
		}
	}
	secs := int64(limit / time.Second)
	if secs < 1 {
		return nil
	}
	text := strconv.FormatInt(secs, 10)
	if !lit.Seconds {
		text += " * " + lit.TimeName + ".Second"
	}
	return []report.Fix{{
		Message: fmt.Sprintf("set the %s to %ds", c.heartbeatName(), secs),
		Edits:   []report.Edit{{File: lit.File, StartOffset: lit.Offset, EndOffset: lit.End, NewText: text}},
	}}
}

// heartbeatName says what the chain's heartbeat is, for a fix's message.
func (c *Chain) heartbeatName() string {
	if c.Heartbeat.Kind == records.MQTTKeepAlive {
		return "MQTT keep-alive"
	}
	return "heartbeat"
}

// mqttMessage words chain-heartbeat for an MQTT keep-alive. The client
// sends PINGREQ only after a keep-alive without other packets, so the path
// sees up to a whole keep-alive of silence. The broker closes a client
// silent for 1.5 × keep-alive (MQTT 3.1.1 and MQTT 5, section 3.1.2.10);
// under the chain's rule (keep-alive ≤ ½ idle) that grace, ¾ of the idle
// timeout at most, always ends before the path drops the connection. When
// the rule is broken and the grace reaches the idle timeout too, the
// message says so: a dead client's session outlives its connection, and
// its will message waits for the broker's timer.
func (c *Chain) mqttMessage(keepAlive, safe time.Duration, hop *Hop) string {
	idle := hop.StreamIdle
	msg := fmt.Sprintf("chain %q: MQTT keep-alive %s is above %s of the shortest idle timeout on the path, %s %s (%s): ",
		c.Name, keepAlive, percent(c.ratio()), hop.Name, idle.D, idle.Src)
	if keepAlive >= idle.D {
		msg += "an idle client sends its first PINGREQ after the path has already closed the connection"
	} else {
		msg += fmt.Sprintf("an idle client sends PINGREQ only after a whole keep-alive of silence, so a PINGREQ late by %s finds the connection closed", idle.D-keepAlive)
	}
	if grace := keepAlive * 3 / 2; grace >= idle.D {
		msg += fmt.Sprintf(", and the broker waits 1.5 × keep-alive = %s (MQTT section 3.1.2.10) before it drops a silent client, so %s drops the connection first", grace, hop.Name)
	}
	return msg + fmt.Sprintf("; set the keep-alive to at most %s", safe)
}

// MinLifetime is the shortest connection lifetime cap that is not
// reported: a hop that ends every long-lived connection sooner (GCP's
// 30 s backend service timeout) breaks WebSockets whatever the heartbeat.
// API Gateway's fixed 2 h is above it: clients reconnect, rarely.
const MinLifetime = 10 * time.Minute

// checkLifetime reports hops that end every connection after a fixed
// time: a heartbeat cannot help, the setting must change.
func (c *Chain) checkLifetime() []report.Finding {
	var out []report.Finding
	for _, h := range c.Hops {
		if !h.Lifetime.Set || h.Lifetime.D <= 0 || h.Lifetime.D >= MinLifetime {
			continue
		}
		out = append(out, finding("chain-heartbeat", orDecl(h.Lifetime.Src, h),
			fmt.Sprintf("chain %q: %s ends every connection after %s (%s) whatever the heartbeat: raise that limit above the connections' expected lifetime",
				c.Name, h.Name, h.Lifetime.D, h.Lifetime.Src)))
	}
	return out
}

func (c *Chain) checkIdleOrder() []report.Finding {
	var out []report.Finding
	for i := 0; i+1 < len(c.Hops); i++ {
		front, back := c.Hops[i], c.Hops[i+1]
		reuse, idle := front.UpstreamReuse, back.KeepAliveIdle
		if !reuse.Set || !idle.Set || reuse.D <= 0 {
			continue
		}
		// An idle timeout of 0 means "no limit" (Go's IdleTimeout and
		// ReadTimeout both zero): nothing closes under the front hop.
		if idle.D == 0 || idle.D > reuse.D {
			continue
		}
		out = append(out, finding("chain-idle-order", orDecl(idle.Src, back),
			fmt.Sprintf("chain %q: %s closes idle keep-alive connections after %s (%s), but %s in front reuses them for up to %s (%s): it will send requests on connections %s is closing (intermittent 502s); make %s's idle timeout longer than %s",
				c.Name, back.Name, idle.D, idle.Src, front.Name, reuse.D, reuse.Src, back.Name, back.Name, reuse.D),
			related(reuse.Src, fmt.Sprintf("%s reuses idle upstream connections for %s", front.Name, reuse.D))))
	}
	return out
}

// orDecl is src, or the hop's declaration when src is a built-in
// default: a finding must point at a line the user can change.
func orDecl(src Source, h Hop) Source {
	if src.File == "" {
		return h.Decl
	}
	return src
}

func percent(r float64) string {
	if r == DefaultRatio {
		return "half"
	}
	return fmt.Sprintf("%g%%", r*100)
}

func finding(rule string, at Source, msg string, rel ...report.Related) report.Finding {
	r := rules.MustLookup(rule)
	f := report.Finding{Rule: rule, Severity: r.Severity, Position: at.position(), Message: msg, URL: r.DocURL()}
	for _, x := range rel {
		if x.File != "" {
			f.Related = append(f.Related, x)
		}
	}
	return f
}

func related(src Source, msg string) report.Related {
	return report.Related{Position: src.position(), Message: msg}
}
