// Package reconnectbackoff defines an Analyzer that reports reconnect and
// retry loops that wait a fixed interval, or whose growing wait has no
// jitter or no cap.
//
// # Analyzer reconnectbackoff
//
// reconnectbackoff: report reconnect and retry loops that wait a fixed interval, or grow without jitter or without a cap
//
// When a server restarts, every client loses its connection at the same
// instant. If each one reconnects "every 5 seconds", all of them come back
// within the same 5-second window: 500 dashboards mean 500 concurrent TLS
// handshakes and authentications, the server falls over again, and the
// herd repeats. Exponential backoff spreads the retries out in time, a cap
// keeps the wait reasonable after a long outage, and random jitter stops
// clients that failed together from retrying together.
//
// The analyzer looks at waits — time.Sleep, time.After (also as a select
// case), time.NewTimer, (*time.Timer).Reset, time.AfterFunc, and the
// period of time.NewTicker and time.Tick — that repeat a connection
// attempt: a dial (net.Dial*, (*net.Dialer).Dial*, tls.Dial*, gorilla,
// coder and x/net websocket Dial, grpc.Dial, grpc.DialContext,
// grpc.NewClient, paho's Client.Connect), an HTTP request
// ((*http.Client).Do/Get/Post/Head/PostForm and the http package
// functions), or a function of the same package that makes one and
// returns an error. The attempt is repeated by a for or range loop, by a
// goto back to a label, or by a function that calls itself again (also
// through time.AfterFunc). The wait must follow a failure of the attempt:
// it sits in the branch that handles the error, or the failure path falls
// through to it. For an HTTP request the wait must be reached on failure
// only; waiting after every request is polling, the pollinterval rule.
// A request whose response is read as a stream (a loop of its own reads
// resp.Body through a bufio.Scanner, a bufio.Reader or a json.Decoder:
// Server-Sent Events, newline-delimited JSON) holds its connection like a
// dial instead: every return is a disconnect, and the wait after it a
// reconnect.
//
// Three findings, each with its own message, at the wait:
//
//   - the wait is fixed: it folds to a constant, or reads only variables
//     and fields the loop never changes;
//   - the wait grows (a variable it depends on is multiplied, shifted,
//     doubled or counted up in the loop) but nothing from math/rand or
//     math/rand/v2 is added or multiplied into it: no jitter;
//   - the wait grows but neither min(), a clamping if (if d > max { d =
//     max }, if d < max { d *= 2 }, if attempt > n { return }) nor a
//     bounded loop (for i := 0; i < n; i++) limits it: no cap.
//
// A ticker with a fixed period whose loop dials only while disconnected is
// a fixed-interval reconnect, reported at the ticker's creation. paho's
// SetConnectRetryInterval(constant) on options that also call
// SetConnectRetry(true) is reported at the SetConnectRetryInterval call:
// paho's connect retry sleeps that interval between attempts, without
// backoff (paho.mqtt.golang client.go, Connect, RETRYCONN).
//
// A fixed interval read from a field or a flag is reported without a
// number, with a related position at the value's origin (the one
// assignment of the field, or its declaration when only a decoder fills
// it).
//
// Retry libraries contain no wait of their own; their policies are
// reported where they are built: cenkalti/backoff v4/v5
// NewConstantBackOff reaching Retry/RetryNotify/RetryWithData or v5's
// WithBackOff (fixed), RandomizationFactor 0 (no jitter), an
// ExponentialBackOff literal without MaxInterval (cenkalti clamps every
// later interval to it: 0); a k8s wait.Backoff literal with Jitter 0
// (fixed when Factor ≤ 1, else no jitter); avast/retry-go
// DelayType(FixedDelay) (fixed) and DelayType(BackOffDelay) (no jitter);
// sethvargo/go-retry NewConstant/Constant (fixed) and
// NewExponential/NewFibonacci (no jitter) that never reach WithJitter or
// WithJitterPercent.
//
// Example of the mistake:
//
//	for {
//		conn, _, err := websocket.DefaultDialer.DialContext(ctx, url, nil)
//		if err != nil {
//			time.Sleep(5 * time.Second) // every client, every 5 s
//			continue
//		}
//		serve(conn)
//	}
//
// The fix grows the wait up to a cap and adds jitter:
//
//	for attempt := 0; ; attempt++ {
//		conn, _, err := websocket.DefaultDialer.DialContext(ctx, url, nil)
//		if err != nil {
//			delay := min(time.Second<<min(attempt, 6), time.Minute)
//			time.Sleep(delay + rand.N(delay/2))
//			continue
//		}
//		attempt = 0
//		serve(conn)
//	}
//
// or hands the schedule to a library (github.com/cenkalti/backoff).
//
// Deliberately not reported:
//
//   - waits computed by a backoff library or any function the analyzer
//     cannot see through (cenkalti/backoff's NextBackOff, jpillora/backoff,
//     k8s wait.Backoff.Step, a jitter helper): it never guesses;
//   - library policies that spread clients out (NewExponentialBackOff,
//     Jitter > 0, retry-go's default delay, go-retry's WithJitter), a
//     constant cenkalti policy that paces a backoff.Ticker (a period),
//     wait.Until and wait.Poll* (periodic jobs), go-retryablehttp and
//     gRPC's own connection backoff;
//   - a fixed base plus random jitter (5*time.Second + rand.N(time.Second)):
//     the clients are spread out, even though the wait does not grow;
//   - periodic loops that do not connect (sampling a sensor, flushing a
//     buffer, sending pings), a ticker loop that dials on every tick (a
//     probe), and a loop that polls an HTTP endpoint after every request;
//   - a single retry outside any loop;
//   - test code — _test.go files, external test packages and packages under test/, e2e/, testutil/ and the like — unless -reconnectbackoff.tests is set: an end-to-end echo server or readiness poll never meets a real outage or a battery;
//   - paho's SetAutoReconnect with SetMaxReconnectInterval: paho's own
//     reconnect doubles its wait up to that maximum.
package reconnectbackoff
