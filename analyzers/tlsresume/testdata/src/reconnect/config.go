package reconnect

import "crypto/tls"

// brokerTLS is declared in one file and dialled in another.
var brokerTLS = &tls.Config{ServerName: "broker.example"} // want `tls.Config for reconnecting client connections has no ClientSessionCache: every reconnect is a full TLS handshake \(2 RTT\); set ClientSessionCache: tls.NewLRUClientSessionCache\(0\)`

// cachedTLS gets its cache in another function.
var cachedTLS = &tls.Config{ServerName: "cached.example"}

func init() {
	cachedTLS.ClientSessionCache = tls.NewLRUClientSessionCache(16)
}
