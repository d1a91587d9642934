// Package timeoutchain checks heartbeats against every idle timeout on a
// connection's path.
//
// A long-lived connection from a device or a browser to a Go service
// crosses several hops — a load balancer, a CDN, nginx, the app server —
// and each closes a connection that stays idle longer than its own
// timeout. The shortest one wins, silently. The rule is to send
// heartbeats at half of the shortest idle timeout on the path, and to keep
// each backend's keep-alive idle timeout longer than the pool of the proxy
// in front of it.
//
// A Chain is a heartbeat and an ordered list of hops, client first. Every
// value carries its source: the file and line that set it, or the
// documented default of the hop's kind (kinds.go cites each one). The
// rules:
//
//	chain-heartbeat   heartbeat interval > ratio (0.5) × shortest stream idle timeout
//	chain-pong        heartbeat interval + pong timeout ≥ shortest stream idle timeout
//	chain-idle-order  a hop reuses pooled connections to the next hop at
//	                  least as long as the next hop keeps them idle: 502s
//	chain-source      a configured source that cannot be read or resolved
//
// A lifetime cap (GCP's backend service timeout) is not an idle timeout: no
// heartbeat keeps a connection past it, so it is reported on its own.
//
// A chain carries a protocol (HTTP, WebSocket, MQTT/TCP, TCP). For MQTT
// the heartbeat is the client's keep-alive: the path sees up to one
// keep-alive of silence before a PINGREQ, so the same ratio applies, and
// the broker's own deadline, 1.5 × keep-alive (MQTT 3.1.1 and 5, section
// 3.1.2.10), then stays under ¾ of the idle timeout; no separate rule is
// needed, and chain-heartbeat's message names the broker's grace when it
// reaches the idle timeout too. nginx stream servers (proxy_timeout) and
// NLB listeners are the usual hops of such a path.
//
// With no chain configured, discovery assumes the obvious ones: from nginx
// locations that proxy WebSockets and stream servers that carry MQTT
// (Discover, DiscoverStreams), and from docker-compose files
// (DiscoverCompose). A compose project — the compose.yaml or
// docker-compose.yml of a directory, its overrides and variants, merged as
// docker compose merges them — gives a chain when it has exactly one
// proxy service that publishes a port: HAProxy, Traefik or Envoy, whose
// timeouts are read from the configuration bind-mounted where its image
// reads it, through the entry its published ports enter by, in front of
// an MQTT broker or of the app built from the repository (whose
// http.Server, found in the code, is then the last hop). nginx services are
// left to nginx discovery, which loads the configuration they mount
// (ComposeNginxFiles). Anything ambiguous gives a note rather than a
// guess; a compose file that does not parse or has the wrong shape, and a
// mounted configuration that is missing, are chain-source errors at the
// compose file's line.
package timeoutchain
