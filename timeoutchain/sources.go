package timeoutchain

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/gocty"
	"gopkg.in/yaml.v3"

	"github.com/connlint/connlint/internal/safefile"
)

// A SourceError is a configured source that cannot be read or resolved:
// a chain-source finding, and a failed run.
type SourceError struct {
	At  Source // the connlint.toml line that names the source
	Msg string
}

func (e *SourceError) Error() string { return fmt.Sprintf("%s: %s", e.At, e.Msg) }

// lbValue is an idle timeout read from an infrastructure file.
type lbValue struct {
	D   time.Duration
	Src Source
}

// readFile reads a source file named relative to root; it never panics on
// a third-party parser (callers recover) and names the file in errors.
// connlint.toml may come from a pull request: the file must be a regular
// file of the repository (no FIFO, device or symlink out of it) and at
// most safefile.DefaultMaxSize.
func readFile(root, name string) ([]byte, error) {
	path := filepath.Join(root, name)
	if err := safefile.CheckRegular(path); err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, err)
	}
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if in, err := safefile.Within(path, rootAbs); err != nil || !in {
		return nil, fmt.Errorf("cannot read %s: it is outside the repository (%s), and connlint never reads the machine's files", name, root)
	}
	data, err := safefile.Read(path, safefile.DefaultMaxSize)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, err)
	}
	return data, nil
}

// guard turns a panic inside a third-party parser into an error.
func guard(file string, err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: parser failure: %v", file, r)
	}
}

// terraformResourceTypes are the resource types whose idle timeout a hop
// reads (aws_alb is the provider's older alias of aws_lb).
var terraformResourceTypes = map[string][]string{
	"alb":      {"aws_lb", "aws_alb"},
	"nlb":      {"aws_lb"},
	"elb":      {"aws_elb"},
	"azure-lb": {"azurerm_lb_rule", "azurerm_lb_outbound_rule", "azurerm_public_ip"},
}

// terraformIdleAttribute is the attribute a kind's resources set their idle
// timeout with, and its unit: AWS's idle_timeout is in seconds; azurerm's
// idle_timeout_in_minutes (4 to 100 on a load balancer rule, 4 by default,
// registry.terraform.io azurerm_lb_rule) in minutes.
func terraformIdleAttribute(kind string) (string, time.Duration) {
	if kind == "azure-lb" {
		return "idle_timeout_in_minutes", time.Minute
	}
	return "idle_timeout", time.Second
}

// TerraformIdle reads the idle_timeout of a load balancer resource from a
// Terraform file: a literal, or var.NAME with a literal default in a
// variable block of any .tf file of the same directory. resource selects
// "TYPE.NAME" when the file declares several load balancers. A resource
// without idle_timeout has the provider's default (ok == false, err nil).
func TerraformIdle(root, file, kind, resource string) (v lbValue, ok bool, err error) {
	types := terraformResourceTypes[kind]
	if types == nil {
		return v, false, fmt.Errorf("terraform sources are read for hop kinds alb, nlb, elb and azure-lb, not %q", kind)
	}
	data, err := readFile(root, file)
	if err != nil {
		return v, false, err
	}
	if kind == "nlb" {
		return nlbListenerIdle(root, file, data, resource)
	}
	attr, unit := terraformIdleAttribute(kind)
	return terraformIdle(root, file, data, types, resource, attr, unit)
}

