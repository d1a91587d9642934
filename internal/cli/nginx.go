package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/connlint/connlint/internal/config"
	"github.com/connlint/connlint/internal/gocheck"
	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/nginxcheck"
	"github.com/connlint/connlint/timeoutchain"
)

// Nginx implements `connlint nginx [-config FILE] [-format F] FILE... |
// DIR`: nginx review only. FILE... are entry files, named relative to the
// current directory; DIR is a repository whose nginx configuration is
// found as `check DIR` finds it (its connlint.toml's [nginx].files, or
// discovery), with file names relative to DIR.
func Nginx(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("connlint nginx", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "read the [nginx] thresholds from `FILE` (default: ./connlint.toml when it exists)")
	format := fs.String("format", report.Text, "output format: text, json, sarif or markdown")
	jsonOut := fs.Bool("json", false, "same as -format json")
	srcRoot := fs.String("srcroot", "", strings.Replace(srcRootUsage, "the checked directory", "the working directory", 1))
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: connlint nginx [-config FILE] [-format text|json|sarif|markdown] [-json] [-srcroot DIR] FILE... | DIR")
		fs.PrintDefaults()
	}
	if code, done := parseFlags(fs, args, format, jsonOut, stderr); done {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitError
	}
	root, files := ".", fs.Args()
	if dir, ok := onlyDir(files); ok {
		root, files = dir, nil
	}
	if err := validateSrcRoot(root, *srcRoot); err != nil {
		fmt.Fprintf(stderr, "connlint nginx: %v\n", err)
		return ExitError
	}
	cfg, err := loadConfig(root, *configPath)
	if err != nil {
		fmt.Fprintf(stderr, "connlint nginx: %v\n", err)
		return ExitError
	}
	if files == nil {
		if files, err = nginxFiles(root, cfg); err != nil {
			fmt.Fprintf(stderr, "connlint nginx: %v\n", err)
			return ExitError
		}
		if len(files) == 0 {
			fmt.Fprintf(stderr, "connlint: note: no nginx configuration found under %s (nginx.conf, conf.d/, sites-enabled/, *.conf with nginx directives, or [nginx].files)\n", root)
		}
	}
	findings, _, failed, err := runNginx(root, files, cfg, stderr, nginxRun{budget: newHeapBudget()})
	if err != nil {
		fmt.Fprintf(stderr, "connlint nginx: %v\n", err)
		return ExitError
	}
	opts := report.Options{Format: *format, Version: version(), Color: *format == report.Text && report.IsTerminal(stdout)}
	failedNotification(&opts, failed)
	findings, err = withSrcRoot(findings, root, *srcRoot, &opts)
	if err != nil {
		fmt.Fprintf(stderr, "connlint nginx: %v\n", err)
		return ExitError
	}
	if err := report.Write(stdout, findings, opts); err != nil {
		fmt.Fprintf(stderr, "connlint nginx: %v\n", err)
		return ExitError
	}
	if failed {
		fmt.Fprintln(stderr, "connlint nginx: the configuration cannot be parsed (nginx-parse): nginx would refuse it")
		return ExitError
	}
	return exitCode(findings, false, stderr)
}

// onlyDir reports whether args is one directory: `connlint nginx DIR`.
func onlyDir(args []string) (string, bool) {
	if len(args) != 1 {
		return "", false
	}
	info, err := os.Stat(args[0])
	return args[0], err == nil && info.IsDir()
}

// nginxRun says what a run of the nginx rules keeps and bounds.
type nginxRun struct {
	// keepModel keeps the loaded model for the timeout chains; without
	// it the model is freed while the findings are gathered.
	keepModel bool
	// budget, when set, bounds the heap by what is read (nginxheap.go).
	budget *heapBudget
}

