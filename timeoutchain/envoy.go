package timeoutchain

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// proxyTimeouts are the two idle timeouts a proxy's configuration file
// sets: the one that closes an idle stream or tunnel (and so bounds
// heartbeats), and the one that closes an idle keep-alive connection.
// Either may be absent, leaving the kind's documented default in force.
type proxyTimeouts struct {
	Stream, KeepAlive       lbValue
	HasStream, HasKeepAlive bool
}

// Envoy's filter names, as written in bootstrap files (the type URLs of
// typed_config name the same filters).
const (
	envoyHCM      = "envoy.filters.network.http_connection_manager"
	envoyTCPProxy = "envoy.filters.network.tcp_proxy"
)

// EnvoyIdle reads the idle timeouts of a listener from an Envoy bootstrap
// file (YAML or JSON): resource names the listener (optional when there is
// one). For an HTTP connection manager, stream_idle_timeout closes an idle
// stream — an upgraded WebSocket included — and
// common_http_protocol_options.idle_timeout closes a connection without
// streams; for a TCP proxy, idle_timeout closes the idle tunnel
// (envoyproxy.io, "How do I configure timeouts?"). "0s" switches a timeout
// off.
func EnvoyIdle(root, file, resource string) (t proxyTimeouts, err error) {
	data, err := readFile(root, file)
	if err != nil {
		return t, err
	}
	return envoyIdle(data, file, resource)
}

func envoyIdle(data []byte, file, resource string) (t proxyTimeouts, err error) {
	docs, err := yamlDocs(data, file)
	if err != nil {
		return t, err
	}
	if len(docs) == 0 {
		return t, fmt.Errorf("%s: empty file", file)
	}
	listeners := get(get(docs[0], "static_resources"), "listeners")
	if listeners == nil || listeners.Kind != yaml.SequenceNode || len(listeners.Content) == 0 {
		return t, fmt.Errorf("%s: no static_resources.listeners: not an Envoy bootstrap file", file)
	}
	listener, err := pickListener(listeners, file, resource)
	if err != nil {
		return t, err
	}
	found := false
	for _, chain := range sequence(get(listener, "filter_chains")) {
		for _, filter := range sequence(get(chain, "filters")) {
			cfg := get(filter, "typed_config")
			switch filterName(filter) {
			case envoyHCM:
				found = true
				if err := envoySet(&t.Stream, &t.HasStream, get(cfg, "stream_idle_timeout"), file, "stream_idle_timeout"); err != nil {
					return t, err
				}
				if err := envoySet(&t.KeepAlive, &t.HasKeepAlive, get(get(cfg, "common_http_protocol_options"), "idle_timeout"), file, "idle_timeout"); err != nil {
					return t, err
				}
			case envoyTCPProxy:
				found = true
				n := get(cfg, "idle_timeout")
				if err := envoySet(&t.Stream, &t.HasStream, n, file, "idle_timeout"); err != nil {
					return t, err
				}
				t.KeepAlive, t.HasKeepAlive = t.Stream, t.HasStream
			}
		}
	}
	if !found {
		return t, fmt.Errorf("%s:%d: listener has no http_connection_manager or tcp_proxy filter", file, listener.Line)
	}
	return t, nil
}

// pickListener returns the listener named resource, or the only one.
func pickListener(listeners *yaml.Node, file, resource string) (*yaml.Node, error) {
	var names []string
	for _, l := range listeners.Content {
		name := ""
		if n := get(l, "name"); n != nil {
			name = n.Value
		}
		if resource != "" && name == resource {
			return l, nil
		}
		names = append(names, name)
	}
	if resource != "" {
		return nil, fmt.Errorf("%s: no listener %q (found: %s)", file, resource, strings.Join(names, ", "))
	}
	if len(listeners.Content) > 1 {
		return nil, fmt.Errorf("%s declares several listeners (%s): set the hop's resource to the one the connection enters by", file, strings.Join(names, ", "))
	}
	return listeners.Content[0], nil
}

// filterName is a filter's name, or the filter its typed_config's type URL
// names.
func filterName(filter *yaml.Node) string {
	if n := get(filter, "name"); n != nil {
		switch {
		case n.Value == envoyHCM || n.Value == envoyTCPProxy:
			return n.Value
		}
	}
	if t := get(get(filter, "typed_config"), "@type"); t != nil {
		switch {
		case strings.HasSuffix(t.Value, ".HttpConnectionManager"):
			return envoyHCM
		case strings.HasSuffix(t.Value, ".TcpProxy"):
			return envoyTCPProxy
		}
	}
	return ""
}

func sequence(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// envoySet reads a protobuf Duration ("300s", "1.5s", or {seconds: N})
// into dst when n is present. The shortest value wins when several filter
// chains set it: any of them may carry the connection.
func envoySet(dst *lbValue, has *bool, n *yaml.Node, file, what string) error {
	if n == nil {
		return nil
	}
	d, err := protoDuration(n)
	if err != nil {
		return fmt.Errorf("%s:%d: %s: %v", file, n.Line, what, err)
	}
	if !*has || d < dst.D {
		*dst, *has = lbValue{D: d, Src: Source{File: file, Line: n.Line}}, true
	}
	return nil
}

// protoDuration parses the JSON/YAML forms of google.protobuf.Duration.
func protoDuration(n *yaml.Node) (time.Duration, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		s := strings.TrimSpace(n.Value)
		if !strings.HasSuffix(s, "s") {
			return 0, fmt.Errorf("%q is not a protobuf duration (seconds with an s suffix, such as \"300s\")", n.Value)
		}
		secs, err := strconv.ParseFloat(strings.TrimSuffix(s, "s"), 64)
		if err != nil || secs < 0 || secs > 315576000000 {
			return 0, fmt.Errorf("%q is not a protobuf duration", n.Value)
		}
		return time.Duration(secs * float64(time.Second)), nil
	case yaml.MappingNode:
		var secs, nanos int64
		for key, dst := range map[string]*int64{"seconds": &secs, "nanos": &nanos} {
			if v := get(n, key); v != nil {
				x, err := strconv.ParseInt(v.Value, 10, 64)
				if err != nil || x < 0 || (key == "seconds" && x > 315576000000) {
					return 0, fmt.Errorf("%s %q is not a whole number", key, v.Value)
				}
				*dst = x
			}
		}
		return time.Duration(secs)*time.Second + time.Duration(nanos), nil
	}
	return 0, fmt.Errorf("not a duration")
}