// nlbListenerIdle reads an NLB's TCP idle timeout: not the load
// balancer's idle_timeout (ALB only) but tcp_idle_timeout_seconds of its
// TCP listeners, aws_lb_listener (AWS provider 5.73 and later; the
// listener attribute tcp.idle_timeout.seconds, 60-6000 s, default 350 s,
// docs.aws.amazon.com/elasticloadbalancing/latest/network/update-idle-timeout.html).
// resource selects one listener; otherwise the shortest binds. Listeners
// without the attribute keep the default (ok == false).
func nlbListenerIdle(root, file string, data []byte, resource string) (v lbValue, ok bool, err error) {
	defer guard(file, &err)
	body, err := parseHCL(data, file)
	if err != nil {
		return v, false, err
	}
	matched := false
	for _, b := range body.Blocks {
		if b.Type != "resource" || len(b.Labels) != 2 || b.Labels[0] != "aws_lb_listener" {
			continue
		}
		if resource != "" && resource != b.Labels[1] && resource != "aws_lb_listener."+b.Labels[1] {
			continue
		}
		matched = true
		attr, found := b.Body.Attributes["tcp_idle_timeout_seconds"]
		if !found {
			continue
		}
		n, line, srcFile, err := evalWhole(root, file, attr)
		if err != nil {
			return v, false, err
		}
		if n < 0 || n > int64(1<<62)/int64(time.Second) {
			return v, false, fmt.Errorf("%s:%d: tcp_idle_timeout_seconds = %d is out of range", srcFile, line, n)
		}
		if d := time.Duration(n) * time.Second; !ok || d < v.D {
			v, ok = lbValue{D: d, Src: Source{File: srcFile, Line: line}}, true
		}
	}
	if resource != "" && !matched {
		return v, false, fmt.Errorf("%s declares no aws_lb_listener resource named %q", file, resource)
	}
	return v, ok, nil
}

// terraformIdle is TerraformIdle on the file's contents.
func terraformIdle(root, file string, data []byte, types []string, resource, attrName string, unit time.Duration) (v lbValue, ok bool, err error) {
	defer guard(file, &err)
	body, err := parseHCL(data, file)
	if err != nil {
		return v, false, err
	}
	block, err := pickResource(body, file, types, resource)
	if err != nil {
		return v, false, err
	}
	attr, found := block.Body.Attributes[attrName]
	if !found {
		for _, b := range block.Body.Blocks {
			if b.Type == attrName {
				return v, false, fmt.Errorf("%s:%d: %s is written as a block; Terraform wants an attribute: %s = SECONDS", file, b.DefRange().Start.Line, attrName, attrName)
			}
		}
		return v, false, nil
	}
	n, line, srcFile, err := evalWhole(root, file, attr)
	if err != nil {
		return v, false, err
	}
	if n < 0 || n > int64(1<<62)/int64(unit) {
		return v, false, fmt.Errorf("%s:%d: %s = %d is out of range", srcFile, line, attrName, n)
	}
	return lbValue{D: time.Duration(n) * unit, Src: Source{File: srcFile, Line: line}}, true, nil
}

// parseHCLConfig is the HCL parser; a variable so that a test can make it
// panic and check that the panic becomes an error naming the file.
var parseHCLConfig = hclsyntax.ParseConfig

func parseHCL(data []byte, file string) (*hclsyntax.Body, error) {
	f, diags := parseHCLConfig(data, file, hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		return nil, errors.New(diagString(diags))
	}
	body, ok := f.Body.(*hclsyntax.Body)
	if !ok {
		return nil, fmt.Errorf("%s: not HCL native syntax", file)
	}
	return body, nil
}

func diagString(diags hcl.Diagnostics) string {
	d := diags[0]
	if d.Subject != nil {
		return fmt.Sprintf("%s:%d: %s: %s", d.Subject.Filename, d.Subject.Start.Line, d.Summary, d.Detail)
	}
	return d.Summary + ": " + d.Detail
}

