package timeoutchain

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// HAProxy's idle timeouts, from its configuration manual
// (docs.haproxy.org, "4.2 timeout client/server/tunnel"):
//
//   - timeout client and timeout server close a connection that has been
//     inactive that long on the client or on the server side; unset means
//     no timeout at all (HAProxy warns about it at start-up);
//   - timeout tunnel replaces both once the connection becomes a tunnel:
//     after an HTTP Upgrade (WebSocket), and in mode tcp as soon as no
//     analyser remains attached;
//   - a value without a unit is in milliseconds; units are us, ms, s, m, h
//     and d.
//
// Settings come from the proxy section itself, else from the defaults
// section in force where the proxy is declared (the last one above it).

// haproxyTimeouts are the timeouts that decide when an idle proxied
// connection is closed.
var haproxyTimeouts = []string{"client", "server", "tunnel"}

// haproxySection is one defaults, frontend, backend or listen section.
type haproxySection struct {
	kind, name string
	line       int
	timeouts   map[string]lbValue
	defaults   *haproxySection // the defaults in force where it is declared
	backend    string          // default_backend of a frontend
	ports      []int           // the ports its bind lines listen on
}

func (s *haproxySection) timeout(name string) (lbValue, bool) {
	if v, ok := s.timeouts[name]; ok {
		return v, true
	}
	if s.defaults != nil {
		v, ok := s.defaults.timeouts[name]
		return v, ok
	}
	return lbValue{}, false
}

// HAProxyIdle reads the idle timeout of a proxied connection from an
// haproxy.cfg: resource names the frontend or listen section the path
// enters by (optional when the file has exactly one). The result is timeout
// tunnel when it is set, else the shorter of timeout client (of the
// frontend) and timeout server (of its default backend); with none of them
// the connection never times out, which is reported as an idle timeout of
// zero ("none").
func HAProxyIdle(root, file, resource string) (v lbValue, ok bool, err error) {
	data, err := readFile(root, file)
	if err != nil {
		return v, false, err
	}
	return haproxyIdle(data, file, resource)
}

func haproxyIdle(data []byte, file, resource string) (v lbValue, ok bool, err error) {
	sections, err := parseHAProxy(data, file)
	if err != nil {
		return v, false, err
	}
	entry, err := haproxyEntry(sections, file, resource)
	if err != nil {
		return v, false, err
	}
	if t, ok := entry.timeout("tunnel"); ok {
		return t, true, nil
	}
	server := entry
	if entry.kind == "frontend" {
		server = nil
		for _, s := range sections {
			if s.kind == "backend" && s.name == entry.backend {
				server = s
			}
		}
		if server == nil {
			return v, false, fmt.Errorf("%s:%d: frontend %s has no default_backend in this file: name the listen section, or give the hop idle_timeout", file, entry.line, entry.name)
		}
	}
	client, hasClient := entry.timeout("client")
	srv, hasServer := server.timeout("server")
	switch {
	case hasClient && hasServer:
		if srv.D < client.D {
			return srv, true, nil
		}
		return client, true, nil
	case hasClient:
		return client, true, nil
	case hasServer:
		return srv, true, nil
	}
	return lbValue{D: 0, Src: Source{File: file, Line: entry.line}}, true, nil
}

// haproxyEntry picks the frontend or listen section named resource, or the
// only one.
func haproxyEntry(sections []*haproxySection, file, resource string) (*haproxySection, error) {
	var entries []*haproxySection
	var names []string
	for _, s := range sections {
		if s.kind != "frontend" && s.kind != "listen" {
			continue
		}
		if resource != "" && s.name == resource {
			return s, nil
		}
		entries = append(entries, s)
		names = append(names, s.name)
	}
	switch {
	case resource != "":
		return nil, fmt.Errorf("%s: no frontend or listen section %q (found: %s)", file, resource, strings.Join(names, ", "))
	case len(entries) == 1:
		return entries[0], nil
	case len(entries) == 0:
		return nil, fmt.Errorf("%s: no frontend or listen section", file)
	}
	return nil, fmt.Errorf("%s declares several frontend/listen sections (%s): set the hop's resource to the one the connection enters by", file, strings.Join(names, ", "))
}

