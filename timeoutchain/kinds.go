package timeoutchain

import "time"

// Kind describes a type of hop and its documented defaults. A zero
// duration means the kind has no such timeout (or it does not apply).
type Kind struct {
	Name  string
	Title string
	// StreamIdle closes a long-lived (upgraded, streaming) connection
	// that carries no data for this long: the timeout heartbeats must
	// beat.
	StreamIdle time.Duration
	// KeepAliveIdle closes an idle keep-alive connection from the hop in
	// front: it must outlast the front hop's UpstreamReuse.
	KeepAliveIdle time.Duration
	// UpstreamReuse is how long the hop keeps an idle pooled connection
	// to the next hop before closing it itself.
	UpstreamReuse time.Duration
	// Lifetime caps a connection's total duration, idle or not.
	Lifetime time.Duration
	// Doc is where the defaults are documented.
	Doc string
	// Unconfirmed lists defaults that could not be confirmed in the
	// vendor's documentation; they are shown as such and never used
	// silently.
	Unconfirmed string
	// FromCode: the hop's values come from the analyzed Go code (the
	// http.Server record), not from defaults.
	FromCode bool
	// FromNginx: the hop's values come from the effective nginx model.
	FromNginx bool
	// FromNginxStream: the hop is a server of an nginx stream block.
	FromNginxStream bool
}