// runNginx loads and reviews files, once, and returns the loaded model for
// the timeout chains when run.keepModel is set (nil when there are no
// files). failed is true when a file cannot be read or parsed: its
// nginx-parse findings are returned, and the run must exit 2.
func runNginx(root string, files []string, cfg *config.Config, stderr io.Writer, run nginxRun) (findings []report.Finding, model *nginxModel, failed bool, err error) {
	if len(files) == 0 {
		return nil, nil, false, nil
	}
	opts := nginxOptions(root, cfg)
	if run.budget != nil {
		opts.OnScan = run.budget.onScan
	}
	loaded, err := nginxcheck.LoadOptions(files, opts)
	if loaded != nil {
		for _, s := range loaded.Skipped {
			fmt.Fprintf(stderr, "connlint: note: %s: %s\n", s.File, s.Reason)
		}
	}
	var pe *nginxcheck.ParseError
	if errors.As(err, &pe) {
		return pe.Findings, nil, true, nil
	}
	if err != nil {
		return nil, nil, false, err
	}
	if run.keepModel {
		model = &nginxModel{cfg: loaded}
	}
	findings, err = nginxcheck.Review(loaded, opts)
	if err != nil {
		return nil, nil, false, err
	}
	return findings, model, false, nil
}

func nginxOptions(root string, cfg *config.Config) nginxcheck.Options {
	return nginxcheck.Options{
		Root:                 root,
		MaxBodySize:          cfg.Nginx.MaxBodySize.Size,
		MinKeepaliveRequests: cfg.Nginx.MinKeepaliveRequests,
		Version:              cfg.Nginx.Version,
		Prefix:               cfg.Nginx.Prefix,
		MaxFileSize:          int64(cfg.Nginx.MaxFileSize.Size),
		MaxDepth:             cfg.Nginx.MaxDepth,
		ReadDirs:             readDirs(cfg),
	}
}

// readDirs are [nginx].read_dirs, relative to the configuration file.
func readDirs(cfg *config.Config) []string {
	var out []string
	for _, d := range cfg.Nginx.ReadDirs {
		if !filepath.IsAbs(d) && cfg.Path != "" {
			d = filepath.Join(filepath.Dir(cfg.Path), d)
		}
		out = append(out, d)
	}
	return out
}

// nginxFiles are the entry files `check` reviews: [nginx].files (relative
// to DIR), or, when DIR has no connlint.toml, the configs discovered in
// DIR and those its docker-compose files mount into nginx containers.
func nginxFiles(dir string, cfg *config.Config) ([]string, error) {
	if len(cfg.Nginx.Files) > 0 {
		files := make([]string, len(cfg.Nginx.Files))
		for i, f := range cfg.Nginx.Files {
			if !filepath.IsAbs(f) {
				f = filepath.Join(dir, f)
			}
			if !insideAny(f, append([]string{dir}, readDirs(cfg)...)) {
				// Named on the command line, a file outside DIR is the
				// user's choice; named in connlint.toml, which a pull
				// request can change, it must stay in the repository.
				return nil, &config.Error{File: cfg.Path, Line: cfg.Line("nginx.files"), Msg: fmt.Sprintf(
					"nginx.files[%d] %q is outside %s, and connlint never reads the machine's files: name a file of the repository, or list its directory in nginx.read_dirs", i, cfg.Nginx.Files[i], dir)}
			}
			files[i] = f
		}
		return files, nil
	}
	if cfg.Path != "" {
		return nil, nil
	}
	mounted, err := timeoutchain.ComposeNginxFiles(dir)
	if err != nil {
		return nil, err
	}
	for i, f := range mounted {
		mounted[i] = filepath.Join(dir, filepath.FromSlash(f))
	}
	return nginxcheck.DiscoverWith(dir, mounted)
}

// insideAny reports whether path is lexically inside one of dirs (the
// loader also resolves symlinks before it reads).
func insideAny(path string, dirs []string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	for _, d := range dirs {
		da, err := filepath.Abs(d)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(da, abs); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return true
		}
	}
	return false
}

// nginxModel answers the timeout chain's nginx hops from the effective
// model of the configured files.
type nginxModel struct {
	cfg *nginxcheck.Config
}

