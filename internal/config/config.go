// Package config reads connlint.toml.
//
// The schema is the one in ../shared/DESIGN.md. Decoding is strict: a key
// the schema does not know, or a value of the wrong type, is an error that
// names the key and its line, because a misspelt threshold that is silently
// ignored makes connlint pass code it should reject.
//
// Every value keeps its line (Config.Line), so that findings about
// configured values (a heartbeat, a hop's idle timeout) can point at the
// TOML line that set them.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/connlint/connlint/internal/safefile"
	"github.com/connlint/connlint/internal/units"
)

// FileName is the configuration file that `connlint check DIR` looks for
// in DIR.
const FileName = "connlint.toml"

// Defaults, documented in README.md ("Configuration").
const (
	// DefaultPattern is the Go package pattern `check` analyzes.
	DefaultPattern = "./..."
	// DefaultPollMinInterval: a device that polls more often than hourly
	// keeps its radio waking up for requests that mostly return nothing new;
	// at that rate a push protocol (MQTT, CoAP Observe, SSE, WebSockets)
	// costs less energy and answers sooner.
	DefaultPollMinInterval = time.Hour
	// DefaultMaxBodySize is nginx's own default request body limit
	// (client_max_body_size 1m, nginx.org ngx_http_core_module), the limit
	// a gateway behind a stock nginx edge already enforces.
	DefaultMaxBodySize = units.MiB
	// DefaultMinKeepaliveRequests is nginx's default keepalive_requests
	// since 1.19.10 (nginx.org ngx_http_core_module): a lower value closes
	// busy clients' connections sooner than nginx itself would.
	DefaultMinKeepaliveRequests = 1000
)

// Config is a decoded connlint.toml.
type Config struct {
	Code   Code    `toml:"code"`
	Nginx  Nginx   `toml:"nginx"`
	Chains []Chain `toml:"chain"`

	// Path is the file the configuration was read from; empty when no
	// file exists and the defaults are in force.
	Path string `toml:"-"`
	// lines maps a key path such as "chain[0].hop[1].idle_timeout" to
	// its line in Path; cols to the key's column.
	lines map[string]int
	cols  map[string]int
}

// Code is the [code] table: the Go analyzers.
type Code struct {
	// Patterns are the Go package patterns `check` analyzes, relative to
	// DIR. Without the key, every Go module under DIR; an explicit empty
	// list means no Go code (PatternsSet tells the two apart).
	Patterns        []string `toml:"patterns"`
	PatternsSet     bool     `toml:"-"`
	PollMinInterval Duration `toml:"poll_min_interval"`
	MaxBodySize     Size     `toml:"max_body_size"`
	// Tests includes the packages' test files (default true, as go vet).
	Tests *bool `toml:"tests"`
}

// Nginx is the [nginx] table.
type Nginx struct {
	Files                []string `toml:"files"`
	MaxBodySize          Size     `toml:"max_body_size"`
	MinKeepaliveRequests int      `toml:"min_keepalive_requests"`
	Version              string   `toml:"version"`
	// Prefix is the absolute directory the configuration is deployed to
	// (where nginx.conf lives); absolute include paths under it resolve
	// against the entry file's directory. Default /etc/nginx.
	Prefix string `toml:"prefix"`
	// MaxFileSize is the size limit of one nginx file (default 16 MiB):
	// a larger file is an nginx-parse error, not read.
	MaxFileSize Size `toml:"max_file_size"`
	// MaxDepth is the block nesting limit (default 200).
	MaxDepth int `toml:"max_depth"`
	// ReadDirs are directories outside the repository whose files
	// includes may read, relative to the configuration file or absolute.
	// By default connlint reads nothing outside the repository.
	ReadDirs []string `toml:"read_dirs"`
}

// Chain is one [[chain]]: a connection path from the client inwards.
type Chain struct {
	Name              string   `toml:"name"`
	Heartbeat         Duration `toml:"heartbeat"`
	PongTimeout       Duration `toml:"pong_timeout"`
	MaxHeartbeatRatio float64  `toml:"max_heartbeat_ratio"`
	Hops              []Hop    `toml:"hop"`
}

// Hop is one [[chain.hop]].
type Hop struct {
	Kind           string   `toml:"kind"`
	Name           string   `toml:"name"`
	IdleTimeout    Duration `toml:"idle_timeout"`
	Terraform      string   `toml:"terraform"`
	Resource       string   `toml:"resource"`
	CloudFormation string   `toml:"cloudformation"`
	AWSJSON        string   `toml:"aws_json"`
	Kubernetes     string   `toml:"kubernetes"`
	HAProxy        string   `toml:"haproxy"`
	Envoy          string   `toml:"envoy"`
	Traefik        string   `toml:"traefik"`
	Location       string   `toml:"location"`
}