// kinds are the hop kinds connlint knows. Every default cites its source;
// each was checked against the vendor's documentation.
var kinds = map[string]Kind{
	// AWS ALB: "By default, ELB sets the idle timeout value for your load
	// balancer to 60 seconds"; it applies to client and target
	// connections alike (docs.aws.amazon.com/elasticloadbalancing/latest/
	// application/edit-load-balancer-attributes.html, "Connection idle
	// timeout"; range 1-4000 s). The HTTP client keep-alive duration
	// (default 3600 s) is a maximum connection age, not an idle timeout.
	"alb": {
		Name: "alb", Title: "AWS Application Load Balancer",
		StreamIdle: 60 * time.Second, KeepAliveIdle: 60 * time.Second, UpstreamReuse: 60 * time.Second,
		Doc: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html#connection-idle-timeout",
	},
	// AWS NLB: "The default idle timeout value for TCP flows is 350
	// seconds" (TLS listeners: 350 s, fixed)
	// (docs.aws.amazon.com/elasticloadbalancing/latest/network/update-idle-timeout.html).
	// A TCP pass-through: it holds no pool of its own.
	"nlb": {
		Name: "nlb", Title: "AWS Network Load Balancer",
		StreamIdle: 350 * time.Second, KeepAliveIdle: 350 * time.Second,
		Doc: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/update-idle-timeout.html",
	},
	// AWS Classic ELB: idle timeout 60 s by default, for front-end and
	// back-end connections; back-end keep-alive reuses connections until
	// it expires (docs.aws.amazon.com/elasticloadbalancing/latest/classic/config-idle-timeout.html).
	"elb": {
		Name: "elb", Title: "AWS Classic Load Balancer",
		StreamIdle: 60 * time.Second, KeepAliveIdle: 60 * time.Second, UpstreamReuse: 60 * time.Second,
		Doc: "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/config-idle-timeout.html",
	},
	// API Gateway WebSocket APIs: "Idle Connection Timeout 10 minutes"
	// and "Connection duration for WebSocket API 2 hours", neither can be
	// increased (docs.aws.amazon.com/apigateway/latest/developerguide/
	// apigateway-execution-service-websocket-limits-table.html).
	"apigw-websocket": {
		Name: "apigw-websocket", Title: "AWS API Gateway WebSocket API",
		StreamIdle: 10 * time.Minute, Lifetime: 2 * time.Hour,
		Doc: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html",
	},
	// GCP external Application Load Balancer: client HTTP keep-alive 610 s,
	// backend keep-alive 600 s (fixed); the backend service timeout,
	// 30 s by default, is for WebSockets the maximum connection lifetime
	// (cloud.google.com/load-balancing/docs/https/request-distribution and
	// "Timeouts and retries").
	"gcp-https-lb": {
		Name: "gcp-https-lb", Title: "GCP external Application Load Balancer",
		KeepAliveIdle: 610 * time.Second, UpstreamReuse: 600 * time.Second, Lifetime: 30 * time.Second,
		Doc: "https://cloud.google.com/load-balancing/docs/https/request-distribution",
	},
	// Azure Load Balancer: "The default setting is 4 minutes" (range
	// 4-100 min); flows idle longer are dropped silently unless TCP
	// reset is enabled (learn.microsoft.com/azure/load-balancer/load-balancer-tcp-idle-timeout).
	"azure-lb": {
		Name: "azure-lb", Title: "Azure Load Balancer",
		StreamIdle: 4 * time.Minute, KeepAliveIdle: 4 * time.Minute,
		Doc: "https://learn.microsoft.com/azure/load-balancer/load-balancer-tcp-idle-timeout",
	},
	// Cloudflare: the origin must answer within the 100 s Proxy Read
	// Timeout, or the client gets a 524 (developers.cloudflare.com/support/
	// troubleshooting/http-status-codes/cloudflare-5xx-errors/error-524/);
	// Enterprise zones can raise it.
	"cloudflare": {
		Name: "cloudflare", Title: "Cloudflare proxy",
		StreamIdle: 100 * time.Second,
		Doc:        "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/error-524/",
	},
	// Heroku router: after the first response byte, each byte must come
	// within a 55 s rolling window or the router closes the connection
	// (H15); this applies to WebSockets too (devcenter.heroku.com/articles/
	// http-routing#timeouts, .../websockets#timeouts). Router 2.0 keeps
	// connections to dynos alive for 90 s (devcenter.heroku.com/articles/http-routing#keepalives).
	"heroku": {
		Name: "heroku", Title: "Heroku router",
		StreamIdle: 55 * time.Second, UpstreamReuse: 90 * time.Second,
		Doc: "https://devcenter.heroku.com/articles/http-routing#timeouts",
	},
	// nginx: proxy_read_timeout and proxy_send_timeout 60 s (between two
	// reads/writes), keepalive_timeout 75 s toward clients, upstream
	// keepalive_timeout 60 s (since 1.15.3) for pooled upstream
	// connections (nginx.org/en/docs/http/ngx_http_proxy_module.html,
	// ngx_http_core_module.html#keepalive_timeout,
	// ngx_http_upstream_module.html#keepalive_timeout). With a config,
	// the values come from the effective nginx model instead.
	"nginx": {
		Name: "nginx", Title: "nginx",
		StreamIdle: 60 * time.Second, KeepAliveIdle: 75 * time.Second, UpstreamReuse: 60 * time.Second,
		Doc: "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_read_timeout", FromNginx: true,
	},
	// nginx stream {} server proxying TCP: "proxy_timeout 10m" between two
	// successive reads or writes on the client or the proxied connection,
	// after which the connection is closed; "proxy_connect_timeout 60s"
	// (nginx.org/en/docs/stream/ngx_stream_proxy_module.html). A TCP
	// pass-through: it pools nothing. With a config, the values come from
	// the effective stream server.
	"nginx-stream": {
		Name: "nginx-stream", Title: "nginx stream proxy",
		StreamIdle: 10 * time.Minute, KeepAliveIdle: 10 * time.Minute,
		Doc: "https://nginx.org/en/docs/stream/ngx_stream_proxy_module.html#proxy_timeout", FromNginxStream: true,
	},
	// ingress-nginx: the ConfigMap keys proxy-read-timeout and
	// proxy-send-timeout default to 60 s, keep-alive to 75 s,
	// upstream-keepalive-timeout to 60 s; per-Ingress annotations
	// nginx.ingress.kubernetes.io/proxy-read-timeout override them
	// (kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/).
	"ingress-nginx": {
		Name: "ingress-nginx", Title: "Kubernetes ingress-nginx",
		StreamIdle: 60 * time.Second, KeepAliveIdle: 75 * time.Second, UpstreamReuse: 60 * time.Second,
		Doc: "https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/",
	},
	// HAProxy has no default for timeout client/server/tunnel: unset means
	// no timeout, and HAProxy warns at start-up. The hop needs its values
	// in the chain (idle_timeout = "…"), or chain-source reports it.
	"haproxy": {
		Name: "haproxy", Title: "HAProxy",
		Doc:         "https://docs.haproxy.org/2.8/configuration.html#4-timeout%20tunnel",
		Unconfirmed: "no built-in default: give idle_timeout (timeout tunnel, or timeout client/server)",
	},
	// Envoy: the HTTP protocol idle_timeout (no active streams) defaults
	// to 1 hour, downstream and upstream (envoyproxy.io/docs/envoy/latest/
	// faq/configuration/timeouts). The stream idle timeout that governs an
	// upgraded WebSocket stream defaults to 5 minutes according to the API
	// reference, which could not be confirmed here: it is marked so.
	"envoy": {
		Name: "envoy", Title: "Envoy",
		StreamIdle: 5 * time.Minute, KeepAliveIdle: time.Hour, UpstreamReuse: time.Hour,
		Doc:         "https://www.envoyproxy.io/docs/envoy/latest/faq/configuration/timeouts",
		Unconfirmed: "stream_idle_timeout 5m (HttpConnectionManager API reference)",
	},
	// Traefik: entryPoints.<name>.transport.respondingTimeouts.idleTimeout
	// "Default=180s": the longest an idle keep-alive connection stays open
	// (doc.traefik.io/traefik/routing/entrypoints/#respondingtimeouts).
	"traefik": {
		Name: "traefik", Title: "Traefik",
		KeepAliveIdle: 180 * time.Second,
		Doc:           "https://doc.traefik.io/traefik/routing/entrypoints/#respondingtimeouts",
	},
	// Go net/http: IdleTimeout, falling back to ReadTimeout, 0 meaning
	// no limit ((*Server).idleTimeout in net/http/server.go). Hijacked
	// (WebSocket) connections leave the server's idle handling, so the
	// go hop does not bound heartbeats. Values come from the code.
	"go": {
		Name: "go", Title: "Go net/http server",
		Doc: "https://pkg.go.dev/net/http#Server", FromCode: true,
	},
	// Node.js http.Server keepAliveTimeout: 5000 ms (nodejs.org/api/http.html#serverkeepalivetimeout);
	// nodejs/node#62782 raised it to 65 s in a later release. 5 s is used
	// unless the hop gives idle_timeout.
	"node": {
		Name: "node", Title: "Node.js http server",
		KeepAliveIdle: 5 * time.Second,
		Doc:           "https://nodejs.org/api/http.html#serverkeepalivetimeout",
		Unconfirmed:   "65s in Node releases after nodejs/node#62782",
	},
}

// LookupKind returns the kind with the given name.
func LookupKind(name string) (Kind, bool) {
	k, ok := kinds[name]
	return k, ok
}

// KindNames lists the known kinds, for error messages.
func KindNames() []string {
	return []string{"alb", "nlb", "elb", "apigw-websocket", "gcp-https-lb", "azure-lb", "cloudflare", "heroku", "nginx", "nginx-stream", "ingress-nginx", "haproxy", "envoy", "traefik", "go", "node"}
}
