// Package keepalive defines an Analyzer that reports HTTP keep-alive switched off.
//
// # Analyzer keepalive
//
// keepalive: report HTTP keep-alive switched off, so that every request opens a new connection
//
// An HTTP/1.1 client keeps idle connections in its Transport's pool and
// reuses them for the next request to the same host. Switching keep-alive
// off makes every request pay a TCP handshake (1.5 RTT) and, for HTTPS, a
// full TLS handshake (2 RTT): 150-300 ms per request on a gateway's link,
// 400-600 ms on a 100 ms cellular RTT. The analyzer reports
//
//   - DisableKeepAlives: true in an http.Transport literal, and
//     t.DisableKeepAlives = true on an *http.Transport;
//   - req.Close = true on a client *http.Request;
//   - a "Connection: close" request header, set with Header.Set or
//     Header.Add or written in an http.Header literal (header name and value
//     compared case-insensitively, constants declared elsewhere included);
//   - w.Header().Set("Connection", "close") written unconditionally in an
//     HTTP handler: the server then closes every client's connection after
//     each response;
//   - (*http.Server).SetKeepAlivesEnabled(false) outside a shutdown
//     sequence.
//
// Example of the mistake:
//
//	client := &http.Client{Transport: &http.Transport{
//		DisableKeepAlives: true, // every request: new TCP + TLS handshake
//	}}
//
// The fix is to delete the setting; the zero value keeps connections alive:
//
//	client := &http.Client{Transport: &http.Transport{
//		MaxIdleConnsPerHost: 4,
//		IdleConnTimeout:     90 * time.Second,
//	}}
//
// Deliberately not reported:
//
//   - a value that is not a constant (DisableKeepAlives: cfg.NoKeepAlive):
//     the analyzer does not guess configuration;
//   - r.Close = true on the request a handler received: it expresses the
//     server's choice to close, not a client throwing its pool away, and
//     net/http reads the request's wish to close before the handler runs
//     (server.go, readRequest), so the assignment does not close the
//     connection anyway;
//   - req.Close = true on a request read off the wire (http.ReadRequest,
//     or any function that takes a *bufio.Reader and returns a request),
//     or allocated empty (new(http.Request), &http.Request{...}) and
//     returned: an incoming request built for a server (CGI's
//     RequestFromMap), not one this code sends;
//   - any of the settings in the then-branch of an if whose condition
//     reads a bool struct field (if cfg.DisableKeepalive {...}, a
//     RoundTripper's if t.DisableKeepAlives {...}): the code carries out
//     an option, judged where the option is set;
//   - resp.Close and resp.Header on a *http.Response, and
//     "Connection: keep-alive";
//   - a response "Connection: close" set inside a condition (an overload or
//     drain branch) or in a function that is not a handler;
//   - SetKeepAlivesEnabled(false) in a function that also calls the
//     server's Shutdown or Close, that handles signals (signal.Notify,
//     signal.NotifyContext), or that is registered with RegisterOnShutdown,
//     or inside such a function: that is the graceful-shutdown idiom, which
//     stops idle connections from picking up new requests while draining.
//
// A suggested fix deletes DisableKeepAlives: true (with its line) and
// req.Close = true / t.DisableKeepAlives = true statements.
package keepalive
