package timeoutchain

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// TraefikIdle reads an entry point's keep-alive idle timeout from Traefik's
// static configuration in YAML (or TOML, by its .toml name): entryPoints.NAME.transport.
// respondingTimeouts.idleTimeout, "the maximum amount of time an idle
// (keep-alive) connection will remain idle before closing itself"
// (doc.traefik.io, entryPoints, respondingTimeouts). Traefik accepts a Go
// duration ("180s", "3m") or a number of seconds. resource names the entry
// point (optional when there is one). Traefik serves with Go's net/http, so
// an upgraded WebSocket leaves this idle handling: the value bounds pooled
// connections (chain-idle-order), not heartbeats.
func TraefikIdle(root, file, resource string) (t proxyTimeouts, err error) {
	data, err := readFile(root, file)
	if err != nil {
		return t, err
	}
	if strings.HasSuffix(file, ".toml") {
		return traefikTOMLIdle(data, file, resource)
	}
	return traefikIdle(data, file, resource)
}

func traefikIdle(data []byte, file, resource string) (t proxyTimeouts, err error) {
	docs, err := yamlDocs(data, file)
	if err != nil {
		return t, err
	}
	if len(docs) == 0 {
		return t, fmt.Errorf("%s: empty file", file)
	}
	eps := get(docs[0], "entryPoints")
	if eps == nil || len(eps.Content) == 0 {
		return t, fmt.Errorf("%s: no entryPoints: not a Traefik static configuration", file)
	}
	var names []string
	byName := map[string]int{}
	for i := 0; i+1 < len(eps.Content); i += 2 {
		names = append(names, eps.Content[i].Value)
		byName[eps.Content[i].Value] = i + 1
	}
	sort.Strings(names)
	i, ok := byName[resource]
	switch {
	case resource != "" && !ok:
		return t, fmt.Errorf("%s: no entry point %q (found: %s)", file, resource, strings.Join(names, ", "))
	case resource == "" && len(names) > 1:
		return t, fmt.Errorf("%s declares several entry points (%s): set the hop's resource to the one the connection enters by", file, strings.Join(names, ", "))
	case resource == "":
		i = 1
	}
	n := get(get(get(eps.Content[i], "transport"), "respondingTimeouts"), "idleTimeout")
	if n == nil {
		return t, nil // Traefik's documented default applies
	}
	d, err := traefikDuration(n.Value)
	if err != nil {
		return t, fmt.Errorf("%s:%d: idleTimeout: %v", file, n.Line, err)
	}
	t.KeepAlive, t.HasKeepAlive = lbValue{D: d, Src: Source{File: file, Line: n.Line}}, true
	return t, nil
}

// traefikDuration parses Traefik's durations: a Go duration, or a bare
// number of seconds.
func traefikDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if secs, err := strconv.ParseInt(s, 10, 64); err == nil {
		if secs < 0 || secs > int64(1<<62)/int64(time.Second) {
			return 0, fmt.Errorf("%q is out of range", s)
		}
		return time.Duration(secs) * time.Second, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("%q is not a duration (Go syntax such as \"180s\", or seconds)", s)
	}
	return d, nil
}
