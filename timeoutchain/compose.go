package timeoutchain

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/connlint/connlint/internal/report"
)

// docker-compose files, as the Compose specification names them
// (docs.docker.com/compose/intro/compose-application-model/): compose.yaml
// (preferred), compose.yml, and docker-compose.yaml and docker-compose.yml
// for backwards compatibility; "if both files exist, Compose prefers the
// canonical compose.yaml". `docker compose` merges compose.override.yaml
// into it by default, and other files given with -f
// (docs.docker.com/compose/how-tos/multiple-compose-files/merge/).
var composeBases = []string{"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"}

// composeLayer is how a file takes part in its directory's project.
type composeLayer int

const (
	layerBase     composeLayer = iota // the file docker compose reads by default
	layerOverride                     // compose.override.yaml: merged into it by default
	layerVariant                      // docker-compose.prod.yml: given with -f, an alternative
)

// composeFileLayer reports whether name is a compose file, and its layer.
func composeFileLayer(name string) (composeLayer, bool) {
	ext := path.Ext(name)
	if ext != ".yaml" && ext != ".yml" {
		return 0, false
	}
	stem := strings.TrimSuffix(name, ext)
	for _, base := range []string{"compose", "docker-compose"} {
		switch rest, ok := strings.CutPrefix(stem, base); {
		case !ok:
		case rest == "":
			return layerBase, true
		case rest == ".override":
			return layerOverride, true
		case len(rest) > 1 && (rest[0] == '.' || rest[0] == '-'):
			return layerVariant, true
		}
	}
	return 0, false
}

// composeProject is the services of the compose files of one directory,
// merged as docker compose merges a file and its overrides: a mapping
// key of a later file replaces the earlier one, ports and depends_on add
// up, and a bind mount replaces the one on the same container path. A
// variant file (docker-compose.prod.yml) is an alternative to the base,
// not a layer over it: its mounts are kept beside the base's, so that a
// proxy given two different configurations is seen as ambiguous.
type composeProject struct {
	Dir      string   // relative to the root, "." for the root itself
	Files    []string // relative to the root, the base file first
	Services []*composeService
}

// composeService is one service of a compose project.
type composeService struct {
	Name      string
	Decl      Source // its key, in the first file that declares it
	Image     string // repository path without registry, tag or digest
	Build     bool   // built from the repository's sources
	Ports     []composePort
	Mounts    []composeMount
	DependsOn []string
	Command   []string // the command's words, when it is written out
	wordAt    []Source // where each word of Command is written
}

// composePort is one published port of a service.
type composePort struct {
	// Target and TargetEnd are the container ports; 0 when the target
	// is interpolated (${PORT}) and cannot be known.
	Target, TargetEnd int
	Published         string // the host port or range as written; "" when Docker picks one
	Protocol          string // tcp or udp
	At                Source
}

// composeMount is one bind mount of a service.
type composeMount struct {
	Raw    string // the host path as written
	Source string // relative to the root with slashes; "" when Unreadable is set
	// Unreadable says why the host path is not read: interpolated,
	// in the home directory, or outside the repository.
	Unreadable string
	Target     string // the path in the container, cleaned
	At         Source
	layer      composeLayer
}

// composeReadError is a compose file that cannot be read or does not
// have the shape the Compose specification gives it: a chain-source
// error at its line.
type composeReadError struct {
	at  Source
	msg string
}

func (e *composeReadError) Error() string { return fmt.Sprintf("%s: %s", e.at, e.msg) }

func composeFail(file string, line int, format string, args ...any) error {
	return &composeReadError{at: Source{File: file, Line: line}, msg: fmt.Sprintf(format, args...)}
}

