// Package heartbeat defines an Analyzer that reports heartbeats that
// cannot work and records every heartbeat it finds for the timeout chain.
//
// # Analyzer heartbeat
//
// heartbeat: report websocket pings and MQTT keep-alives that cannot detect a dead peer, and record every heartbeat
//
// A long-lived connection crosses proxies and load balancers that drop it
// after 60 s of silence (nginx proxy_read_timeout, AWS ALB idle timeout).
// A heartbeat keeps it alive and notices a dead peer; the safe interval is
// half the shortest idle timeout on the path, e.g. 25 s pings with a 10 s
// pong timeout behind a 60 s proxy. The analyzer reports heartbeats that
// cannot do that job:
//
//   - gorilla/websocket: a ping loop (a ticker whose loop sends
//     WriteControl or WriteMessage with websocket.PingMessage) whose period
//     is not shorter than the pong wait of the connection's read deadline
//     (SetReadDeadline(time.Now().Add(pongWait)), before the read loop or
//     in the pong handler). The deadline then expires before the next pong
//     extends it and healthy connections drop. Reported at the ticker.
//   - gorilla/websocket and x/net/websocket: a read loop (ReadMessage,
//     NextReader, ReadJSON; x/net Read and Codec.Receive) on a connection
//     that never gets a read deadline. A peer that vanished without a
//     close frame is never noticed and the connection leaks. Reported at
//     the read call.
//   - coder/websocket: Ping in a loop whose context timeout is not
//     shorter than the loop's period. Reported at the ticker.
//   - coder/websocket and nhooyr.io/websocket: a read loop (Read, Reader,
//     wsjson.Read) whose context never expires (context.Background(), a
//     request's Context(), signal.NotifyContext, a parameter no caller in
//     the package gives a deadline) in a package that never calls Ping.
//     Reported at the read call.
//   - paho MQTT: a keep-alive below -mqtt-min-keepalive (default 30 s,
//     the smallest AWS IoT Core accepts), set with SetKeepAlive or the
//     KeepAlive field (whole seconds); a ping timeout longer than the
//     keep-alive, which makes dead-peer detection wait longer than the
//     broker itself (1.5 × keep-alive, MQTT 3.1.1 section 3.1.2.10); a
//     SetKeepAlive or SetPingTimeout argument below one second. SetKeepAlive(30) passes an untyped 30 as a time.Duration:
//     30 ns, which paho truncates to 0 whole seconds, so keep-alive is
//     silently off. SetKeepAlive(0) switches keep-alive off explicitly and
//     is reported too. Reported at the setter; a suggested fix multiplies
//     a number written without unit by time.Second.
//   - paho.golang (MQTT 5): a KeepAlive below -mqtt-min-keepalive in a
//     paho.Connect or autopaho.ClientConfig literal or assignment, a count
//     of seconds (uint16). Reported at the value.
//
// Example of the mistake:
//
//	const pongWait = 60 * time.Second
//	ticker := time.NewTicker(pongWait) // the deadline fires first
//	opts.SetKeepAlive(30)              // 30 ns: keep-alive off
//
// The fix pings at 9/10 of the pong wait and gives durations a unit:
//
//	const pongWait = 60 * time.Second
//	const pingPeriod = (pongWait * 9) / 10
//	ticker := time.NewTicker(pingPeriod)
//	opts.SetKeepAlive(30 * time.Second)
//
// Finding the pong wait of a ping: the pinger and the reader are often two
// goroutines, two methods of a client type or two functions that each get
// the connection. The analyzer takes the pong wait set on the same
// connection variable or field; else the one set in a method of the same
// receiver type; else the one set anywhere in the package. At the first
// level that sets one, all pong waits must fold to the same value,
// otherwise the pong wait is unknown and nothing is reported.
//
// A read deadline counts as set when SetReadDeadline or SetDeadline is
// called on the connection (also through UnderlyingConn or NetConn), on
// a variable or field it is copied to or from, inside a helper it is
// passed to (in this package or, through facts, another one), or, for a
// connection parameter, on the argument of any caller in the package.
//
// Durations are folded with constants, never-reassigned variables and
// config literals; an unknown duration (a flag, a config file) is never
// guessed: it is recorded as unknown and gives no finding.
//
// Deliberately not reported:
//
//   - a ping sent outside a loop (a one-off health check) or by a helper
//     called from the loop: it is not recognised as a heartbeat;
//   - a ticker that is Reset, and a loop paced by anything but a
//     ticker, time.Tick, time.After or time.Sleep: the period is unknown;
//   - application-level ping messages (WriteJSON of a "ping" struct):
//     nothing in the types says a message is a ping;
//   - paho's connect, write and reconnect timeouts: they are not
//     heartbeats (a 200 ms connect timeout in a LAN scan waits for a
//     handshake), and a zero ping timeout (paho reads 0 as "no timeout");
//   - test code — _test.go files, external test packages and packages under test/, e2e/, testutil/ and the like — unless -heartbeat.tests is set: an end-to-end echo server or readiness poll never meets a real outage or a battery.
//
// # Result
//
// The analyzer's Result is a []records.Heartbeat with every heartbeat
// found, correct or not, in source order: websocket ping loops (kind
// websocket-ping: the ping period, and the pong wait or Ping timeout) and
// MQTT clients (kind mqtt-keepalive: the keep-alive as paho uses it, in
// whole seconds, and the ping timeout; paho's defaults of 30 s and 10 s,
// with no position, when not set; for paho.golang the KeepAlive seconds,
// with one keep-alive as the PINGRESP wait of its default pinger). `connlint check` collects them for the
// timeout chain.
package heartbeat
