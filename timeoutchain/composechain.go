package timeoutchain

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"

	"github.com/connlint/connlint/internal/records"
	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/safefile"
)

// What a compose service is, told by its image.
const (
	roleNginx   = "nginx"
	roleHAProxy = "haproxy"
	roleTraefik = "traefik"
	roleEnvoy   = "envoy"
	roleBroker  = "MQTT broker"
	roleApp     = "app" // built from the repository: the Go service
)

// serviceImages maps the last element of an image's name to its role:
// Docker Hub's official nginx, haproxy, traefik and eclipse-mosquitto
// images, nginxinc/nginx-unprivileged, openresty/openresty, bitnami/nginx,
// haproxytech/haproxy-*, envoyproxy/envoy*, emqx/emqx, vernemq/vernemq,
// hivemq/hivemq-ce, hivemq/hivemq4 and emqx/nanomq. Images that generate
// their configuration (nginx-proxy, nginx-proxy-manager) are not here:
// what they run is not in the repository.
var serviceImages = map[string]string{
	"nginx": roleNginx, "nginx-unprivileged": roleNginx, "openresty": roleNginx,
	"haproxy": roleHAProxy, "haproxy-alpine": roleHAProxy, "haproxy-debian": roleHAProxy, "haproxy-ubuntu": roleHAProxy,
	"traefik": roleTraefik,
	"envoy":   roleEnvoy, "envoy-alpine": roleEnvoy, "envoy-distroless": roleEnvoy,
	"eclipse-mosquitto": roleBroker, "emqx": roleBroker, "vernemq": roleBroker, "hivemq-ce": roleBroker, "hivemq4": roleBroker, "nanomq": roleBroker,
}

// role is what the service is: a proxy (nginx, haproxy, traefik, envoy),
// an MQTT broker, the app built from the repository, or "" for anything
// else (databases, dashboards).
func (s *composeService) role() string {
	last := s.Image[strings.LastIndex(s.Image, "/")+1:]
	if r, ok := serviceImages[last]; ok {
		return r
	}
	if last == "rabbitmq" && s.rabbitMQTT() {
		return roleBroker
	}
	if s.Build {
		return roleApp
	}
	return ""
}

// rabbitMQTT reports whether a RabbitMQ service clearly serves MQTT: its
// MQTT plugin is enabled in its command, or it publishes an MQTT port
// (the plugin listens on 1883 and 8883, rabbitmq.com/docs/mqtt).
func (s *composeService) rabbitMQTT() bool {
	for _, w := range s.Command {
		if strings.Contains(w, "rabbitmq_mqtt") {
			return true
		}
	}
	return s.publishesMQTT()
}

func (s *composeService) publishesMQTT() bool {
	for _, p := range s.Ports {
		for port := p.Target; port > 0 && port <= p.TargetEnd; port++ {
			if IsMQTTPort(port) {
				return true
			}
		}
	}
	return false
}

// targetPorts are the container ports the service publishes.
func (s *composeService) targetPorts() []int {
	var out []int
	for _, p := range s.Ports {
		for port := p.Target; port > 0 && port <= p.TargetEnd && port-p.Target < 1024; port++ {
			out = append(out, port)
		}
	}
	return out
}

func isProxy(role string) bool {
	return role == roleNginx || role == roleHAProxy || role == roleTraefik || role == roleEnvoy
}

// Where the nginx images read their configuration: the official image's
// nginx.conf includes /etc/nginx/conf.d/*.conf, and its entrypoint renders
// /etc/nginx/templates/*.template into conf.d with envsubst
// (hub.docker.com/_/nginx, "Using environment variables in nginx
// configuration"); Debian's layout includes sites-enabled/*; OpenResty's
// image reads /usr/local/openresty/nginx/conf/nginx.conf and includes
// /etc/nginx/conf.d/*.conf (hub.docker.com/r/openresty/openresty);
// bitnami/nginx reads /opt/bitnami/nginx/conf/nginx.conf and includes
// server_blocks/*.conf.
var (
	nginxConfDirs = []string{"/etc/nginx", "/usr/local/openresty/nginx/conf", "/opt/bitnami/nginx/conf"}
	nginxIncluded = map[string]string{
		"/etc/nginx/conf.d":                     "*.conf",
		"/etc/nginx/templates":                  "*.template",
		"/etc/nginx/sites-enabled":              "*",
		"/opt/bitnami/nginx/conf/server_blocks": "*.conf",
	}
)