func pickResource(body *hclsyntax.Body, file string, types []string, resource string) (*hclsyntax.Block, error) {
	var found []*hclsyntax.Block
	var names []string
	for _, b := range body.Blocks {
		if b.Type != "resource" || len(b.Labels) != 2 || !contains(types, b.Labels[0]) {
			continue
		}
		name := b.Labels[0] + "." + b.Labels[1]
		if resource != "" && resource != name && resource != b.Labels[1] {
			continue
		}
		found = append(found, b)
		names = append(names, name)
	}
	switch {
	case len(found) == 1:
		return found[0], nil
	case len(found) == 0 && resource != "":
		return nil, fmt.Errorf("%s declares no %s resource named %q", file, strings.Join(types, "/"), resource)
	case len(found) == 0:
		if m := firstModule(body); m != nil {
			// connlint never fetches modules: a load balancer declared
			// in one cannot be read.
			return nil, fmt.Errorf("%s:%d: declares no %s resource; module %q (source %s) may, but connlint reads no modules and never fetches one (not fetched): give the hop idle_timeout, or name the module's own .tf file", file, m.DefRange().Start.Line, strings.Join(types, "/"), m.Labels[0], moduleSource(m))
		}
		return nil, fmt.Errorf("%s declares no %s resource", file, strings.Join(types, "/"))
	}
	return nil, fmt.Errorf("%s declares several load balancers (%s): name one with resource = \"…\"", file, strings.Join(names, ", "))
}

// firstModule returns the file's first module block.
func firstModule(body *hclsyntax.Body) *hclsyntax.Block {
	for _, b := range body.Blocks {
		if b.Type == "module" && len(b.Labels) == 1 {
			return b
		}
	}
	return nil
}

// moduleSource is a module block's source as written, or "unknown".
func moduleSource(b *hclsyntax.Block) string {
	if a, ok := b.Body.Attributes["source"]; ok {
		if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.Type() == cty.String && v.IsKnown() && !v.IsNull() {
			return strconv.Quote(v.AsString())
		}
	}
	return "unknown"
}

// evalWhole evaluates an idle timeout expression: a number literal, or
// var.NAME whose variable block has a literal default. Anything else is
// reported, not guessed.
func evalWhole(root, file string, attr *hclsyntax.Attribute) (secs int64, line int, srcFile string, err error) {
	line, srcFile = attr.SrcRange.Start.Line, file
	vars := attr.Expr.Variables()
	ctx := &hcl.EvalContext{}
	if len(vars) > 0 {
		if len(vars) != 1 || vars[0].RootName() != "var" || len(vars[0]) != 2 {
			return 0, line, file, fmt.Errorf("%s:%d: %s is an expression connlint cannot resolve; give the value in the hop (idle_timeout = \"…\")", file, line, attr.Name)
		}
		step, ok := vars[0][1].(hcl.TraverseAttr)
		if !ok {
			return 0, line, file, fmt.Errorf("%s:%d: %s is an expression connlint cannot resolve", file, line, attr.Name)
		}
		def, defLine, defFile, err := variableDefault(root, filepath.Dir(file), step.Name)
		if err != nil {
			return 0, line, file, fmt.Errorf("%s:%d: %s = var.%s: %v", file, line, attr.Name, step.Name, err)
		}
		ctx.Variables = map[string]cty.Value{"var": cty.ObjectVal(map[string]cty.Value{step.Name: def})}
		line, srcFile = defLine, defFile
	}
	val, diags := attr.Expr.Value(ctx)
	if diags.HasErrors() {
		// Function calls, locals, resource references: Terraform
		// evaluates them at plan time; connlint does not guess.
		return 0, line, srcFile, fmt.Errorf("%s:%d: %s is an expression connlint cannot resolve (%s); give the value in the hop (idle_timeout = \"…\")", srcFile, line, attr.Name, diags[0].Summary)
	}
	if val.Type() == cty.String {
		// Terraform converts "60" to a number where a number is expected.
		n, err := strconv.ParseInt(val.AsString(), 10, 64)
		if err != nil {
			return 0, line, srcFile, fmt.Errorf("%s:%d: %s %q is not a whole number", srcFile, line, attr.Name, val.AsString())
		}
		return n, line, srcFile, nil
	}
	if err := gocty.FromCtyValue(val, &secs); err != nil {
		return 0, line, srcFile, fmt.Errorf("%s:%d: %s is not a whole number", srcFile, line, attr.Name)
	}
	return secs, line, srcFile, nil
}