// findCompose reads the docker-compose files below root (not under
// vendor, node_modules, testdata or hidden directories, which nginx
// discovery passes over too) into one project per directory. A file that
// cannot be read or parsed, or whose services, ports, volumes,
// depends_on or command have the wrong shape, is a chain-source finding:
// its project is left out rather than guessed. err is a failure to walk
// the tree.
func findCompose(root string) (projects []*composeProject, errs []report.Finding, err error) {
	byDir := map[string][]string{}
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (strings.HasPrefix(name, ".") || name == "vendor" || name == "node_modules" || name == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		if _, ok := composeFileLayer(name); !ok {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		byDir[path.Dir(rel)] = append(byDir[path.Dir(rel)], rel)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	dirs := make([]string, 0, len(byDir))
	for dir := range byDir {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		p, perr := readComposeProject(root, dir, byDir[dir])
		var ce *composeReadError
		switch {
		case errors.As(perr, &ce):
			errs = append(errs, sourceFinding(ce.at, ce.msg))
		case perr != nil:
			return nil, nil, perr
		default:
			projects = append(projects, p)
		}
	}
	return projects, errs, nil
}

// readComposeProject reads and merges the compose files of one directory:
// the preferred base file first, its overrides next, variants last.
func readComposeProject(root, dir string, files []string) (*composeProject, error) {
	sort.Slice(files, func(i, j int) bool { return composeOrder(files[i]) < composeOrder(files[j]) })
	p := &composeProject{Dir: dir, Files: files}
	byName := map[string]*composeService{}
	for i, file := range files {
		layer, _ := composeFileLayer(path.Base(file))
		if layer == layerBase && i > 0 {
			layer = layerVariant // compose.yaml wins; docker-compose.yml is read with -f only
		}
		services, err := readComposeFile(root, file)
		if err != nil {
			return nil, err
		}
		for _, s := range services {
			for i := range s.Mounts {
				s.Mounts[i].layer = layer
			}
			if prev, ok := byName[s.Name]; ok {
				prev.merge(s)
				continue
			}
			byName[s.Name] = s
			p.Services = append(p.Services, s)
		}
	}
	sort.Slice(p.Services, func(i, j int) bool { return p.Services[i].Name < p.Services[j].Name })
	return p, nil
}

// composeOrder sorts a directory's compose files: the base files in the
// order of preference, then overrides, then variants by name.
func composeOrder(file string) string {
	name := path.Base(file)
	for i, b := range composeBases {
		if name == b {
			return strconv.Itoa(i)
		}
	}
	if layer, _ := composeFileLayer(name); layer == layerOverride {
		return "5" + name
	}
	return "9" + name
}

// merge applies a later file's declaration of the same service.
func (s *composeService) merge(later *composeService) {
	if later.Image != "" {
		s.Image = later.Image
	}
	s.Build = s.Build || later.Build
	if later.Command != nil {
		s.Command, s.wordAt = later.Command, later.wordAt
	}
	s.Ports = append(s.Ports, later.Ports...)
	for _, d := range later.DependsOn {
		if !contains(s.DependsOn, d) {
			s.DependsOn = append(s.DependsOn, d)
		}
	}
	for _, m := range later.Mounts {
		if m.layer == layerOverride {
			s.Mounts = withoutTarget(s.Mounts, m.Target)
		}
		s.Mounts = append(s.Mounts, m)
	}
}

func withoutTarget(mounts []composeMount, target string) []composeMount {
	var out []composeMount
	for _, m := range mounts {
		if m.Target != target {
			out = append(out, m)
		}
	}
	return out
}

// readComposeFile parses one compose file's services.
func readComposeFile(root, file string) (services []*composeService, err error) {
	// readFile refuses a FIFO, an oversized file and a symlink out of
	// the repository, as for every source.
	data, err := readFile(root, file)
	if err != nil {
		return nil, composeFail(file, 0, "%v", err)
	}
	return parseCompose(data, file, path.Dir(file), root)
}

// parseCompose reads the services of a compose file's first document.
// dir is the project directory host paths are relative to, root the
// repository they must stay in.
func parseCompose(data []byte, file, dir, root string) (services []*composeService, err error) {
	defer guard(file, &err)
	var doc yaml.Node
	if err := yaml.NewDecoder(strings.NewReader(string(data))).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil // an empty file declares nothing
		}
		line, msg := yamlErrorLine(err)
		return nil, composeFail(file, line, "%s does not parse as YAML: %s", file, msg)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	top := deref(doc.Content[0])
	if top.Kind != yaml.MappingNode {
		return nil, composeFail(file, top.Line, "%s is not a mapping of top-level keys (services, networks, volumes…): not a compose file", file)
	}
	svcs := get(top, "services")
	if svcs == nil || svcs.Tag == "!!null" {
		return nil, nil // networks or volumes only, or an include list
	}
	if svcs.Kind != yaml.MappingNode {
		return nil, composeFail(file, svcs.Line, "services is %s; the Compose specification wants a mapping of service names to services", kindName(svcs))
	}
	for i := 0; i+1 < len(svcs.Content); i += 2 {
		key, body := svcs.Content[i], deref(svcs.Content[i+1])
		if key.Tag == "!!merge" {
			continue
		}
		s, err := parseService(key, body, file, dir, root)
		if err != nil {
			return nil, err
		}
		services = append(services, s)
	}
	return services, nil
}

// kindName says what a node is, for messages about wrong shapes.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	if n.Value == "" {
		return "empty"
	}
	return fmt.Sprintf("the scalar %q", n.Value)
}

