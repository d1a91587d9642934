// Package tlsresume defines an Analyzer that reports client TLS
// configurations whose full handshakes repeat without session resumption.
//
// # Analyzer tlsresume
//
// tlsresume: report client tls.Configs whose full handshakes repeat without a shared ClientSessionCache
//
// crypto/tls offers a session to resume only when the client's Config has
// a ClientSessionCache (without one, handshake_client.go has no session to
// load). A resumed handshake (RFC 8446 section 2.2, RFC 5077 for TLS 1.2)
// skips the certificate chain and its verification; a full one costs
// 2 RTT in TLS 1.2 and a 2-4 KB chain: 400-600 ms on a 100 ms cellular
// link. Resumption pays only where the same client makes new connections
// to the same server again and again, and only when the cache outlives
// those connections. The analyzer reports a tls.Config composite literal
// in these three cases:
//
//   - the config is built once and used for connections that repeat: given
//     to tls.Dial, tls.DialWithDialer or tls.Client, or to a gorilla
//     websocket.Dialer or tls.Dialer that dials, in a reconnect loop, in
//     an HTTP handler, or in a function of the package called from one;
//     or given to an http.Transport that is itself built per request or
//     per iteration, or that sets DisableKeepAlives. The config has no
//     ClientSessionCache; the suggested fix adds one;
//   - the config is itself built per connection (in a reconnect loop, a
//     handler or a function called from one) and has no cache: nothing
//     can be resumed. The suggested fix points it at one package-level
//     cache, which every config built this way then shares;
//   - a cache is created together with such a per-connection config
//     (tls.NewLRUClientSessionCache in the literal or next to it): it is
//     empty every time. The suggested fix shares one package-level cache.
//
// A loop repeats when it goes round for the same peer: for without a
// range, or a range over a channel (a ticker), an integer or an iterator.
// A range over a slice, array, map or string visits different peers, and
// a retry loop that returns or breaks on the first success completes one
// handshake; neither repeats.
//
// Example of the mistake:
//
//	cfg := &tls.Config{RootCAs: pool, ServerName: "broker.example"}
//	for {
//		conn, err := tls.Dial("tcp", "broker.example:8883", cfg) // full handshake on every reconnect
//		...
//	}
//
// The fix:
//
//	cfg := &tls.Config{
//		RootCAs:            pool,
//		ServerName:         "broker.example",
//		ClientSessionCache: tls.NewLRUClientSessionCache(0),
//	}
//
// Deliberately not reported (precision first):
//
//   - an http.Transport built once (package level, constructor, sync.Once,
//     a struct field set at start-up): its pool keeps connections alive,
//     so handshakes do not repeat per request;
//   - one long-lived connection: a paho MQTT client (SetTLSConfig) or a
//     websocket dialled once, even with automatic reconnects after rare
//     outages;
//   - a config with ClientSessionCache set anywhere to a cache that is not
//     created per connection, or with SessionTicketsDisabled;
//   - a server config (tls.Listen, tls.NewListener, tls.Server,
//     http.Server.TLSConfig);
//   - a config that escapes where the analyzer cannot follow it: passed to
//     another function, returned, cloned, stored in a map or slice; a
//     per-connection config stored in a field or package variable;
//   - certificate inspection (InsecureSkipVerify: true and a dial whose
//     function reads ConnectionState).
package tlsresume
