// Package transportreuse defines an Analyzer that reports HTTP connection
// pools and TLS/TCP connections created per request.
//
// # Analyzer transportreuse
//
// transportreuse: report connection pools and connections created per request or per loop iteration
//
// An *http.Transport is a connection pool: it keeps idle keep-alive
// connections and hands them to the next request to the same host. A
// Transport created inside an HTTP handler or a loop body starts with an
// empty pool every time, so every request pays a TCP handshake (1.5 RTT)
// and a TLS handshake (2 RTT for TLS 1.2): 400-600 ms on a 100 ms cellular
// link, before the first byte of the request.
//
// The analyzer reports, inside an HTTP handler (net/http, gin, echo, chi,
// gorilla/mux) or a for/range loop body:
//
//   - &http.Transport{...}, http.Transport{...} and new(http.Transport);
//   - (*http.Transport).Clone(), whose copy has its own empty pool;
//   - tls.Dial, tls.DialWithDialer, net.Dial, net.DialTimeout and the
//     Dial methods of net.Dialer and tls.Dialer, when the connection is
//     used for one exchange (written or read) and closed before the
//     request or iteration ends;
//   - the call of a function that does one of the above on every call,
//     followed up to three calls deep, also across packages (the message
//     then names the creation as file:line, and the related position is
//     the helper's declaration). A pool passed to an interface parameter
//     is followed only into functions that wrap it into their result or
//     drop it (a logging http.RoundTripper around a Transport).
//
// A value that outlives the request or iteration is not reported: one
// stored in a package-level variable, a struct field, a map or slice
// element, appended, sent on a channel, handed to a goroutine or created
// inside sync.Once, or given to a websocket dial (the connection is
// hijacked and lives on). Neither is an http.Client without a Transport of its
// own: http.Client{Timeout: ...} shares http.DefaultTransport (net/http
// client.go: a nil Transport means DefaultTransport), and a Client that
// copies another's Transport shares that pool. A loop that dials a
// different address per element, keeps the connection (a reconnect loop),
// only inspects the TLS handshake or tunnels both directions is not
// reported either. Code in main, init and the functions they call runs
// once and is not reported.
//
// Bad: every request builds a pool and throws it away.
//
//	func proxy(w http.ResponseWriter, r *http.Request) {
//		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
//		resp, err := client.Get(upstream)
//		...
//	}
//
// Good: one pool, created once, shared by every request.
//
//	var upstreamClient = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
//
//	func proxy(w http.ResponseWriter, r *http.Request) {
//		resp, err := upstreamClient.Get(upstream)
//		...
//	}
//
// For a &http.Transport{...} literal that refers to no local variable, a
// suggested fix moves it to a new package-level variable.
//
// Facts carry what crosses a package boundary. poolMaker says that a
// function creates a pool or a connection on every call, so that a
// NewClient helper of internal/httpx called in a loop of cmd/sync is
// reported at the call; passesThrough says that a function only wraps or
// drops the pool it is given (a logging RoundTripper), so that the pool
// still counts as created per call. A package that imports none of
// net/http, crypto/tls and net, and no package with a poolMaker fact,
// can create neither and is skipped without a walk.
package transportreuse
