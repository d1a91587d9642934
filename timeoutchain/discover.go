package timeoutchain

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"gopkg.in/yaml.v3"

	"github.com/connlint/connlint/internal/records"
	"github.com/connlint/connlint/internal/report"
	"github.com/connlint/connlint/internal/safefile"
)

// LoadBalancer is a load balancer declared in the repository's
// infrastructure files.
type LoadBalancer struct {
	Kind     string // alb, nlb, elb, ingress-nginx
	File     string // relative to the root
	Line     int
	Resource string // Terraform TYPE.NAME, CloudFormation logical ID, Ingress name
	source   string // terraform, cloudformation, kubernetes
}

func (lb LoadBalancer) String() string {
	return fmt.Sprintf("%s %s (%s:%d)", lb.Kind, lb.Resource, lb.File, lb.Line)
}

// WebSocketLocation is an nginx location that proxies WebSocket upgrades,
// with its effective timeouts.
type WebSocketLocation struct {
	Name     string // "location = /ws"
	Decl     Source // its opening line
	Timeouts NginxTimeouts
}

// Assumption is what discovery found, and why it assumed no chain when it
// did not.
type Assumption struct {
	Chains []*Chain
	Notes  []string // one line each, for the run's standard error
	// Errors are discovered sources that cannot be read (a compose file
	// that does not parse, a configuration it mounts that is missing):
	// chain-source findings, and a failed run.
	Errors []report.Finding
}

// Discover assumes the obvious chains of a repository that configures
// none: for each nginx location that proxies WebSockets, the load balancer
// declared in its infrastructure files (when there is exactly one), the
// location, and the Go server (when there is exactly one), with the one
// heartbeat found in the code.
func Discover(root string, locs []WebSocketLocation, hbs []records.Heartbeat, servers []records.Server) Assumption {
	var a Assumption
	if len(locs) == 0 {
		return a
	}
	// An MQTT keep-alive runs on another connection than the WebSocket.
	beats := knownHeartbeats(ofKinds(hbs, heartbeatKinds(ProtoWebSocket)))
	switch len(beats) {
	case 0:
		a.Notes = append(a.Notes, "no heartbeat with a known interval in the code: no chain assumed for the WebSocket locations; configure [[chain]]")
		return a
	case 1:
	default:
		a.Notes = append(a.Notes, fmt.Sprintf("%d heartbeats in the code: no chain assumed; configure [[chain]] with heartbeat = \"…\"", len(beats)))
		return a
	}
	heartbeat := heartbeatOf(beats[0])
	lbs, err := FindLoadBalancers(root)
	if err != nil {
		a.Notes = append(a.Notes, "cannot look for load balancers: "+err.Error())
		return a
	}
	var front *Hop
	switch len(lbs) {
	case 0:
		a.Notes = append(a.Notes, remoteLBModules(root)...)
	case 1:
		h, err := lbHop(root, lbs[0])
		if err != nil {
			a.Notes = append(a.Notes, fmt.Sprintf("load balancer %s: %v; no chain assumed, configure [[chain]]", lbs[0], err))
			return a
		}
		front = &h
	default:
		var names []string
		for _, lb := range lbs {
			names = append(names, lb.String())
		}
		a.Notes = append(a.Notes, "several load balancers ("+strings.Join(names, "; ")+"): the assumed chains start at nginx; configure [[chain]] to include one")
	}
	back := goServerHop(servers)
	for _, l := range locs {
		c := &Chain{Name: "assumed: nginx " + l.Name, Decl: l.Decl, Heartbeat: heartbeat, Protocol: ProtoWebSocket}
		if front != nil {
			c.Hops = append(c.Hops, *front)
		}
		ng := Hop{Kind: "nginx", Name: "nginx " + l.Name, Decl: l.Decl}
		applyDefaults(&ng, kinds["nginx"])
		ng.applyNginx(l.Timeouts)
		c.Hops = append(c.Hops, ng)
		if back != nil {
			c.Hops = append(c.Hops, *back)
		}
		a.Chains = append(a.Chains, c)
		a.Notes = append(a.Notes, fmt.Sprintf("no [[chain]] configured; assumed chain %q: %s; heartbeat %s (%s)", c.Name, hopList(c), heartbeat.Interval.D, heartbeat.Interval.Src))
	}
	return a
}