// Duration is a duration written in Go or nginx syntax (package units).
type Duration struct {
	time.Duration
	Set bool // whether the file gave a value
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := units.ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Duration, d.Set = v, true
	return nil
}

// Size is a size written in nginx or IEC syntax (package units).
type Size struct {
	units.Size
	Set bool // whether the file gave a value
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Size) UnmarshalText(b []byte) error {
	v, err := units.ParseSize(string(b))
	if err != nil {
		return err
	}
	s.Size, s.Set = v, true
	return nil
}

// Error is a problem with a configuration file, at a line when known.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Default returns the configuration in force when there is no file.
func Default() *Config {
	c := &Config{lines: map[string]int{}}
	c.applyDefaults()
	return c
}

// Load reads path. A missing file is an error: callers that treat a
// missing connlint.toml as "use the defaults" use Find.
func Load(path string) (*Config, error) {
	// Bounded, regular files only: a connlint.toml that is a FIFO or a
	// device must fail, not hang the run.
	data, err := safefile.Read(path, safefile.DefaultMaxSize)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read configuration: " + unwrapPathError(err)}
	}
	return Parse(path, data)
}

// Find loads DIR/connlint.toml, or returns the defaults when DIR has none.
func Find(dir string) (*Config, error) {
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return Default(), nil
	}
	return Load(path)
}

// Parse decodes data, read from path, strictly.
func Parse(path string, data []byte) (*Config, error) {
	c := &Config{Path: path}
	md, err := toml.Decode(string(data), c)
	if err != nil {
		return nil, decodeError(path, err)
	}
	c.lines, c.cols = indexKeys(string(data))
	c.Code.PatternsSet = md.IsDefined("code", "patterns")
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		key := undecoded[0]
		return nil, &Error{File: path, Line: c.firstLine(key), Msg: fmt.Sprintf("unknown key %q", key.String())}
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	c.applyDefaults()
	return c, nil
}

// Line returns the line of a key path such as "code.patterns" or
// "chain[0].hop[1].idle_timeout", or 0 when the file does not set it.
func (c *Config) Line(path string) int { return c.lines[path] }

// Column returns the column (bytes, from 1) of the key a path such as
// "chain[0].heartbeat" names, or 0 when the file does not set it.
func (c *Config) Column(path string) int { return c.cols[path] }

// firstLine returns the line of the first occurrence of key, whose parts
// carry no array indices (as toml.MetaData reports them).
func (c *Config) firstLine(key toml.Key) int {
	want := key.String()
	best := 0
	for path, line := range c.lines {
		if stripIndices(path) == want && (best == 0 || line < best) {
			best = line
		}
	}
	return best
}

func (c *Config) validate() error {
	for i, p := range c.Code.Patterns {
		if strings.TrimSpace(p) == "" {
			return c.errorAt("code.patterns", fmt.Sprintf("code.patterns[%d] is empty", i))
		}
	}
	if c.Nginx.MinKeepaliveRequests < 0 {
		return c.errorAt("nginx.min_keepalive_requests", "nginx.min_keepalive_requests must not be negative")
	}
	if p := c.Nginx.Prefix; p != "" && (!strings.HasPrefix(p, "/") || strings.ContainsAny(p, "*?[")) {
		return c.errorAt("nginx.prefix", fmt.Sprintf("nginx.prefix %q must be the absolute directory nginx.conf is deployed to, e.g. \"/usr/local/openresty/nginx/conf\"", p))
	}
	if c.Nginx.MaxDepth < 0 || c.lines["nginx.max_depth"] > 0 && c.Nginx.MaxDepth == 0 {
		return c.errorAt("nginx.max_depth", "nginx.max_depth must be greater than zero")
	}
	for i, d := range c.Nginx.ReadDirs {
		if strings.TrimSpace(d) == "" {
			return c.errorAt("nginx.read_dirs", fmt.Sprintf("nginx.read_dirs[%d] is empty", i))
		}
	}
	for i, f := range c.Nginx.Files {
		if strings.TrimSpace(f) == "" {
			return c.errorAt("nginx.files", fmt.Sprintf("nginx.files[%d] is empty", i))
		}
	}
	if err := c.validateZeros(); err != nil {
		return err
	}
	names := map[string]int{}
	for i, ch := range c.Chains {
		key := fmt.Sprintf("chain[%d]", i)
		if err := c.validateChainName(i, ch, names); err != nil {
			return err
		}
		if ch.MaxHeartbeatRatio < 0 || ch.MaxHeartbeatRatio > 1 {
			return c.errorAt(key+".max_heartbeat_ratio", fmt.Sprintf("chain %q: max_heartbeat_ratio must be between 0 and 1", ch.Name))
		}
		for j, h := range ch.Hops {
			if strings.TrimSpace(h.Kind) == "" {
				return c.errorAt(fmt.Sprintf("%s.hop[%d]", key, j), fmt.Sprintf("chain %q: hop %d has no kind", ch.Name, j+1))
			}
		}
		if len(ch.Hops) == 0 {
			return c.errorAt(key, fmt.Sprintf("chain %q has no [[chain.hop]]: name the hops of its path, from the client inwards", ch.Name))
		}
	}
	return nil
}