func parseService(key, body *yaml.Node, file, dir, root string) (*composeService, error) {
	s := &composeService{Name: key.Value, Decl: Source{File: file, Line: key.Line}}
	if body == nil || body.Kind != yaml.MappingNode {
		return nil, composeFail(file, key.Line, "service %q is %s; the Compose specification wants a mapping (image, build, ports…)", s.Name, kindName(body))
	}
	if n := get(body, "image"); n != nil {
		if n.Kind != yaml.ScalarNode {
			return nil, composeFail(file, n.Line, "service %q: image is %s, not an image reference", s.Name, kindName(n))
		}
		s.Image = imageName(n.Value)
	}
	if n := get(body, "build"); n != nil {
		if n.Kind == yaml.SequenceNode {
			return nil, composeFail(file, n.Line, "service %q: build is a list; the Compose specification wants a path or a mapping (context, dockerfile…)", s.Name)
		}
		s.Build = true
	}
	var err error
	if s.Ports, err = parsePorts(get(body, "ports"), file, s.Name); err != nil {
		return nil, err
	}
	if s.Mounts, err = parseVolumes(get(body, "volumes"), file, s.Name, dir, root); err != nil {
		return nil, err
	}
	if s.DependsOn, err = parseDependsOn(get(body, "depends_on"), file, s.Name); err != nil {
		return nil, err
	}
	if s.Command, s.wordAt, err = parseCommand(get(body, "command"), file, s.Name); err != nil {
		return nil, err
	}
	return s, nil
}

// imageName is an image reference's repository path without the registry,
// the tag or the digest, and without Docker Hub's library/ prefix:
// docker.io/library/nginx:1.27-alpine → nginx.
func imageName(ref string) string {
	ref, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref = ref[:i]
	}
	if first, rest, ok := strings.Cut(ref, "/"); ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		ref = rest
	}
	return strings.TrimPrefix(strings.ToLower(ref), "library/")
}

// parsePorts reads ports in the short syntax ("[HOST_IP:][HOST:]CONTAINER[/PROTOCOL]",
// ranges allowed, or a bare number) and the long one (target, published,
// protocol), docs.docker.com/reference/compose-file/services/#ports.
func parsePorts(n *yaml.Node, file, service string) ([]composePort, error) {
	if n == nil || n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, composeFail(file, n.Line, "service %q: ports is %s; the Compose specification wants a list", service, kindName(n))
	}
	var out []composePort
	for _, e := range n.Content {
		e = deref(e)
		var p composePort
		var err error
		switch e.Kind {
		case yaml.ScalarNode:
			p, err = shortPort(e.Value)
		case yaml.MappingNode:
			p, err = longPort(e)
		default:
			err = fmt.Errorf("is %s, neither \"HOST:CONTAINER\" nor a mapping with target", kindName(e))
		}
		if err != nil {
			return nil, composeFail(file, e.Line, "service %q: port %v", service, err)
		}
		p.At = Source{File: file, Line: e.Line}
		out = append(out, p)
	}
	return out, nil
}