// parseHAProxy reads the sections of an haproxy.cfg and their timeouts.
// Lines outside the sections and keywords other than timeout, bind and
// default_backend are skipped: HAProxy has hundreds, and none of the others
// changes an idle timeout.
func parseHAProxy(data []byte, file string) ([]*haproxySection, error) {
	var sections []*haproxySection
	var cur, defaults *haproxySection
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		fields := haproxyFields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		switch kw := fields[0]; kw {
		case "global", "defaults", "frontend", "backend", "listen", "resolvers", "peers", "userlist", "program", "http-errors", "ring", "cache", "mailers", "crt-store", "traces":
			cur = &haproxySection{kind: kw, line: line, timeouts: map[string]lbValue{}}
			if len(fields) > 1 {
				cur.name = fields[1]
			}
			switch kw {
			case "defaults":
				defaults = cur
			case "frontend", "backend", "listen":
				if cur.name == "" {
					return nil, fmt.Errorf("%s:%d: %s section without a name", file, line, kw)
				}
				cur.defaults = defaults
			}
			sections = append(sections, cur)
		case "timeout":
			if cur == nil || len(fields) < 3 || !contains(haproxyTimeouts, fields[1]) {
				continue
			}
			if len(fields) > 3 {
				return nil, fmt.Errorf("%s:%d: timeout %s takes one time, not %q", file, line, fields[1], strings.Join(fields[2:], " "))
			}
			d, err := haproxyDuration(fields[2])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: timeout %s: %v", file, line, fields[1], err)
			}
			cur.timeouts[fields[1]] = lbValue{D: d, Src: Source{File: file, Line: line}}
		case "default_backend":
			if cur != nil && len(fields) > 1 {
				cur.backend = fields[1]
			}
		case "bind":
			if cur != nil && len(fields) > 1 {
				cur.ports = append(cur.ports, bindPorts(fields[1])...)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %v", file, line+1, err)
	}
	return sections, nil
}

// haproxyFields splits a configuration line into words, dropping a
// comment. Quotes are rare in the keywords read here and are stripped.
func haproxyFields(s string) []string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	fields := strings.Fields(s)
	for i, f := range fields {
		fields[i] = strings.Trim(f, `"'`)
	}
	return fields
}

// haproxyDuration parses an HAProxy time: a number in milliseconds, or
// with one of the units us, ms, s, m, h, d.
func haproxyDuration(s string) (time.Duration, error) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return 0, fmt.Errorf("invalid time %q", s)
	}
	n, err := strconv.ParseInt(s[:i], 10, 64)
	if err != nil {
		return 0, fmt.Errorf("invalid time %q", s)
	}
	units := map[string]time.Duration{"": time.Millisecond, "us": time.Microsecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute, "h": time.Hour, "d": 24 * time.Hour}
	unit, ok := units[s[i:]]
	if !ok {
		return 0, fmt.Errorf("invalid time %q: unknown unit %q (HAProxy knows us, ms, s, m, h, d)", s, s[i:])
	}
	if n > int64(1<<62)/int64(unit) {
		return 0, fmt.Errorf("time %q is too large", s)
	}
	return time.Duration(n) * unit, nil
}

// bindPorts reads the ports of a bind line's addresses: "*:8883",
// ":1883,:8883", "ipv4@0.0.0.0:443", "10.0.0.1:8000-8002". A UNIX socket
// or a port HAProxy takes from the environment has none.
func bindPorts(addrs string) []int {
	var out []int
	for _, a := range strings.Split(addrs, ",") {
		i := strings.LastIndex(a, ":")
		if i < 0 {
			continue
		}
		if lo, hi, err := portRange(a[i+1:]); err == nil && lo > 0 && hi-lo < 1024 {
			for p := lo; p <= hi; p++ {
				out = append(out, p)
			}
		}
	}
	return out
}
