package nginxcheck

import (
	"fmt"
	"strconv"
	"strings"
)

// Version is an nginx version, major.minor.patch.
type Version [3]int

// DefaultVersion is the nginx version whose defaults apply when
// [nginx].version is not set: 1.26.0, the oldest stable line still shipped
// by supported distributions (Debian 13 ships 1.26; nginx.org's own stable
// lines since are 1.28 and 1.30). Choosing an old line errs on the side of
// reporting: a setting that older defaults need (proxy_http_version 1.1)
// is harmless on newer nginx.
const DefaultVersion = "1.26.0"

var defaultVersion = mustVersion(DefaultVersion)

// ParseVersion parses "1.29.7", "1.29" or "1".
func ParseVersion(s string) (Version, error) {
	var v Version
	parts := strings.Split(strings.TrimSpace(s), ".")
	if len(parts) > 3 || parts[0] == "" {
		return v, fmt.Errorf("invalid nginx version %q: want MAJOR.MINOR.PATCH, e.g. 1.26.3", s)
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return v, fmt.Errorf("invalid nginx version %q: want MAJOR.MINOR.PATCH, e.g. 1.26.3", s)
		}
		v[i] = n
	}
	return v, nil
}

func mustVersion(s string) Version {
	v, err := ParseVersion(s)
	if err != nil {
		panic(err)
	}
	return v
}

// AtLeast reports whether v is o or later.
func (v Version) AtLeast(o Version) bool {
	for i := range v {
		if v[i] != o[i] {
			return v[i] > o[i]
		}
	}
	return true
}

func (v Version) String() string { return fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2]) }

// Versions where a default changed.
var (
	// 1.19.10: "the default value of the keepalive_requests directive was
	// changed to 1000" (nginx CHANGES; ngx_http_core_module.html#keepalive_requests).
	keepaliveRequests1000 = Version{1, 19, 10}
	// 1.29.7: upstream keepalive is on by default ("keepalive 32 local"),
	// proxy_http_version defaults to 1.1, and the proxied Connection header
	// is no longer "close" (ngx_http_upstream_module.html#keepalive,
	// ngx_http_proxy_module.html#proxy_http_version).
	upstreamKeepaliveDefault = Version{1, 29, 7}
)

const (
	coreDoc      = "https://nginx.org/en/docs/http/ngx_http_core_module.html#"
	proxyDoc     = "https://nginx.org/en/docs/http/ngx_http_proxy_module.html#"
	upstreamDoc  = "https://nginx.org/en/docs/http/ngx_http_upstream_module.html#"
	limitReqDoc  = "https://nginx.org/en/docs/http/ngx_http_limit_req_module.html#"
	limitConnDoc = "https://nginx.org/en/docs/http/ngx_http_limit_conn_module.html#"
	headersDoc   = "https://nginx.org/en/docs/http/ngx_http_headers_module.html#"
)

// defaultArgs holds one shared argument slice per default value, so that
// looking a default up allocates nothing; callers never modify Args.
var defaultArgs = map[string][]string{}

func init() {
	for _, v := range []string{"1m", "75s", "1000", "100", "60s", "1.1", "1.0", "503", "on"} {
		defaultArgs[v] = []string{v}
	}
}

func one(v string) []string { return defaultArgs[v] }

// defaultOf returns nginx's default arguments of a single-value directive
// for version v, and the documentation that states it; ok is false for
// directives without a default connlint knows. Each value is the
// "Default:" line of the directive's documentation.
func defaultOf(name string, v Version) (args []string, doc string, ok bool) {
	switch name {
	case "client_max_body_size": // Default: client_max_body_size 1m;
		return one("1m"), coreDoc + "client_max_body_size", true
	case "keepalive_timeout": // Default: keepalive_timeout 75s;
		return one("75s"), coreDoc + "keepalive_timeout", true
	case "keepalive_requests": // Default: 1000 since 1.19.10, 100 before.
		if v.AtLeast(keepaliveRequests1000) {
			return one("1000"), coreDoc + "keepalive_requests", true
		}
		return one("100"), coreDoc + "keepalive_requests", true
	case "client_body_timeout": // Default: 60s;
		return one("60s"), coreDoc + "client_body_timeout", true
	case "send_timeout": // Default: 60s;
		return one("60s"), coreDoc + "send_timeout", true
	case "proxy_read_timeout": // Default: 60s;
		return one("60s"), proxyDoc + "proxy_read_timeout", true
	case "proxy_send_timeout": // Default: 60s;
		return one("60s"), proxyDoc + "proxy_send_timeout", true
	case "proxy_connect_timeout": // Default: 60s;
		return one("60s"), proxyDoc + "proxy_connect_timeout", true
	case "proxy_http_version": // Default: 1.0; 1.1 since 1.29.7.
		if v.AtLeast(upstreamKeepaliveDefault) {
			return one("1.1"), proxyDoc + "proxy_http_version", true
		}
		return one("1.0"), proxyDoc + "proxy_http_version", true
	case "limit_req_status": // Default: limit_req_status 503;
		return one("503"), limitReqDoc + "limit_req_status", true
	case "limit_conn_status": // Default: limit_conn_status 503;
		return one("503"), limitConnDoc + "limit_conn_status", true
	case "add_header_inherit": // Default: add_header_inherit on; (1.29.3)
		return one("on"), headersDoc + "add_header_inherit", true
	}
	return nil, "", false
}

// defaultProxyHeaders returns the request headers nginx's proxy module
// sets when proxy_set_header does not: "By default, only two fields are
// redefined: proxy_set_header Host $proxy_host; proxy_set_header
// Connection close;" (ngx_http_proxy_module.html#proxy_set_header). Since
// 1.29.7 Connection is no longer forced to close.
func defaultProxyHeaders(v Version) map[string]string {
	if v.AtLeast(upstreamKeepaliveDefault) {
		return map[string]string{"host": "$proxy_host"}
	}
	return map[string]string{"host": "$proxy_host", "connection": "close"}
}