// ComposeNginxFiles lists the nginx configuration files the compose files
// below root mount into nginx containers, relative to root: reviewed like
// the nginx files discovery finds, even where it would not find them (a
// hidden directory, a name without .conf). Files that are missing are
// left to DiscoverCompose, which reports them.
func ComposeNginxFiles(root string) ([]string, error) {
	projects, _, err := findCompose(root)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range projects {
		files, _ := composeNginxMounts(root, p)
		out = append(out, files...)
	}
	return out, nil
}

// composeNginxMounts lists the nginx configuration mounted into the
// project's nginx services, and a finding for each mounted file that is
// missing (nginx would not start).
func composeNginxMounts(root string, p *composeProject) (files []string, errs []report.Finding) {
	seen := map[string]bool{}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	for _, s := range p.Services {
		if s.role() != roleNginx {
			continue
		}
		for _, m := range s.Mounts {
			if m.Source == "" {
				continue
			}
			host := filepath.Join(root, filepath.FromSlash(m.Source))
			switch pattern, dir := nginxIncluded[m.Target]; {
			case contains(nginxConfDirs, m.Target):
				// The whole configuration directory: its nginx.conf is
				// the entry file, which includes the rest.
				if safefile.CheckRegular(filepath.Join(host, "nginx.conf")) == nil {
					add(path.Join(m.Source, "nginx.conf"))
				}
			case dir:
				for _, f := range includedFiles(host, pattern) {
					add(path.Join(m.Source, f))
				}
			case path.Base(m.Target) == "nginx.conf" && contains(nginxConfDirs, path.Dir(m.Target)) || includedName(m.Target):
				if err := safefile.CheckRegular(host); err != nil {
					errs = append(errs, sourceFinding(m.At, fmt.Sprintf("service %q mounts %s at %s, but %s %v: nginx would start without it", s.Name, m.Raw, m.Target, m.Source, err)))
					continue
				}
				add(m.Source)
			}
		}
	}
	return files, errs
}

// includedName reports whether a file mounted at target is one the
// image's nginx.conf includes.
func includedName(target string) bool {
	pattern, ok := nginxIncluded[path.Dir(target)]
	if !ok {
		return false
	}
	match, _ := path.Match(pattern, path.Base(target))
	return match
}