// variableDefault finds `variable "name" { default = … }` in the .tf files
// of dir (relative to root).
func variableDefault(root, dir, name string) (cty.Value, int, string, error) {
	files, err := filepath.Glob(filepath.Join(root, dir, "*.tf"))
	if err != nil {
		return cty.NilVal, 0, "", err
	}
	sort.Strings(files)
	for _, path := range files {
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		data, err := safefile.Read(path, safefile.DefaultMaxSize)
		if err != nil {
			return cty.NilVal, 0, "", fmt.Errorf("cannot read %s: %v", rel, err)
		}
		body, err := parseHCL(data, rel)
		if err != nil {
			return cty.NilVal, 0, "", err
		}
		for _, b := range body.Blocks {
			if b.Type != "variable" || len(b.Labels) != 1 || b.Labels[0] != name {
				continue
			}
			attr, ok := b.Body.Attributes["default"]
			if !ok {
				return cty.NilVal, 0, "", fmt.Errorf("variable %q has no default (set it in the hop: idle_timeout = \"…\")", name)
			}
			if len(attr.Expr.Variables()) > 0 {
				return cty.NilVal, 0, "", fmt.Errorf("the default of variable %q is not a literal", name)
			}
			v, diags := attr.Expr.Value(nil)
			if diags.HasErrors() {
				return cty.NilVal, 0, "", errors.New(diagString(diags))
			}
			return v, attr.SrcRange.Start.Line, rel, nil
		}
	}
	return cty.NilVal, 0, "", fmt.Errorf("no variable %q is declared in %s", name, dir)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// yamlDocs parses every YAML (or JSON) document of data as nodes, which
// keep lines and tags (!Ref, !Sub) that decoding into maps would lose.
func yamlDocs(data []byte, file string) (docs []*yaml.Node, err error) {
	defer guard(file, &err)
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			if errors.Is(err, io.EOF) {
				return docs, nil
			}
			return nil, yamlError(file, err)
		}
		if len(doc.Content) > 0 {
			docs = append(docs, doc.Content[0])
		}
	}
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError names the file and line of a YAML syntax error the way every
// other message does ("file:line: message"), not as "yaml: line N".
func yamlError(file string, err error) error {
	if line, msg := yamlErrorLine(err); line > 0 {
		return fmt.Errorf("%s:%d: %s", file, line, msg)
	}
	return fmt.Errorf("%s: %v", file, err)
}

// yamlErrorLine splits a yaml.v3 error into its line (0 when it names
// none) and message.
func yamlErrorLine(err error) (int, string) {
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, m[2]
	}
	return 0, strings.TrimPrefix(err.Error(), "yaml: ")
}

// get returns the value node of key in a mapping node, as YAML means it:
// aliases (*name) are followed, and keys merged in with "<<: *anchor" are
// found, the mapping's own keys first. A value reached through an anchor
// keeps the anchor's line, where the value is written.
func get(n *yaml.Node, key string) *yaml.Node {
	return getSeen(n, key, nil)
}

// maxAliasDepth bounds alias chains.
const maxAliasDepth = 32

// getSeen is get, visiting each mapping once: merges that refer to
// themselves, or merge the same anchor many times over, would otherwise
// make the lookup loop or grow exponentially.
func getSeen(n *yaml.Node, key string, seen map[*yaml.Node]bool) *yaml.Node {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode || seen[n] {
		return nil
	}
	var merged []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Value == key && k.Tag != "!!merge" {
			return deref(n.Content[i+1])
		}
		if k.Tag == "!!merge" {
			merged = append(merged, n.Content[i+1])
		}
	}
	if len(merged) == 0 {
		return nil
	}
	if seen == nil {
		seen = map[*yaml.Node]bool{}
	}
	seen[n] = true
	for _, m := range merged {
		m = deref(m)
		if m != nil && m.Kind == yaml.SequenceNode {
			for _, each := range m.Content {
				if v := getSeen(each, key, seen); v != nil {
					return v
				}
			}
			continue
		}
		if v := getSeen(m, key, seen); v != nil {
			return v
		}
	}
	return nil
}

