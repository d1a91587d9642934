// Package records defines what the Go analyzers learn about long-lived
// connections for the timeout chain: the heartbeats a program sends and
// the idle timeouts of the servers it runs. The heartbeat and
// servertimeouts analyzers return them as their analysis Result;
// `connlint check` collects them; timeoutchain puts them against every
// other idle timeout on a connection's path.
//
// A value the code does not fix statically (read from a flag, a parameter)
// is recorded as unknown (Known == false), never guessed.
package records

import (
	"fmt"
	"time"
)

// Position is where a record's value is written: the line a user changes.
// File is as the analyzer's token.FileSet reports it; `check` makes it
// relative to the analyzed directory.
type Position struct {
	File   string
	Line   int
	Column int
}

func (p Position) String() string {
	if p.Column == 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Value is a duration the code sets, with where it is set.
type Value struct {
	Duration time.Duration
	Known    bool     // false: set from something the analyzer cannot fold
	Pos      Position // where the value is written (the constant, the field, the call)
	// Literal is the span of the value when it is written as a constant
	// expression a fix can rewrite (30 * time.Second, 60); nil otherwise.
	Literal *Literal
}

// Literal is the source span of a value written as a literal: a number,
// or a number times a unit of package time, in place or as the value of
// a constant of the package.
type Literal struct {
	File        string // as Position.File
	Offset, End int    // byte offsets of the expression
	// Seconds: the value counts whole seconds (paho's KeepAlive fields);
	// else it is a time.Duration written with package time imported as
	// TimeName.
	Seconds  bool
	TimeName string
}

// HeartbeatKind says what sends the heartbeat.
type HeartbeatKind string

// Heartbeat kinds.
const (
	WebSocketPing HeartbeatKind = "websocket-ping" // gorilla/coder/x/net websocket ping frames
	MQTTKeepAlive HeartbeatKind = "mqtt-keepalive" // MQTT PINGREQ at the keep-alive interval
	AppPing       HeartbeatKind = "app-ping"       // an application-level ping message
)

// Heartbeat is one heartbeat found in the code.
type Heartbeat struct {
	Kind     HeartbeatKind
	Package  string   // import path of the package that sets it up
	Func     string   // enclosing function, "pkg.Func" or "pkg.(*T).Method"
	Pos      Position // the ticker or call that sets the interval: the heartbeat's source
	Interval Value    // time between heartbeats
	Timeout  Value    // how long a missing pong/PINGRESP is tolerated (pong wait, ping timeout)
}

// IdleSource says which http.Server field decides the idle timeout, as
// net/http's (*Server).idleTimeout does: IdleTimeout, else ReadTimeout,
// else none (idle keep-alive connections are kept forever).
type IdleSource string

// Where a server's idle timeout comes from.
const (
	FromIdleTimeout IdleSource = "IdleTimeout"
	FromReadTimeout IdleSource = "ReadTimeout"
	NoIdleTimeout   IdleSource = "none"
)

// Server is one HTTP server that serves (http.Server, the package-level
// http.ListenAndServe, gin's Run, echo's Start): "the go hop" of a chain.
type Server struct {
	Package    string
	Func       string
	Pos        Position   // the http.Server literal or the ListenAndServe/Run/Start call
	Addr       string     // the listen address when it is a constant, else ""
	Idle       Value      // the effective idle timeout; Known with Duration 0 when IdleFrom is NoIdleTimeout
	IdleFrom   IdleSource // which field decides it
	ReadHeader Value      // effective ReadHeaderTimeout (falls back to ReadTimeout)
	Framework  string     // "net/http", "gin", "echo"
}