// includedFiles lists the regular, non-hidden files of dir that match
// pattern, sorted. A directory that does not exist is empty: Docker
// creates it for the mount.
func includedFiles(dir, pattern string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if match, _ := path.Match(pattern, name); !match || strings.HasPrefix(name, ".") || !e.Type().IsRegular() {
			continue
		}
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// DiscoverCompose assumes a chain per compose project below root whose
// path is plain: exactly one proxy service (haproxy, traefik or envoy)
// that publishes a port, its timeouts read from the configuration mounted
// into it, the MQTT broker or the Go server behind it, and the one
// heartbeat of the code that fits (the MQTT keep-alive when the proxy
// publishes an MQTT port or fronts only brokers, else the WebSocket ping).
// An nginx proxy is left to nginx discovery, which reads its mounted
// configuration (ComposeNginxFiles). Compose files that cannot be read,
// and mounted files that are missing, are chain-source findings in
// Errors.
func DiscoverCompose(root string, hbs []records.Heartbeat, servers []records.Server) Assumption {
	var a Assumption
	projects, errs, err := findCompose(root)
	if err != nil {
		a.Notes = append(a.Notes, "cannot look for compose files: "+err.Error())
		return a
	}
	a.Errors = errs
	for _, p := range projects {
		_, missing := composeNginxMounts(root, p)
		a.Errors = append(a.Errors, missing...)
		missing = missingProxyConfigs(root, p)
		a.Errors = append(a.Errors, missing...)
		if len(missing) == 0 {
			a.assumeProject(root, p, hbs, servers)
		}
	}
	return a
}

// missingProxyConfigs reports the configuration files mounted into
// haproxy, traefik and envoy services that are missing, whatever chain
// the project gives: the proxy would not start as written.
func missingProxyConfigs(root string, p *composeProject) []report.Finding {
	var errs []report.Finding
	for _, s := range p.Services {
		if s.role() == roleTraefik && traefikFlags(s) {
			continue // configured by its flags: no file is read
		}
		file, at, _ := s.mountedFile(root, proxyConfigPaths(s))
		if file == "" {
			continue
		}
		if err := safefile.CheckRegular(filepath.Join(root, filepath.FromSlash(file))); err != nil {
			errs = append(errs, sourceFinding(at, fmt.Sprintf("service %q mounts %s, but %s %v: %s would start without its configuration", s.Name, file, file, err, s.role())))
		}
	}
	return errs
}

// assumeProject assumes the chain of one project, or says why not.
func (a *Assumption) assumeProject(root string, p *composeProject, hbs []records.Heartbeat, servers []records.Server) {
	var proxies []*composeService
	var names []string
	for _, s := range p.Services {
		if isProxy(s.role()) {
			proxies = append(proxies, s)
			names = append(names, fmt.Sprintf("%s (%s)", s.Name, s.role()))
		}
	}
	switch {
	case len(proxies) == 0:
		return // devices reach the broker or the app directly: no hop to check
	case len(proxies) > 1:
		a.Notes = append(a.Notes, fmt.Sprintf("%s: services %s are all proxies and connlint cannot tell their order: no chain assumed for this compose project; configure [[chain]]", p.Files[0], strings.Join(names, ", ")))
		return
	}
	proxy := proxies[0]
	if proxy.role() == roleNginx || len(proxy.Ports) == 0 {
		// nginx: its mounted configuration is loaded, and nginx
		// discovery assumes its chains; unpublished: devices do not
		// connect to it.
		return
	}
	protocol, behind := p.behind(proxy)
	if protocol == "" {
		return // neither a broker nor the app behind it: not a device path
	}
	beats := knownHeartbeats(ofKinds(hbs, heartbeatKinds(protocol)))
	what := "heartbeat"
	if protocol == ProtoMQTT {
		what = "MQTT keep-alive"
	}
	switch len(beats) {
	case 0:
		a.Notes = append(a.Notes, fmt.Sprintf("%s: no %s with a known interval in the code: no chain assumed for %s service %s; configure [[chain]]", proxy.Decl, what, proxy.role(), proxy.Name))
		return
	case 1:
	default:
		a.Notes = append(a.Notes, fmt.Sprintf("%s: %d %ss in the code: no chain assumed for %s service %s; configure [[chain]] with heartbeat = \"…\"", proxy.Decl, len(beats), what, proxy.role(), proxy.Name))
		return
	}
	hop, note, finding := composeProxyHop(root, proxy, entryPorts(proxy, protocol))
	switch {
	case finding != nil:
		a.Errors = append(a.Errors, *finding)
		return
	case note != "":
		a.Notes = append(a.Notes, fmt.Sprintf("%s: %s: no chain assumed for this compose project; configure [[chain]]", proxy.Decl, note))
		return
	}
	heartbeat := heartbeatOf(beats[0])
	c := &Chain{Name: "assumed: compose " + hop.Name, Decl: proxy.Decl, Heartbeat: heartbeat, Protocol: protocol, Hops: []Hop{hop}}
	if g := goServerHop(servers); g != nil && behind != nil && behind.role() == roleApp {
		c.Hops = append(c.Hops, *g)
	}
	a.Chains = append(a.Chains, c)
	backend := ""
	if behind != nil {
		backend = fmt.Sprintf("; behind the proxy: %s %s", behind.role(), behind.Name)
	}
	a.Notes = append(a.Notes, fmt.Sprintf("no [[chain]] configured; assumed chain %q: %s%s; %s %s (%s)", c.Name, hopList(c), backend, what, heartbeat.Interval.D, heartbeat.Interval.Src))
}

// entryPorts are the container ports devices enter the proxy by: its
// published MQTT ports for an MQTT path (a dashboard or stats port beside
// them is another path), else all it publishes.
func entryPorts(proxy *composeService, protocol string) []int {
	ports := proxy.targetPorts()
	if protocol != ProtoMQTT {
		return ports
	}
	var mqtt []int
	for _, p := range ports {
		if IsMQTTPort(p) {
			mqtt = append(mqtt, p)
		}
	}
	if len(mqtt) == 0 {
		return ports
	}
	return mqtt
}

// behind decides what a published proxy carries and to which service: an
// MQTT broker when it publishes an MQTT port or depends on brokers only,
// else the app built from the repository (a WebSocket path). The service
// is nil when several could be behind it.
func (p *composeProject) behind(proxy *composeService) (string, *composeService) {
	brokers, apps := p.backends(proxy.DependsOn)
	if len(brokers)+len(apps) == 0 {
		// It depends on something else (a certificate renewer): what
		// it proxies to is not said.
		brokers, apps = p.backends(nil)
	}
	one := func(list []*composeService) *composeService {
		if len(list) == 1 {
			return list[0]
		}
		return nil
	}
	switch {
	case proxy.publishesMQTT() || len(brokers) > 0 && len(apps) == 0:
		return ProtoMQTT, one(brokers)
	case len(apps) > 0:
		return ProtoWebSocket, one(apps)
	}
	return "", nil
}

// backends are the project's brokers and apps, among names when it is
// not empty.
func (p *composeProject) backends(names []string) (brokers, apps []*composeService) {
	for _, s := range p.Services {
		if len(names) > 0 && !contains(names, s.Name) {
			continue
		}
		switch s.role() {
		case roleBroker:
			brokers = append(brokers, s)
		case roleApp:
			apps = append(apps, s)
		}
	}
	return brokers, apps
}

// Where the proxy images read their configuration, unless the command
// names another file: the official haproxy image runs haproxy -f
// /usr/local/etc/haproxy/haproxy.cfg (hub.docker.com/_/haproxy); Envoy's
// image runs envoy -c /etc/envoy/envoy.yaml (envoyproxy.io, "Run Envoy":
// -c/--config-path names the file); Traefik looks for traefik.yml,
// traefik.yaml or traefik.toml in /etc/traefik/ unless --configFile names
// one (doc.traefik.io, "Configuration Introduction", static configuration).
var (
	haproxyConfigs = []string{"/usr/local/etc/haproxy/haproxy.cfg", "/opt/bitnami/haproxy/conf/haproxy.cfg"}
	envoyConfigs   = []string{"/etc/envoy/envoy.yaml"}
	traefikConfigs = []string{"/etc/traefik/traefik.yml", "/etc/traefik/traefik.yaml", "/etc/traefik/traefik.toml"}
)

// composeProxyHop builds the hop of a published proxy service from the
// configuration mounted into it. note says why no hop can be assumed
// (its configuration is not in the repository, or the published ports do
// not tell which entry the devices use); finding is a mounted file that
// is missing or does not parse.
func composeProxyHop(root string, s *composeService, ports []int) (Hop, string, *report.Finding) {
	role := s.role()
	h := Hop{Kind: role, Name: role + " service " + s.Name, Decl: s.Decl}
	applyDefaults(&h, kinds[role])
	if role == roleTraefik && traefikFlags(s) {
		return traefikCommandHop(h, s, ports)
	}
	candidates := proxyConfigPaths(s)
	file, at, problem := s.mountedFile(root, candidates)
	switch {
	case problem != "":
		return h, problem, nil
	case file == "" && role == roleTraefik:
		return h, "", nil // no static configuration: Traefik's defaults
	case file == "":
		return h, fmt.Sprintf("%s service %s mounts no configuration at %s, so its timeouts are not in the repository", role, s.Name, strings.Join(candidates, " or ")), nil
	}
	data, err := readFile(root, file)
	if err != nil {
		f := sourceFinding(at, fmt.Sprintf("service %q mounts %s: %v", s.Name, file, err))
		return h, "", &f
	}
	entries := proxyEntries(role, data, file)
	names := entriesFor(entries, ports)
	if names[0] == "" && len(entries) > 1 {
		var all []string
		for _, e := range entries {
			all = append(all, e.name)
		}
		return h, fmt.Sprintf("%s service %s publishes no port that one of the entries of %s (%s) listens on", role, s.Name, file, strings.Join(all, ", ")), nil
	}
	var picked []proxyTimeouts
	for _, name := range names {
		t, err := readProxy(role, data, file, name)
		if err != nil {
			f := sourceFinding(at, fmt.Sprintf("service %q mounts %s: %v", s.Name, file, err))
			return h, "", &f
		}
		picked = append(picked, t)
	}
	for _, t := range picked[1:] {
		if !sameTimeouts(t, picked[0]) {
			return h, fmt.Sprintf("%s service %s publishes ports that enter %s by %s, with different timeouts", role, s.Name, file, strings.Join(names, " and ")), nil
		}
	}
	h.applyProxy(picked[0])
	if len(names) == 1 && names[0] != "" && len(entries) > 1 {
		h.Name += " " + names[0]
	}
	return h, "", nil
}

// proxyConfigPaths are the container paths a haproxy, traefik or envoy
// service reads its configuration from; none for other services.
func proxyConfigPaths(s *composeService) []string {
	switch s.role() {
	case roleHAProxy:
		return configPaths(s, haproxyConfigs, "-f")
	case roleEnvoy:
		return configPaths(s, envoyConfigs, "-c", "--config-path")
	case roleTraefik:
		return configPaths(s, traefikConfigs, "--configfile")
	}
	return nil
}

// configPaths are the container paths a proxy reads its configuration
// from: the one its command names with a flag, else the image's defaults.
func configPaths(s *composeService, defaults []string, flags ...string) []string {
	for i, w := range s.Command {
		for _, f := range flags {
			lw := strings.ToLower(w)
			if v, ok := strings.CutPrefix(lw, f+"="); ok {
				return []string{path.Clean(w[len(w)-len(v):])}
			}
			if lw == f && i+1 < len(s.Command) {
				return []string{path.Clean(s.Command[i+1])}
			}
		}
	}
	return defaults
}

// mountedFile finds the repository file a service's container reads at
// the first of paths a mount provides: a file mounted there, else the
// file inside a directory mounted above it. Traefik's directory need not
// hold any of the files it could look for (traefik.yml, .yaml, .toml: it
// has defaults), so for it a file the directory lacks is passed over;
// HAProxy and Envoy need theirs, which is then reported missing. problem
// says why the file cannot be read: interpolated or outside the
// repository, or given by several compose files with different sources.
func (s *composeService) mountedFile(root string, paths []string) (file string, at Source, problem string) {
	for _, p := range paths {
		found, files, exact := s.mountsOf(p)
		switch {
		case len(found) == 0:
			continue
		case len(found) > 1:
			var where []string
			for _, m := range found {
				where = append(where, fmt.Sprintf("%s (%s)", m.Raw, m.At))
			}
			return "", Source{}, fmt.Sprintf("service %s mounts %s from several places (%s)", s.Name, p, strings.Join(where, ", "))
		case found[0].Unreadable != "":
			return "", Source{}, fmt.Sprintf("service %s mounts %s from %s, which is %s", s.Name, p, found[0].Raw, found[0].Unreadable)
		case !exact && s.role() == roleTraefik && safefile.CheckRegular(filepath.Join(root, filepath.FromSlash(files[0]))) != nil:
			continue
		}
		return files[0], found[0].At, ""
	}
	return "", Source{}, ""
}

// mountsOf returns the most specific mounts that provide container path
// p, one per distinct repository file, and whether they mount p itself
// rather than a directory above it.
func (s *composeService) mountsOf(p string) (found []composeMount, files []string, exact bool) {
	depth := -1
	for _, m := range s.Mounts {
		rest, ok := under(p, m.Target)
		if !ok {
			continue
		}
		// The most specific mount wins, as in the container.
		if d := strings.Count(m.Target, "/"); d > depth {
			found, files, depth = nil, nil, d
		} else if d < depth {
			continue
		}
		f := ""
		if m.Source != "" {
			f = path.Join(m.Source, rest)
		}
		if !contains(files, f) {
			found, files, exact = append(found, m), append(files, f), rest == ""
		}
	}
	return found, files, exact
}

// under reports whether container path p is target or inside it, and
// the rest of the path below it.
func under(p, target string) (string, bool) {
	if p == target {
		return "", true
	}
	if rest, ok := strings.CutPrefix(p, strings.TrimSuffix(target, "/")+"/"); ok {
		return rest, true
	}
	return "", false
}

// proxyEntry is a named way into a proxy — an HAProxy frontend or listen
// section, an Envoy listener, a Traefik entry point — and its ports.
type proxyEntry struct {
	name  string
	ports []int
}

// proxyEntries lists the entries of a proxy configuration. A file that
// does not parse has none here: reading its timeouts reports the error.
func proxyEntries(role string, data []byte, file string) []proxyEntry {
	var out []proxyEntry
	switch role {
	case roleHAProxy:
		sections, _ := parseHAProxy(data, file)
		for _, s := range sections {
			if s.kind == "frontend" || s.kind == "listen" {
				out = append(out, proxyEntry{s.name, s.ports})
			}
		}
	case roleEnvoy:
		docs, _ := yamlDocs(data, file)
		if len(docs) == 0 {
			return nil
		}
		for _, l := range sequence(get(get(docs[0], "static_resources"), "listeners")) {
			e := proxyEntry{}
			if n := get(l, "name"); n != nil {
				e.name = n.Value
			}
			if n := get(get(get(l, "address"), "socket_address"), "port_value"); n != nil {
				if lo, _, err := portRange(n.Value); err == nil && lo > 0 {
					e.ports = []int{lo}
				}
			}
			out = append(out, e)
		}
	case roleTraefik:
		for name, addr := range traefikAddresses(data, file) {
			out = append(out, proxyEntry{name, addressPort(addr)})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	}
	return out
}

// traefikAddresses maps a Traefik static configuration's entry points to
// their addresses.
func traefikAddresses(data []byte, file string) map[string]string {
	out := map[string]string{}
	if strings.HasSuffix(file, ".toml") {
		var doc map[string]any
		if _, err := toml.Decode(string(data), &doc); err != nil {
			return nil
		}
		eps, _ := doc["entryPoints"].(map[string]any)
		for name := range eps {
			addr, _ := lookupTOML(eps[name], "address")
			s, _ := addr.(string)
			out[name] = s
		}
		return out
	}
	docs, _ := yamlDocs(data, file)
	if len(docs) == 0 {
		return nil
	}
	eps := get(docs[0], "entryPoints")
	if eps == nil || eps.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(eps.Content); i += 2 {
		addr := ""
		if n := get(eps.Content[i+1], "address"); n != nil {
			addr = n.Value
		}
		out[eps.Content[i].Value] = addr
	}
	return out
}

// addressPort reads the port of a Traefik address: ":443", "0.0.0.0:8883/tcp".
func addressPort(addr string) []int {
	addr, _, _ = strings.Cut(addr, "/")
	return bindPorts(addr)
}

// entriesFor names the entries a proxy's published container ports
// enter by. With none matching, the reader is left to pick: the only
// entry, or an error that lists them.
func entriesFor(entries []proxyEntry, targets []int) []string {
	var names []string
	for _, e := range entries {
		for _, p := range e.ports {
			if slices.Contains(targets, p) {
				names = append(names, e.name)
				break
			}
		}
	}
	if len(names) == 0 {
		return []string{""}
	}
	return names
}

// readProxy reads one entry's timeouts with the proxy's reader.
func readProxy(role string, data []byte, file, entry string) (proxyTimeouts, error) {
	switch {
	case role == roleHAProxy:
		v, ok, err := haproxyIdle(data, file, entry)
		return proxyTimeouts{Stream: v, HasStream: ok, KeepAlive: v, HasKeepAlive: ok}, err
	case role == roleEnvoy:
		return envoyIdle(data, file, entry)
	case strings.HasSuffix(file, ".toml"):
		return traefikTOMLIdle(data, file, entry)
	}
	return traefikIdle(data, file, entry)
}

// sameTimeouts reports whether two entries time out alike, wherever
// their values are written.
func sameTimeouts(a, b proxyTimeouts) bool {
	return a.HasStream == b.HasStream && a.Stream.D == b.Stream.D && a.HasKeepAlive == b.HasKeepAlive && a.KeepAlive.D == b.KeepAlive.D
}

// traefikFlags reports whether Traefik takes its static configuration
// from the command line: the three ways (file, flags, environment) are
// mutually exclusive (doc.traefik.io, "Configuration Introduction").
func traefikFlags(s *composeService) bool {
	for _, w := range s.Command {
		if strings.HasPrefix(strings.ToLower(w), "--entrypoints.") {
			return true
		}
	}
	return false
}

// traefikCommandHop reads the entry points of a Traefik configured by
// flags: --entrypoints.NAME.address=:443 and
// --entrypoints.NAME.transport.respondingtimeouts.idletimeout=60s (flag
// names are case-insensitive). Several published entry points must agree.
func traefikCommandHop(h Hop, s *composeService, ports []int) (Hop, string, *report.Finding) {
	addrs := map[string]string{}
	idle := map[string]lbValue{}
	for i, w := range s.Command {
		key, value, ok := strings.Cut(w, "=")
		lk := strings.ToLower(key)
		rest, isEP := strings.CutPrefix(lk, "--entrypoints.")
		if !isEP {
			continue
		}
		if !ok && i+1 < len(s.Command) {
			value = s.Command[i+1]
		}
		name, setting, _ := strings.Cut(rest, ".")
		at := s.wordAt[i]
		switch setting {
		case "address":
			addrs[name] = value
		case "transport.respondingtimeouts.idletimeout":
			d, err := traefikDuration(value)
			if err != nil {
				f := sourceFinding(at, fmt.Sprintf("service %q: %s: %v", s.Name, key, err))
				return h, "", &f
			}
			idle[name] = lbValue{D: d, Src: at}
		}
	}
	var entries []proxyEntry
	for name, addr := range addrs {
		entries = append(entries, proxyEntry{name, addressPort(addr)})
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].name < entries[j].name })
	names := entriesFor(entries, ports)
	if names[0] == "" && len(entries) == 1 {
		names = []string{entries[0].name}
	}
	if names[0] == "" {
		return h, fmt.Sprintf("traefik service %s publishes no port its --entrypoints flags listen on", s.Name), nil
	}
	first, hasFirst := idle[names[0]]
	for _, n := range names[1:] {
		if v, has := idle[n]; has != hasFirst || v.D != first.D {
			return h, fmt.Sprintf("traefik service %s publishes entry points %s with different idle timeouts", s.Name, strings.Join(names, " and ")), nil
		}
	}
	h.applyProxy(proxyTimeouts{KeepAlive: first, HasKeepAlive: hasFirst})
	return h, "", nil
}