// deref follows an alias to its anchored node.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxAliasDepth; i++ {
		n = n.Alias
	}
	return n
}

// scalarSeconds reads a scalar holding a whole number of seconds; a tagged
// value (!Ref, !Sub, !GetAtt) cannot be resolved statically.
func scalarSeconds(n *yaml.Node, file, what string) (lbValue, error) {
	if n.Kind != yaml.ScalarNode {
		return lbValue{}, fmt.Errorf("%s:%d: %s is not a plain value (a CloudFormation function?); give the value in the hop (idle_timeout = \"…\")", file, n.Line, what)
	}
	if n.Tag != "" && n.Tag != "!!str" && n.Tag != "!!int" {
		return lbValue{}, fmt.Errorf("%s:%d: %s is %s %s, which connlint cannot resolve; give the value in the hop (idle_timeout = \"…\")", file, n.Line, what, n.Tag, n.Value)
	}
	secs, err := strconv.ParseInt(strings.TrimSpace(n.Value), 10, 64)
	if err != nil || secs < 0 {
		return lbValue{}, fmt.Errorf("%s:%d: %s %q is not a whole number of seconds", file, n.Line, what, n.Value)
	}
	return lbValue{D: time.Duration(secs) * time.Second, Src: Source{File: file, Line: n.Line}}, nil
}

// CloudFormationIdle reads idle_timeout.timeout_seconds from the
// LoadBalancerAttributes of an AWS::ElasticLoadBalancingV2::LoadBalancer
// (alb, nlb), or ConnectionSettings.IdleTimeout of an
// AWS::ElasticLoadBalancing::LoadBalancer (elb), in a YAML or JSON
// template. resource selects the logical ID when there are several.
func CloudFormationIdle(root, file, kind, resource string) (v lbValue, ok bool, err error) {
	data, err := readFile(root, file)
	if err != nil {
		return v, false, err
	}
	return cloudFormationIdle(data, file, kind, resource)
}

func cloudFormationIdle(data []byte, file, kind, resource string) (v lbValue, ok bool, err error) {
	defer guard(file, &err)
	docs, err := yamlDocs(data, file)
	if err != nil {
		return v, false, err
	}
	if len(docs) == 0 {
		return v, false, fmt.Errorf("%s is empty", file)
	}
	wantType := "AWS::ElasticLoadBalancingV2::LoadBalancer"
	if kind == "elb" {
		wantType = "AWS::ElasticLoadBalancing::LoadBalancer"
	}
	res := get(docs[0], "Resources")
	if res == nil {
		return v, false, fmt.Errorf("%s has no Resources", file)
	}
	var found []*yaml.Node
	var names []string
	for i := 0; i+1 < len(res.Content); i += 2 {
		id, body := res.Content[i].Value, res.Content[i+1]
		if t := get(body, "Type"); t == nil || t.Value != wantType || resource != "" && resource != id {
			continue
		}
		found = append(found, body)
		names = append(names, id)
	}
	switch {
	case len(found) == 0:
		return v, false, fmt.Errorf("%s has no %s resource%s", file, wantType, named(resource))
	case len(found) > 1:
		return v, false, fmt.Errorf("%s has several %s resources (%s): name one with resource = \"…\"", file, wantType, strings.Join(names, ", "))
	}
	props := get(found[0], "Properties")
	if kind == "elb" {
		idle := get(get(props, "ConnectionSettings"), "IdleTimeout")
		if idle == nil {
			return v, false, nil
		}
		v, err = scalarSeconds(idle, file, "ConnectionSettings.IdleTimeout")
		return v, err == nil, err
	}
	attrs := get(props, "LoadBalancerAttributes")
	if attrs == nil {
		return v, false, nil
	}
	if attrs.Kind != yaml.SequenceNode {
		return v, false, fmt.Errorf("%s:%d: LoadBalancerAttributes is not a list connlint can read", file, attrs.Line)
	}
	return idleAttribute(attrs, file)
}

