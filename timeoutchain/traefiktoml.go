package timeoutchain

import (
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// traefikTOMLIdle reads the same static setting as traefikIdle from
// Traefik's TOML form: [entryPoints.NAME.transport.respondingTimeouts]
// idleTimeout = "180s" (or a number of seconds).
func traefikTOMLIdle(data []byte, file, resource string) (t proxyTimeouts, err error) {
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		if perr, ok := err.(toml.ParseError); ok {
			return t, fmt.Errorf("%s:%d: %s", file, perr.Position.Line, perr.Message)
		}
		return t, fmt.Errorf("%s: %v", file, err)
	}
	eps, _ := doc["entryPoints"].(map[string]any)
	if len(eps) == 0 {
		return t, fmt.Errorf("%s: no [entryPoints]: not a Traefik static configuration", file)
	}
	names := make([]string, 0, len(eps))
	for name := range eps {
		names = append(names, name)
	}
	sort.Strings(names)
	switch _, ok := eps[resource]; {
	case resource != "" && !ok:
		return t, fmt.Errorf("%s: no entry point %q (found: %s)", file, resource, strings.Join(names, ", "))
	case resource == "" && len(names) > 1:
		return t, fmt.Errorf("%s declares several entry points (%s): set the hop's resource to the one the connection enters by", file, strings.Join(names, ", "))
	case resource == "":
		resource = names[0]
	}
	v, ok := lookupTOML(eps[resource], "transport", "respondingTimeouts", "idleTimeout")
	if !ok {
		return t, nil // Traefik's documented default applies
	}
	line := tomlKeyLine(string(data), "entryPoints."+resource+".transport.respondingTimeouts.idleTimeout")
	text := fmt.Sprint(v)
	if _, isString := v.(string); !isString {
		if _, isInt := v.(int64); !isInt {
			return t, fmt.Errorf("%s:%d: idleTimeout: %v is not a duration (Go syntax such as \"180s\", or seconds)", file, line, v)
		}
	}
	dur, err := traefikDuration(text)
	if err != nil {
		return t, fmt.Errorf("%s:%d: idleTimeout: %v", file, line, err)
	}
	t.KeepAlive, t.HasKeepAlive = lbValue{D: dur, Src: Source{File: file, Line: line}}, true
	return t, nil
}

func lookupTOML(v any, path ...string) (any, bool) {
	for _, k := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[k]; !ok {
			return nil, false
		}
	}
	return v, true
}

// tomlKeyLine finds the line that sets the dotted key path: a key under
// its table header, or a dotted key under a parent table. 0 when the key
// is written another way (an inline table).
func tomlKeyLine(doc, path string) int {
	table := ""
	for i, raw := range strings.Split(doc, "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, "[") {
			end := strings.Index(line, "]")
			if end < 0 {
				continue
			}
			table = unquoteDotted(strings.Trim(line[:end], "[ "))
			continue
		}
		key, _, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		full := unquoteDotted(key)
		if table != "" {
			full = table + "." + full
		}
		if full == path {
			return i + 1
		}
	}
	return 0
}

// unquoteDotted normalises a dotted TOML key: a."b".c → a.b.c.
func unquoteDotted(key string) string {
	parts := strings.Split(key, ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}
