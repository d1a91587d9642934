package timeoutchain

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/connlint/connlint/internal/config"
	"github.com/connlint/connlint/internal/records"
)

// Protocols a chain carries, as its table shows them.
const (
	ProtoHTTP      = "HTTP"
	ProtoWebSocket = "WebSocket"
	ProtoMQTT      = "MQTT/TCP"
	ProtoTCP       = "TCP"
)

// protocolNames are the values of a [[chain]]'s protocol key.
var protocolNames = map[string]string{"http": ProtoHTTP, "websocket": ProtoWebSocket, "mqtt": ProtoMQTT, "tcp": ProtoTCP}

// mqttPorts are IANA's MQTT ports: 1883 plain, 8883 over TLS.
var mqttPorts = []int{1883, 8883}

// StreamServer is an nginx stream server that proxies TCP, with its
// effective timeouts.
type StreamServer struct {
	Name    string // "stream server :8883"
	Decl    Source // its opening line
	Proxy   Value  // proxy_timeout: idle time on either side before nginx closes
	Connect Value  // proxy_connect_timeout
	TLS     string // "terminates TLS", "TLS passes through, ssl_preread" or ""
	Listen  []string
	// MQTT: it listens on or proxies to an MQTT port (1883, 8883), or its
	// upstream's name says mqtt.
	MQTT bool
}

// IsMQTTPort reports whether port is one of IANA's MQTT ports.
func IsMQTTPort(port int) bool { return slices.Contains(mqttPorts, port) }

// NginxStreamModel answers for the stream server that listens on an
// address or port. The nginx model of `connlint check` implements it
// beside NginxModel.
type NginxStreamModel interface {
	StreamServer(listen string) (StreamServer, error)
}

// applyStream takes an nginx-stream hop's values from a stream server:
// nginx closes a proxied TCP connection idle on both sides for
// proxy_timeout, whatever the protocol inside.
func (hop *Hop) applyStream(s StreamServer) {
	if s.Proxy.Set {
		hop.StreamIdle, hop.KeepAliveIdle = s.Proxy, s.Proxy
	}
	hop.Note = s.TLS
}

func (b *builder) resolveNginxStream(hop *Hop, h config.Hop, key string) bool {
	if h.Listen == "" {
		return true // the documented defaults
	}
	m, ok := b.in.Nginx.(NginxStreamModel)
	if b.in.Nginx == nil || !ok {
		b.fail(b.at(key, "listen"), "hop %q names stream server %q but no nginx configuration is loaded: list it in [nginx].files", hop.Name, h.Listen)
		return false
	}
	s, err := m.StreamServer(h.Listen)
	if err != nil {
		b.fail(b.at(key, "listen"), "hop %q: %v", hop.Name, err)
		return false
	}
	hop.applyStream(s)
	if b.stream == nil {
		b.stream = &s
	}
	return true
}

// protocol decides what a chain carries: the protocol key, else the kind
// of the heartbeat found in the code, else what its hops say (a stream
// server on an MQTT port; a plain TCP proxy), else HTTP.
func (b *builder) protocol(name string, at Source) (string, bool) {
	if name == "" {
		return "", true
	}
	p, ok := protocolNames[strings.ToLower(name)]
	if !ok {
		b.fail(at, "unknown protocol %q: want http, websocket, mqtt or tcp", name)
	}
	return p, ok
}

// heartbeatKinds are the heartbeats of the code that can serve a chain of
// a protocol; an empty protocol takes any.
func heartbeatKinds(protocol string) []records.HeartbeatKind {
	switch protocol {
	case ProtoMQTT:
		return []records.HeartbeatKind{records.MQTTKeepAlive}
	case ProtoWebSocket:
		return []records.HeartbeatKind{records.WebSocketPing, records.AppPing}
	}
	return nil
}

// ofKinds keeps the heartbeats of the given kinds (all when kinds is empty).
func ofKinds(hbs []records.Heartbeat, kinds []records.HeartbeatKind) []records.Heartbeat {
	if len(kinds) == 0 {
		return hbs
	}
	var out []records.Heartbeat
	for _, h := range hbs {
		if slices.Contains(kinds, h.Kind) {
			out = append(out, h)
		}
	}
	return out
}