// loadNginxModel loads the reviewed nginx files for the chains; nil when
// there are none.
func loadNginxModel(dir string, cfg *config.Config, files []string) (*nginxModel, error) {
	if len(files) == 0 {
		return nil, nil
	}
	model, err := nginxcheck.LoadOptions(files, nginxOptions(dir, cfg))
	if err != nil {
		return nil, err
	}
	if err := model.SetVersion(cfg.Nginx.Version); err != nil {
		return nil, fmt.Errorf("[nginx].version: %w", err)
	}
	return &nginxModel{cfg: model}, nil
}

// webSocketLocations lists the locations that proxy WebSocket upgrades,
// once each (an included file's location appears once per include site,
// which is the same location for the chain).
func (m *nginxModel) webSocketLocations() []timeoutchain.WebSocketLocation {
	var out []timeoutchain.WebSocketLocation
	seen := map[string]bool{}
	for _, b := range m.cfg.Blocks {
		if b.Kind != nginxcheck.KindLocation || !b.ProxiesWebSocket() {
			continue
		}
		pos := b.Directive.Pos
		if seen[pos.String()] {
			continue
		}
		seen[pos.String()] = true
		out = append(out, timeoutchain.WebSocketLocation{
			Name:     b.Name(),
			Decl:     timeoutchain.Source{File: pos.File, Line: int(pos.Line), Column: int(pos.Column)},
			Timeouts: locationTimeouts(b.Location),
		})
	}
	return out
}

// streamServers lists the stream servers that proxy TCP (not UDP), once
// each, for the MQTT chains discovery assumes.
func (m *nginxModel) streamServers() []timeoutchain.StreamServer {
	var out []timeoutchain.StreamServer
	seen := map[string]bool{}
	for _, st := range m.cfg.Streams {
		for _, s := range st.Servers {
			pos := s.Directive.Pos
			if s.ProxyPass() == nil || s.UDP() || seen[pos.String()] {
				continue
			}
			seen[pos.String()] = true
			out = append(out, streamServer(s))
		}
	}
	return out
}

// StreamServer finds the stream server that listens on listen (an
// address, or a port): exactly one must.
func (m *nginxModel) StreamServer(listen string) (timeoutchain.StreamServer, error) {
	var found []*nginxcheck.StreamServer
	for _, st := range m.cfg.Streams {
		for _, s := range st.Servers {
			for _, l := range s.Listens() {
				if timeoutchain.ListenMatches(l.Arg(0), listen) {
					found = append(found, s)
					break
				}
			}
		}
	}
	switch len(found) {
	case 0:
		return timeoutchain.StreamServer{}, fmt.Errorf("no stream server of [nginx].files listens on %q", listen)
	case 1:
		if found[0].ProxyPass() == nil {
			return timeoutchain.StreamServer{}, fmt.Errorf("the stream server at %s proxies nothing (no proxy_pass)", found[0].Directive.Pos)
		}
		return streamServer(found[0]), nil
	}
	return timeoutchain.StreamServer{}, fmt.Errorf("several stream servers listen on %q (%s, %s): give the full address", listen, found[0].Directive.Pos, found[1].Directive.Pos)
}

func streamServer(s *nginxcheck.StreamServer) timeoutchain.StreamServer {
	t := s.Timeouts()
	pos := s.Directive.Pos
	out := timeoutchain.StreamServer{
		Name:    s.Name(),
		Decl:    timeoutchain.Source{File: pos.File, Line: int(pos.Line), Column: int(pos.Column)},
		Proxy:   chainValue(t.Proxy.Duration, t.Proxy.Value, t.Proxy.Err),
		Connect: chainValue(t.Connect.Duration, t.Connect.Value, t.Connect.Err),
		TLS:     s.TLS(),
	}
	for _, l := range s.Listens() {
		out.Listen = append(out.Listen, l.Arg(0))
	}
	for _, p := range append(s.ListenPorts(), s.UpstreamPorts()...) {
		out.MQTT = out.MQTT || timeoutchain.IsMQTTPort(p)
	}
	if u := s.Upstream(); u != nil && strings.Contains(strings.ToLower(u.Name), "mqtt") {
		out.MQTT = true
	}
	return out
}