// goServerHop is the hop of the code's http.Server when there is exactly
// one whose idle timeout is known; nil otherwise.
func goServerHop(servers []records.Server) *Hop {
	known := knownServers(servers)
	if len(known) != 1 {
		return nil
	}
	s := known[0]
	h := Hop{Kind: "go", Name: "go", Decl: codeSource(s.Pos)}
	h.KeepAliveIdle = val(s.Idle.Duration, codeSource(s.Idle.Pos))
	if h.KeepAliveIdle.Src.File == "" {
		h.KeepAliveIdle.Src = h.Decl
	}
	return &h
}

func knownServers(servers []records.Server) []records.Server {
	var out []records.Server
	for _, s := range servers {
		if s.Idle.Known {
			out = append(out, s)
		}
	}
	return out
}

func hopList(c *Chain) string {
	var parts []string
	for _, h := range c.Hops {
		parts = append(parts, fmt.Sprintf("%s (%s)", h.Name, h.Decl))
	}
	return strings.Join(parts, " → ")
}

// lbHop resolves a discovered load balancer into a hop.
func lbHop(root string, lb LoadBalancer) (Hop, error) {
	k := kinds[lb.Kind]
	h := Hop{Kind: lb.Kind, Name: lb.Kind, Decl: Source{File: lb.File, Line: lb.Line}}
	applyDefaults(&h, k)
	var v lbValue
	var ok bool
	var err error
	switch lb.source {
	case "terraform":
		res := lb.Resource
		if lb.Kind == "nlb" {
			res = "" // its idle timeout is its listeners'
		}
		v, ok, err = TerraformIdle(root, lb.File, lb.Kind, res)
	case "cloudformation":
		v, ok, err = CloudFormationIdle(root, lb.File, lb.Kind, lb.Resource)
	case "kubernetes":
		v, ok, err = KubernetesIdle(root, lb.File, lb.Kind, lb.Resource)
	}
	if err != nil {
		return h, err
	}
	if ok {
		setIdle(&h, v.D, v.Src)
	}
	return h, nil
}

// FindLoadBalancers lists the load balancers declared in the Terraform,
// CloudFormation and Kubernetes Ingress files below root (not under
// vendor, node_modules or hidden directories). Files that do not parse
// are passed over: they may be templates of other tools.
func FindLoadBalancers(root string) ([]LoadBalancer, error) {
	var out []LoadBalancer
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "vendor" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		switch filepath.Ext(name) {
		case ".tf":
			out = append(out, terraformLBs(path, rel)...)
		case ".yaml", ".yml", ".json":
			out = append(out, manifestLBs(path, rel)...)
		}
		return nil
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].File != out[j].File {
			return out[i].File < out[j].File
		}
		return out[i].Line < out[j].Line
	})
	return out, err
}

func terraformLBs(path, rel string) (out []LoadBalancer) {
	defer func() { _ = recover() }()
	data, err := safefile.Read(path, safefile.DefaultMaxSize)
	if err != nil {
		return nil
	}
	body, err := parseHCL(data, rel)
	if err != nil {
		return nil
	}
	for _, b := range body.Blocks {
		if b.Type != "resource" || len(b.Labels) != 2 {
			continue
		}
		kind := ""
		switch b.Labels[0] {
		case "aws_lb", "aws_alb":
			kind = "alb"
			if t, ok := b.Body.Attributes["load_balancer_type"]; ok {
				if v, diags := t.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() && v.AsString() == "network" {
					kind = "nlb"
				}
			}
		case "aws_elb":
			kind = "elb"
		default:
			continue
		}
		out = append(out, LoadBalancer{Kind: kind, File: rel, Line: b.DefRange().Start.Line, Resource: b.Labels[0] + "." + b.Labels[1], source: "terraform"})
	}
	return out
}