func shortPort(s string) (composePort, error) {
	p := composePort{Protocol: "tcp"}
	spec, proto, ok := strings.Cut(s, "/")
	if ok {
		p.Protocol = proto
	}
	parts := splitColons(spec)
	var err error
	if p.Target, p.TargetEnd, err = portRange(parts[len(parts)-1]); err != nil {
		return p, fmt.Errorf("%q: container port %v", s, err)
	}
	if len(parts) >= 2 {
		p.Published = parts[len(parts)-2]
		if _, _, err := portRange(p.Published); p.Published != "" && err != nil {
			return p, fmt.Errorf("%q: host port %v", s, err)
		}
	}
	return p, nil
}

func longPort(n *yaml.Node) (composePort, error) {
	p := composePort{Protocol: "tcp"}
	t := get(n, "target")
	if t == nil || t.Kind != yaml.ScalarNode {
		return p, fmt.Errorf("in the long syntax has no target container port")
	}
	var err error
	if p.Target, p.TargetEnd, err = portRange(t.Value); err != nil {
		return p, fmt.Errorf("target %v", err)
	}
	if pub := get(n, "published"); pub != nil {
		if pub.Kind != yaml.ScalarNode {
			return p, fmt.Errorf("published is %s, not a port", kindName(pub))
		}
		p.Published = pub.Value
		if _, _, err := portRange(p.Published); err != nil {
			return p, fmt.Errorf("published %v", err)
		}
	}
	if proto := get(n, "protocol"); proto != nil && proto.Kind == yaml.ScalarNode {
		p.Protocol = proto.Value
	}
	return p, nil
}

// portRange parses "1883" or "5000-5010". An interpolated value
// ("${MQTT_PORT:-1883}") is not an error but cannot be known: 0.
func portRange(s string) (lo, hi int, err error) {
	if strings.Contains(s, "$") {
		return 0, 0, nil
	}
	a, b, isRange := strings.Cut(s, "-")
	if lo, err = portNumber(a); err != nil {
		return 0, 0, err
	}
	hi = lo
	if isRange {
		if hi, err = portNumber(b); err != nil || hi < lo {
			return 0, 0, fmt.Errorf("%q is not a port range", s)
		}
	}
	return lo, hi, nil
}

func portNumber(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 || n > 65535 {
		return 0, fmt.Errorf("%q is not a port number (1-65535)", s)
	}
	return n, nil
}

// parseVolumes reads the bind mounts of a service, in the short syntax
// ("SOURCE:TARGET[:MODE]", a bind mount when SOURCE is a path: it starts
// with ".", "/" or "~") and the long one (type: bind, source, target),
// docs.docker.com/reference/compose-file/services/#volumes. Named volumes
// and tmpfs hold no configuration of the repository and are passed over.
func parseVolumes(n *yaml.Node, file, service, dir, root string) ([]composeMount, error) {
	if n == nil || n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, composeFail(file, n.Line, "service %q: volumes is %s; the Compose specification wants a list", service, kindName(n))
	}
	var out []composeMount
	for _, e := range n.Content {
		e = deref(e)
		var src, target string
		switch e.Kind {
		case yaml.ScalarNode:
			parts := splitColons(e.Value)
			if len(parts) < 2 {
				continue // an anonymous volume: "/var/lib/data"
			}
			src, target = parts[0], parts[1]
			if !isHostPath(src) {
				continue
			}
		case yaml.MappingNode:
			t, s, tg := get(e, "type"), get(e, "source"), get(e, "target")
			if tg == nil || tg.Kind != yaml.ScalarNode || tg.Value == "" {
				return nil, composeFail(file, e.Line, "service %q: volume in the long syntax has no target path", service)
			}
			if s != nil && s.Kind != yaml.ScalarNode {
				return nil, composeFail(file, s.Line, "service %q: volume source is %s, not a path", service, kindName(s))
			}
			// Without a type, the source says: a path, or a volume's name.
			if s == nil || t != nil && t.Value != "bind" || t == nil && !isHostPath(s.Value) {
				continue
			}
			src, target = s.Value, tg.Value
		default:
			return nil, composeFail(file, e.Line, "service %q: volume is %s, neither \"SOURCE:TARGET\" nor a mapping", service, kindName(e))
		}
		if strings.Contains(target, "$") {
			// Interpolated from the environment at run time
			// ("${APP_CONFIG_PATH}"): where it mounts cannot be told, and
			// it is valid Compose, so it is passed over.
			continue
		}
		if !strings.HasPrefix(target, "/") {
			return nil, composeFail(file, e.Line, "service %q: volume target %q is not an absolute path in the container", service, target)
		}
		m := composeMount{Raw: src, Target: path.Clean(target), At: Source{File: file, Line: e.Line}}
		m.Source, m.Unreadable = hostPath(src, dir, root)
		out = append(out, m)
	}
	return out, nil
}

