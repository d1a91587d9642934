package timeoutchain

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// lbModuleSource matches a module source that names a load balancer
// (terraform-aws-modules/alb/aws, git::…/terraform-aws-nlb.git).
var lbModuleSource = regexp.MustCompile(`(^|[/:_-])(alb|elb|nlb|lb|load-?balancer)([/._-]|$)`)

// remoteLBModules lists the Terraform module calls below root whose source
// is remote (a registry, git or HTTP address) and names a load balancer.
// connlint never fetches them: discovery says their load balancers were
// not read. Local sources (./, ../) are files of the repository, which
// FindLoadBalancers reads where they are.
func remoteLBModules(root string) []string {
	var out []string
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "vendor" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if filepath.Ext(path) != ".tf" {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		out = append(out, remoteModulesOf(path, filepath.ToSlash(rel))...)
		return nil
	})
	sort.Strings(out)
	return out
}

func remoteModulesOf(path, rel string) (out []string) {
	defer func() { _ = recover() }()
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	body, err := parseHCL(data, rel)
	if err != nil {
		return nil
	}
	for _, b := range body.Blocks {
		if b.Type != "module" || len(b.Labels) != 1 {
			continue
		}
		attr, ok := b.Body.Attributes["source"]
		if !ok {
			continue
		}
		v, diags := attr.Expr.Value(nil)
		if diags.HasErrors() || v.Type() != cty.String || v.IsNull() {
			continue
		}
		src := v.AsString()
		if strings.HasPrefix(src, "./") || strings.HasPrefix(src, "../") || !lbModuleSource.MatchString(src) {
			continue
		}
		out = append(out, fmt.Sprintf("module %q (%s:%d) comes from %s, which connlint does not fetch: its load balancer is not part of the assumed chains; configure [[chain]] with the hop's idle_timeout", b.Labels[0], rel, b.DefRange().Start.Line, src))
	}
	return out
}