// idleAttribute finds idle_timeout.timeout_seconds in a list of
// {Key, Value} load balancer attributes, as CloudFormation templates and
// the AWS CLI both write them.
func idleAttribute(attrs *yaml.Node, file string) (lbValue, bool, error) {
	for _, a := range attrs.Content {
		if k := get(a, "Key"); k != nil && k.Value == "idle_timeout.timeout_seconds" {
			val := get(a, "Value")
			if val == nil {
				return lbValue{}, false, fmt.Errorf("%s:%d: idle_timeout.timeout_seconds has no Value", file, a.Line)
			}
			v, err := scalarSeconds(val, file, "idle_timeout.timeout_seconds")
			return v, err == nil, err
		}
	}
	return lbValue{}, false, nil
}

func named(resource string) string {
	if resource == "" {
		return ""
	}
	return fmt.Sprintf(" named %q", resource)
}

// AWSJSONIdle reads idle_timeout.timeout_seconds from the output of
// `aws elbv2 describe-load-balancer-attributes` ({"Attributes": [{"Key",
// "Value"}]}).
func AWSJSONIdle(root, file string) (v lbValue, ok bool, err error) {
	data, err := readFile(root, file)
	if err != nil {
		return v, false, err
	}
	return awsJSONIdle(data, file)
}

func awsJSONIdle(data []byte, file string) (v lbValue, ok bool, err error) {
	defer guard(file, &err)
	docs, err := yamlDocs(data, file)
	if err != nil {
		return v, false, err
	}
	if len(docs) == 0 {
		return v, false, fmt.Errorf("%s is empty", file)
	}
	attrs := get(docs[0], "Attributes")
	if attrs == nil || attrs.Kind != yaml.SequenceNode {
		line := docs[0].Line
		if attrs != nil {
			line = attrs.Line
		}
		return v, false, fmt.Errorf("%s:%d: no \"Attributes\" list (is it describe-load-balancer-attributes output?)", file, line)
	}
	return idleAttribute(attrs, file)
}

// Kubernetes Ingress annotations that set idle timeouts.
const (
	albAttributes    = "alb.ingress.kubernetes.io/load-balancer-attributes"
	nginxReadTimeout = "nginx.ingress.kubernetes.io/proxy-read-timeout"
)

// KubernetesIdle reads Kubernetes manifests: for an elb or nlb hop the
// annotations of a Service of type LoadBalancer (serviceIdle); for an alb
// hop the AWS Load
// Balancer Controller annotation load-balancer-attributes
// (idle_timeout.timeout_seconds=N) of an Ingress; for an ingress-nginx hop
// the Ingress's proxy-read-timeout annotation, else the controller
// ConfigMap's proxy-read-timeout key (seconds) — the read timeout, as for
// nginx itself, is what closes an idle proxied WebSocket. resource
// selects the Ingress by metadata.name when the file has several.
func KubernetesIdle(root, file, kind, resource string) (v lbValue, ok bool, err error) {
	data, err := readFile(root, file)
	if err != nil {
		return v, false, err
	}
	return kubernetesIdle(data, file, kind, resource)
}