// validateChainName refuses a blank name and a name used twice: the name
// is how findings and the chain table tell chains apart.
func (c *Config) validateChainName(i int, ch Chain, names map[string]int) error {
	key := fmt.Sprintf("chain[%d]", i)
	if _, named := c.lines[key+".name"]; named && strings.TrimSpace(ch.Name) == "" {
		return c.errorAt(key+".name", fmt.Sprintf("chain %d has an empty name", i+1))
	}
	if ch.Name == "" {
		return nil
	}
	if first, dup := names[ch.Name]; dup {
		return c.errorAt(key+".name", fmt.Sprintf("chain %q is declared twice (first at line %d)", ch.Name, c.lines[fmt.Sprintf("chain[%d].name", first)]))
	}
	names[ch.Name] = i
	return nil
}

// validateZeros rejects a zero where zero means nothing: a threshold of
// zero would report nothing or everything, and a zero heartbeat or pong
// timeout is no heartbeat at all. (A hop's idle_timeout may be zero: some
// proxies can switch the idle timeout off.)
func (c *Config) validateZeros() error {
	type keyed struct {
		key  string
		zero bool
	}
	checks := []keyed{
		{"code.poll_min_interval", c.Code.PollMinInterval.Set && c.Code.PollMinInterval.Duration <= 0},
		{"code.max_body_size", c.Code.MaxBodySize.Set && c.Code.MaxBodySize.Size <= 0},
		{"nginx.max_body_size", c.Nginx.MaxBodySize.Set && c.Nginx.MaxBodySize.Size <= 0},
		{"nginx.max_file_size", c.Nginx.MaxFileSize.Set && c.Nginx.MaxFileSize.Size <= 0},
	}
	for i, ch := range c.Chains {
		checks = append(checks,
			keyed{fmt.Sprintf("chain[%d].heartbeat", i), ch.Heartbeat.Set && ch.Heartbeat.Duration <= 0},
			keyed{fmt.Sprintf("chain[%d].pong_timeout", i), ch.PongTimeout.Set && ch.PongTimeout.Duration <= 0})
	}
	for _, v := range checks {
		if v.zero {
			return c.errorAt(v.key, stripIndices(v.key)+" must be greater than zero")
		}
	}
	return nil
}

func (c *Config) errorAt(path, msg string) error {
	return &Error{File: c.Path, Line: c.lines[path], Msg: msg}
}

func (c *Config) applyDefaults() {
	if !c.Code.PatternsSet {
		c.Code.Patterns = []string{DefaultPattern}
	}
	if !c.Code.PollMinInterval.Set {
		c.Code.PollMinInterval.Duration = DefaultPollMinInterval
	}
	if !c.Code.MaxBodySize.Set {
		c.Code.MaxBodySize.Size = DefaultMaxBodySize
	}
	if c.Code.Tests == nil {
		tests := true
		c.Code.Tests = &tests
	}
	if c.Nginx.MinKeepaliveRequests == 0 {
		c.Nginx.MinKeepaliveRequests = DefaultMinKeepaliveRequests
	}
}

// decodeError turns a BurntSushi/toml error into an Error with a line.
func decodeError(path string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.LastKey != "" {
			msg = fmt.Sprintf("%s: %s", pe.LastKey, pe.Message)
		}
		return &Error{File: path, Line: pe.Position.Line, Msg: msg}
	}
	// Type mismatches come as "toml: line N (last key "k"): ...".
	msg := strings.TrimPrefix(err.Error(), "toml: ")
	line := 0
	if n, _ := fmt.Sscanf(msg, "line %d", &line); n == 1 {
		if i := strings.Index(msg, "("); i >= 0 {
			msg = msg[i:]
		}
	}
	return &Error{File: path, Line: line, Msg: msg}
}

func unwrapPathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