// inferProtocol is a chain's protocol when connlint.toml does not say it.
func inferProtocol(c *Chain, stream *StreamServer) string {
	switch c.Heartbeat.Kind {
	case records.MQTTKeepAlive:
		return ProtoMQTT
	case records.WebSocketPing:
		return ProtoWebSocket
	}
	if stream != nil {
		if stream.MQTT {
			return ProtoMQTT
		}
		return ProtoTCP
	}
	for _, h := range c.Hops {
		if h.webSocket {
			return ProtoWebSocket
		}
	}
	return ProtoHTTP
}

// DiscoverStreams assumes a chain per nginx stream server that carries
// MQTT: the network load balancer declared in the infrastructure files in
// front (when there is exactly one that passes TCP through: nlb or
// azure-lb), the stream server, and the one MQTT keep-alive of the code.
func DiscoverStreams(root string, servers []StreamServer, hbs []records.Heartbeat) Assumption {
	var a Assumption
	var mqtt []StreamServer
	for _, s := range servers {
		if s.MQTT {
			mqtt = append(mqtt, s)
		}
	}
	if len(mqtt) == 0 {
		return a
	}
	beats := knownHeartbeats(ofKinds(hbs, heartbeatKinds(ProtoMQTT)))
	switch len(beats) {
	case 0:
		a.Notes = append(a.Notes, "no MQTT keep-alive with a known interval in the code: no chain assumed for the MQTT stream servers; configure [[chain]] with protocol = \"mqtt\" and heartbeat = \"…\"")
		return a
	case 1:
	default:
		a.Notes = append(a.Notes, fmt.Sprintf("%d MQTT keep-alives in the code: no chain assumed for the MQTT stream servers; configure [[chain]] with heartbeat = \"…\"", len(beats)))
		return a
	}
	heartbeat := heartbeatOf(beats[0])
	front, note := tcpFront(root)
	if note != "" {
		a.Notes = append(a.Notes, note)
	}
	for _, s := range mqtt {
		c := &Chain{Name: "assumed: nginx " + s.Name, Decl: s.Decl, Heartbeat: heartbeat, Protocol: ProtoMQTT}
		if front != nil {
			c.Hops = append(c.Hops, *front)
		}
		h := Hop{Kind: "nginx-stream", Name: "nginx " + s.Name, Decl: s.Decl}
		applyDefaults(&h, kinds["nginx-stream"])
		h.applyStream(s)
		c.Hops = append(c.Hops, h)
		a.Chains = append(a.Chains, c)
		a.Notes = append(a.Notes, fmt.Sprintf("no [[chain]] configured; assumed chain %q: %s; MQTT keep-alive %s (%s)", c.Name, hopList(c), heartbeat.Interval.D, heartbeat.Interval.Src))
	}
	return a
}

// tcpFront is the one load balancer of the infrastructure files that can
// pass MQTT's TCP through (an NLB, an Azure load balancer); an ALB or a
// Classic ELB in HTTP mode cannot, and is passed over.
func tcpFront(root string) (*Hop, string) {
	lbs, err := FindLoadBalancers(root)
	if err != nil {
		return nil, "cannot look for load balancers: " + err.Error()
	}
	var tcp []LoadBalancer
	for _, lb := range lbs {
		if lb.Kind == "nlb" || lb.Kind == "azure-lb" {
			tcp = append(tcp, lb)
		}
	}
	switch len(tcp) {
	case 0:
		return nil, strings.Join(remoteLBModules(root), "; ")
	case 1:
		h, err := lbHop(root, tcp[0])
		if err != nil {
			return nil, fmt.Sprintf("load balancer %s: %v; the assumed MQTT chains start at nginx", tcp[0], err)
		}
		return &h, ""
	}
	var names []string
	for _, lb := range tcp {
		names = append(names, lb.String())
	}
	return nil, "several network load balancers (" + strings.Join(names, "; ") + "): the assumed MQTT chains start at nginx; configure [[chain]] to include one"
}

// ListenMatches reports whether a listen directive's address selects
// want: the same address, or the same port when want is a bare port.
func ListenMatches(listen, want string) bool {
	if listen == want || listen == ":"+want {
		return true
	}
	if _, err := strconv.Atoi(want); err != nil {
		return false
	}
	i := strings.LastIndex(listen, ":")
	return listen[i+1:] == want
}