// splitColons splits a short port or volume at its colons, except those
// inside an interpolation: "${CFG:-./haproxy.cfg}:/usr/local/etc/haproxy/haproxy.cfg:ro".
func splitColons(v string) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(v); i++ {
		switch {
		case v[i] == '$' && i+1 < len(v) && v[i+1] == '{':
			depth++
			i++
		case v[i] == '}' && depth > 0:
			depth--
		case v[i] == ':' && depth == 0:
			parts = append(parts, v[start:i])
			start = i + 1
		}
	}
	return append(parts, v[start:])
}

// isHostPath tells a bind mount's source from a named volume's.
func isHostPath(src string) bool {
	return strings.HasPrefix(src, ".") || strings.HasPrefix(src, "/") || strings.HasPrefix(src, "~") || strings.HasPrefix(src, "$")
}

// hostPath resolves a bind mount's source against the project directory,
// or says why it cannot be read.
func hostPath(src, dir, root string) (rel, unreadable string) {
	switch {
	case strings.Contains(src, "$"):
		return "", "interpolated from the environment"
	case strings.HasPrefix(src, "~"):
		return "", "in the home directory, outside the repository"
	case strings.HasPrefix(src, "/"):
		if rootAbs, err := filepath.Abs(root); err == nil {
			if r, err := filepath.Rel(rootAbs, src); err == nil && !strings.HasPrefix(r, "..") {
				return filepath.ToSlash(r), ""
			}
		}
		return "", "outside the repository, and connlint never reads the machine's files"
	}
	rel = path.Join(dir, src)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", "outside the repository, and connlint never reads the machine's files"
	}
	return rel, ""
}

// parseDependsOn reads depends_on as a list of names or a mapping of names
// to conditions.
func parseDependsOn(n *yaml.Node, file, service string) ([]string, error) {
	if n == nil || n.Tag == "!!null" {
		return nil, nil
	}
	var out []string
	switch n.Kind {
	case yaml.SequenceNode:
		for _, e := range n.Content {
			if e = deref(e); e.Kind != yaml.ScalarNode {
				return nil, composeFail(file, e.Line, "service %q: depends_on entry is %s, not a service name", service, kindName(e))
			}
			out = append(out, e.Value)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			out = append(out, n.Content[i].Value)
		}
	default:
		return nil, composeFail(file, n.Line, "service %q: depends_on is %s; the Compose specification wants a list or a mapping of service names", service, kindName(n))
	}
	return out, nil
}

// parseCommand reads command as a list of words, or a string split at
// spaces (quotes are rare in the flags read here), with where each word is.
func parseCommand(n *yaml.Node, file, service string) (words []string, at []Source, err error) {
	if n == nil || n.Tag == "!!null" {
		return nil, nil, nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		for _, w := range strings.Fields(n.Value) {
			words, at = append(words, w), append(at, Source{File: file, Line: n.Line})
		}
		return words, at, nil
	case yaml.SequenceNode:
		for _, e := range n.Content {
			if e = deref(e); e.Kind != yaml.ScalarNode {
				return nil, nil, composeFail(file, e.Line, "service %q: command word is %s, not a string", service, kindName(e))
			}
			words, at = append(words, e.Value), append(at, Source{File: file, Line: e.Line})
		}
		return words, at, nil
	}
	return nil, nil, composeFail(file, n.Line, "service %q: command is %s; the Compose specification wants a string or a list", service, kindName(n))
}