func manifestLBs(path, rel string) (out []LoadBalancer) {
	data, err := safefile.Read(path, safefile.DefaultMaxSize)
	if err != nil {
		return nil
	}
	docs, err := yamlDocs(data, rel)
	if err != nil {
		return nil
	}
	for _, d := range docs {
		if res := get(d, "Resources"); res != nil {
			for i := 0; i+1 < len(res.Content); i += 2 {
				t := get(res.Content[i+1], "Type")
				if t == nil {
					continue
				}
				switch t.Value {
				case "AWS::ElasticLoadBalancingV2::LoadBalancer":
					out = append(out, LoadBalancer{Kind: "alb", File: rel, Line: res.Content[i].Line, Resource: res.Content[i].Value, source: "cloudformation"})
				case "AWS::ElasticLoadBalancing::LoadBalancer":
					out = append(out, LoadBalancer{Kind: "elb", File: rel, Line: res.Content[i].Line, Resource: res.Content[i].Value, source: "cloudformation"})
				}
			}
		}
		if lb, ok := serviceLB(d, rel); ok {
			out = append(out, lb)
		}
		if k := get(d, "kind"); k != nil && k.Value == "Ingress" {
			meta := get(d, "metadata")
			name := ""
			if n := get(meta, "name"); n != nil {
				name = n.Value
			}
			ann := get(meta, "annotations")
			switch {
			case get(ann, albAttributes) != nil:
				out = append(out, LoadBalancer{Kind: "alb", File: rel, Line: d.Line, Resource: name, source: "kubernetes"})
			case get(ann, nginxReadTimeout) != nil:
				out = append(out, LoadBalancer{Kind: "ingress-nginx", File: rel, Line: d.Line, Resource: name, source: "kubernetes"})
			}
		}
	}
	return out
}

// awsLBType is the Service annotation that asks AWS for an NLB ("nlb"
// for the in-tree provider, "external" for the AWS Load Balancer
// Controller).
const awsLBType = "service.beta.kubernetes.io/aws-load-balancer-type"

// serviceLB is a Kubernetes Service of type LoadBalancer whose annotations
// say which AWS load balancer it gets: an NLB (aws-load-balancer-type, or
// NLB listener attributes), or a Classic ELB with an idle timeout
// annotation. A Service that says neither may be any cloud's: it is
// passed over rather than guessed.
func serviceLB(d *yaml.Node, rel string) (LoadBalancer, bool) {
	if k := get(d, "kind"); k == nil || k.Value != "Service" {
		return LoadBalancer{}, false
	}
	if t := get(get(d, "spec"), "type"); t == nil || t.Value != "LoadBalancer" {
		return LoadBalancer{}, false
	}
	meta := get(d, "metadata")
	name := ""
	if n := get(meta, "name"); n != nil {
		name = n.Value
	}
	ann := get(meta, "annotations")
	kind := ""
	if t := get(ann, awsLBType); t != nil && (t.Value == "nlb" || t.Value == "external") {
		kind = "nlb"
	}
	if ann != nil {
		for i := 0; i+1 < len(ann.Content); i += 2 {
			if strings.HasPrefix(ann.Content[i].Value, nlbListenerAttributes) {
				kind = "nlb"
			}
		}
	}
	if kind == "" && get(ann, elbIdleAnnotation) != nil {
		kind = "elb"
	}
	if kind == "" {
		return LoadBalancer{}, false
	}
	return LoadBalancer{Kind: kind, File: rel, Line: d.Line, Resource: name, source: "kubernetes"}, true
}
