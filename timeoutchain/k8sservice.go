package timeoutchain

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Kubernetes Service annotations that set an AWS load balancer's idle
// timeout:
//
//   - the in-tree AWS cloud provider (Classic ELB) reads
//     aws-load-balancer-connection-idle-timeout, in seconds (default 60;
//     cloud-provider-aws, "The Service Controller");
//   - the AWS Load Balancer Controller sets NLB listener attributes from
//     aws-load-balancer-listener-attributes.PROTOCOL-PORT annotations; the
//     NLB's tcp.idle_timeout.seconds ranges from 60 to 6000 s, 350 s by
//     default (Elastic Load Balancing API reference, ListenerAttribute).
const (
	elbIdleAnnotation         = "service.beta.kubernetes.io/aws-load-balancer-connection-idle-timeout"
	nlbListenerAttributes     = "service.beta.kubernetes.io/aws-load-balancer-listener-attributes."
	nlbIdleListenerAttributes = "tcp.idle_timeout.seconds"
)

// serviceIdle reads the idle timeout an elb or nlb hop gets from the
// annotations of a Service of type LoadBalancer. With listener attributes
// on several ports, the shortest applies: any of them may carry the
// connection.
func serviceIdle(docs []*yaml.Node, file, kind, resource string) (v lbValue, ok bool, err error) {
	var services []*yaml.Node
	var names []string
	all, allNames := objects(docs, "Service", resource)
	for i, s := range all {
		if t := get(get(s, "spec"), "type"); t != nil && t.Value == "LoadBalancer" {
			services = append(services, s)
			names = append(names, allNames[i])
		}
	}
	switch len(services) {
	case 0:
		return v, false, fmt.Errorf("%s has no Service of type LoadBalancer%s", file, named(resource))
	case 1:
	default:
		return v, false, fmt.Errorf("%s has several Services of type LoadBalancer (%s): name one with resource = \"…\"", file, strings.Join(names, ", "))
	}
	ann := get(get(services[0], "metadata"), "annotations")
	if kind == "elb" {
		if a := get(ann, elbIdleAnnotation); a != nil {
			v, err = scalarSeconds(a, file, elbIdleAnnotation)
			return v, err == nil, err
		}
		return v, false, nil
	}
	if ann == nil {
		return v, false, nil
	}
	for i := 0; i+1 < len(ann.Content); i += 2 {
		key, a := ann.Content[i].Value, ann.Content[i+1]
		if !strings.HasPrefix(key, nlbListenerAttributes) {
			continue
		}
		for _, kv := range strings.Split(a.Value, ",") {
			k, val, _ := strings.Cut(strings.TrimSpace(kv), "=")
			if k != nlbIdleListenerAttributes {
				continue
			}
			got, err := scalarSeconds(&yaml.Node{Kind: yaml.ScalarNode, Value: val, Line: a.Line}, file, key+" "+k)
			if err != nil {
				return v, false, err
			}
			if !ok || got.D < v.D {
				v, ok = got, true
			}
		}
	}
	return v, ok, nil
}

// backendConfigTimeout reads spec.timeoutSec of a GKE BackendConfig
// (cloud.google.com/v1): the backend service timeout of the external
// Application Load Balancer, which for a WebSocket is the longest the
// connection may live, idle or not (cloud.google.com, "Backend service
// timeout"; 30 s by default).
func backendConfigTimeout(docs []*yaml.Node, file, resource string) (v lbValue, ok bool, err error) {
	configs, names := objects(docs, "BackendConfig", resource)
	switch len(configs) {
	case 0:
		return v, false, fmt.Errorf("%s has no BackendConfig%s", file, named(resource))
	case 1:
	default:
		return v, false, fmt.Errorf("%s has several BackendConfigs (%s): name one with resource = \"…\"", file, strings.Join(names, ", "))
	}
	n := get(get(configs[0], "spec"), "timeoutSec")
	if n == nil {
		return v, false, nil
	}
	v, err = scalarSeconds(n, file, "BackendConfig "+names[0]+" spec.timeoutSec")
	return v, err == nil, err
}