// LocationTimeouts finds the location nginx selects for uri: in the only
// server that has one, or, when several servers do, the one they agree on.
func (m *nginxModel) LocationTimeouts(uri string) (timeoutchain.NginxTimeouts, error) {
	locs := m.cfg.Match(uri)
	if len(locs) == 0 {
		return timeoutchain.NginxTimeouts{}, fmt.Errorf("no server of [nginx].files has a location matching %q", uri)
	}
	first := locationTimeouts(locs[0])
	for _, l := range locs[1:] {
		if locationTimeouts(l) != first {
			return timeoutchain.NginxTimeouts{}, fmt.Errorf("several servers match %q with different timeouts (%s, %s): give the hop idle_timeout", uri, locs[0].Directive.Pos, l.Directive.Pos)
		}
	}
	return first, nil
}

func locationTimeouts(l *nginxcheck.Location) timeoutchain.NginxTimeouts {
	t := l.Timeouts()
	out := timeoutchain.NginxTimeouts{
		ProxyRead: chainValue(t.ProxyRead.Duration, t.ProxyRead.Value, t.ProxyRead.Err),
		ProxySend: chainValue(t.ProxySend.Duration, t.ProxySend.Value, t.ProxySend.Err),
		KeepAlive: chainValue(t.Keepalive.Duration, t.Keepalive.Value, t.Keepalive.Err),
		WebSocket: l.ProxiesWebSocket(),
	}
	if up := l.Upstream(); up != nil {
		if n, _ := up.Keepalive(); n > 0 {
			d, v, err := up.KeepaliveTimeout()
			out.UpstreamKeepalive = chainValue(d, v, err)
		}
	}
	return out
}

// chainValue converts an effective nginx value; an unparsable one is
// left unset (nginxcheck reports it).
func chainValue(d time.Duration, v nginxcheck.Value, err error) timeoutchain.Value {
	if err != nil {
		return timeoutchain.Value{}
	}
	src := timeoutchain.Source{Default: "nginx default", Doc: v.DocURL}
	if v.Directive != nil {
		p := v.Directive.Pos
		src = timeoutchain.Source{File: p.File, Line: int(p.Line), Column: int(p.Column)}
	}
	return timeoutchain.Value{D: d, Set: true, Src: src}
}

// nginxEntriesFor returns the entry files of the configurations the named
// nginx files belong to: an entry file ([nginx].files, or one discovery
// finds) that includes a named file, directly or not, or the named file
// itself when it is an entry file or no entry file includes it (a
// fragment, reviewed alone).
func nginxEntriesFor(root string, cfg *config.Config, named []string) ([]string, error) {
	if len(named) == 0 {
		return nil, nil
	}
	entries, err := nginxFiles(root, cfg)
	if err != nil {
		return nil, err
	}
	if len(entries) == 0 && cfg.Path != "" {
		// connlint.toml names no nginx files: the includers are found
		// as without one.
		if entries, err = nginxcheck.Discover(root); err != nil {
			return nil, err
		}
	}
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, f := range named {
		abs, err := filepath.Abs(f)
		if err != nil {
			return nil, err
		}
		want[gocheck.Relative(rootAbs, abs)] = true
	}
	var out []string
	covered := map[string]bool{}
	for _, entry := range entries {
		// A configuration that does not parse still lists the files it
		// read; its parse error is reported when it is reviewed.
		loaded, _ := nginxcheck.Load([]string{entry}, root)
		if loaded == nil {
			continue
		}
		selected := false
		for _, f := range loaded.Files {
			if want[f] {
				covered[f], selected = true, true
			}
		}
		if selected {
			out = append(out, entry)
		}
	}
	for _, f := range named {
		abs, _ := filepath.Abs(f)
		if !covered[gocheck.Relative(rootAbs, abs)] {
			out = append(out, f)
		}
	}
	return out, nil
}