func kubernetesIdle(data []byte, file, kind, resource string) (v lbValue, ok bool, err error) {
	defer guard(file, &err)
	if kind != "alb" && kind != "ingress-nginx" && kind != "elb" && kind != "nlb" && kind != "gcp-https-lb" {
		return v, false, fmt.Errorf("kubernetes sources are read for hop kinds alb, nlb, elb, gcp-https-lb and ingress-nginx, not %q", kind)
	}
	docs, err := yamlDocs(data, file)
	if err != nil {
		return v, false, err
	}
	switch kind {
	case "elb", "nlb":
		return serviceIdle(docs, file, kind, resource)
	case "gcp-https-lb":
		return backendConfigTimeout(docs, file, resource)
	}
	ingresses, names := objects(docs, "Ingress", resource)
	switch {
	case len(ingresses) > 1:
		return v, false, fmt.Errorf("%s has several Ingresses (%s): name one with resource = \"…\"", file, strings.Join(names, ", "))
	case len(ingresses) == 1:
		ann := get(get(ingresses[0], "metadata"), "annotations")
		if ann != nil && ann.Kind != yaml.MappingNode {
			return v, false, fmt.Errorf("%s:%d: metadata.annotations is not a mapping of names to strings", file, ann.Line)
		}
		if kind == "alb" {
			return albAnnotation(ann, file)
		}
		if a := get(ann, nginxReadTimeout); a != nil {
			v, err = scalarSeconds(a, file, nginxReadTimeout)
			return v, err == nil, err
		}
	}
	if kind == "ingress-nginx" {
		// The controller's ConfigMap sets the default of every Ingress
		// (its key proxy-read-timeout, in seconds).
		maps, mapNames := objects(docs, "ConfigMap", "")
		var keyed []*yaml.Node
		var keyedNames []string
		for i, m := range maps {
			if k := get(get(m, "data"), "proxy-read-timeout"); k != nil {
				keyed = append(keyed, k)
				keyedNames = append(keyedNames, mapNames[i])
			}
		}
		switch len(keyed) {
		case 1:
			v, err = scalarSeconds(keyed[0], file, "ConfigMap "+keyedNames[0]+" proxy-read-timeout")
			return v, err == nil, err
		case 0:
		default:
			return v, false, fmt.Errorf("%s has several ConfigMaps with proxy-read-timeout (%s)", file, strings.Join(keyedNames, ", "))
		}
	}
	if len(ingresses) == 0 {
		what := "Ingress"
		if kind == "ingress-nginx" {
			what = "Ingress or ingress-nginx ConfigMap"
		}
		return v, false, fmt.Errorf("%s has no %s%s", file, what, named(resource))
	}
	return v, false, nil
}

// objects returns the documents of the given kind (and metadata.name, when
// name is not empty), with their names.
func objects(docs []*yaml.Node, kind, name string) (found []*yaml.Node, names []string) {
	for _, d := range docs {
		if k := get(d, "kind"); k == nil || k.Value != kind {
			continue
		}
		n := ""
		if m := get(get(d, "metadata"), "name"); m != nil {
			n = m.Value
		}
		if name != "" && name != n {
			continue
		}
		found = append(found, d)
		names = append(names, n)
	}
	return found, names
}

// albAnnotation reads idle_timeout.timeout_seconds from the AWS Load
// Balancer Controller's load-balancer-attributes annotation.
func albAnnotation(ann *yaml.Node, file string) (lbValue, bool, error) {
	a := get(ann, albAttributes)
	if a == nil {
		return lbValue{}, false, nil
	}
	if a.Kind != yaml.ScalarNode {
		return lbValue{}, false, fmt.Errorf("%s:%d: %s is not a string of key=value pairs", file, a.Line, albAttributes)
	}
	for _, kv := range strings.Split(a.Value, ",") {
		k, val, _ := strings.Cut(strings.TrimSpace(kv), "=")
		if k == "idle_timeout.timeout_seconds" {
			n := &yaml.Node{Kind: yaml.ScalarNode, Value: val, Line: a.Line}
			v, err := scalarSeconds(n, file, albAttributes+" idle_timeout.timeout_seconds")
			return v, err == nil, err
		}
	}
	return lbValue{}, false, nil
}
