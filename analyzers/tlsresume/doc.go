// Package tlsresume defines an Analyzer that reports client TLS
// configurations used for repeated connections without a session cache.
//
// # Analyzer tlsresume
//
// tlsresume: report a client tls.Config for repeated connections without ClientSessionCache
//
// crypto/tls resumes a session only when the client's Config has a
// ClientSessionCache (handshake_client.go returns no session to offer when
// the field is nil). Without one, every reconnect of a gateway or device is
// a full handshake: 2 RTT and a certificate chain of 2-4 KB before the
// first byte of data, 400-600 ms on a 100 ms cellular link, instead of the
// 1 RTT of a resumed session.
//
// The analyzer follows each tls.Config composite literal to its uses: the
// variable, struct field or package variable it is stored in, and the uses
// of those. It reports the literal when it has no ClientSessionCache and
//
//   - it is the TLSClientConfig of an http.Transport (a pool redials each
//     time its idle connections expire), except in a main function of
//     package main without loops or function literals (a one-shot tool);
//   - it is given to tls.Dial, tls.DialWithDialer or tls.Client inside a
//     loop, or in a function called from a loop of the same package, and
//     the literal itself is evaluated outside that loop or function (a
//     reconnect loop);
//   - it is the TLSClientConfig of a gorilla/websocket Dialer or the Config
//     of a tls.Dialer that is stored in a field or package variable, built
//     in a loop, or whose Dial/DialContext runs in a loop;
//   - it is given to (*mqtt.ClientOptions).SetTLSConfig of
//     eclipse/paho.mqtt.golang: NewClientOptions sets AutoReconnect to true
//     by default, so the client reconnects unless the same function calls
//     SetAutoReconnect(false) (and not SetConnectRetry(true)).
//
// Example of the mistake:
//
//	cfg := &tls.Config{RootCAs: pool, ServerName: "broker.example"}
//	for {
//		conn, err := tls.Dial("tcp", "broker.example:8883", cfg) // full handshake on every reconnect
//		...
//	}
//
// The fix (also offered as a suggested fix):
//
//	cfg := &tls.Config{
//		RootCAs:            pool,
//		ServerName:         "broker.example",
//		ClientSessionCache: tls.NewLRUClientSessionCache(0),
//	}
//
// Deliberately not reported (precision first):
//
//   - a config that sets ClientSessionCache anywhere (in the literal or by
//     an assignment to the variable or field), or disables session tickets;
//   - a server config (tls.Listen, tls.NewListener, tls.Server,
//     http.Server.TLSConfig);
//   - a config that escapes where the analyzer cannot follow it: passed to
//     another function, returned, cloned, stored in a map or slice;
//   - a literal written inside the loop or function that reconnects: a
//     cache in it would be rebuilt on every connection, so the fix is to
//     hoist the config (transportreuse's concern), not to add a cache;
//   - one-shot dials outside loops, and certificate inspection (a config
//     with InsecureSkipVerify: true whose dial reads ConnectionState).
package tlsresume
