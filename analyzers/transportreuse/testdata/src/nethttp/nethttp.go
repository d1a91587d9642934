// Package nethttp models a device API gateway built on net/http.
package nethttp

import (
	"crypto/tls"
	"net/http"
	"net/http/httputil"
	"sync"
	"time"
)

const upstream = "https://telemetry.example.com/v1/readings"

// Positives.

func forwardReading(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}} // want `http.Transport created inside an HTTP handler: every request opens new TCP and TLS connections; create the Transport once`
	resp, err := client.Post(upstream, "application/json", r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
}

type statusAPI struct{ base string }

func (s *statusAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	tr := new(http.Transport) // want `http.Transport created inside an HTTP handler`
	tr.TLSHandshakeTimeout = 5 * time.Second
	resp, err := (&http.Client{Transport: tr}).Get(s.base + "/status")
	if err == nil {
		resp.Body.Close()
	}
}

func routes(mux *http.ServeMux) {
	mux.HandleFunc("/firmware", func(w http.ResponseWriter, r *http.Request) {
		tr := http.DefaultTransport.(*http.Transport).Clone() // want `http.Transport cloned inside an HTTP handler: the clone starts with an empty connection pool`
		tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		client := http.Client{Transport: tr, Timeout: 30 * time.Second}
		resp, err := client.Get(upstream + "/firmware")
		if err == nil {
			resp.Body.Close()
		}
	})
}

func fieldAssigned(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Timeout: 10 * time.Second}
	client.Transport = &http.Transport{DisableCompression: true} // want `http.Transport created inside an HTTP handler`
	resp, err := client.Get(upstream)
	if err == nil {
		resp.Body.Close()
	}
}

// withAudit is middleware: the wrapped handler runs per request.
func withAudit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t := http.Transport{} // want `http.Transport created inside an HTTP handler`
		audit := http.Client{Transport: &t}
		if resp, err := audit.Get(upstream + "/audit"); err == nil {
			resp.Body.Close()
		}
		next.ServeHTTP(w, r)
	})
}

func reverseProxy(w http.ResponseWriter, r *http.Request) {
	proxy := &httputil.ReverseProxy{
		Rewrite:   func(pr *httputil.ProxyRequest) {},
		Transport: &http.Transport{ResponseHeaderTimeout: time.Minute}, // want `http.Transport created inside an HTTP handler`
	}
	proxy.ServeHTTP(w, r)
}

// Negatives.

var sharedClient = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}

var onceClient = sync.OnceValue(func() *http.Client {
	return &http.Client{Transport: &http.Transport{}}
})

// A Client without a Transport shares http.DefaultTransport.
func timeoutOnly(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Timeout: 5 * time.Second}
	if resp, err := client.Get(upstream); err == nil {
		resp.Body.Close()
	}
}

// Copying another Client's Transport shares its pool.
func copiedTransport(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: sharedClient.Transport, Timeout: 2 * time.Second}
	if resp, err := client.Get(upstream); err == nil {
		resp.Body.Close()
	}
	if resp, err := onceClient().Get(upstream); err == nil {
		resp.Body.Close()
	}
}

type lazyAPI struct {
	mu     sync.Mutex
	client *http.Client
	once   sync.Once
	tr     *http.Transport
	pools  map[string]*http.Transport
}

func (a *lazyAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	if a.client == nil {
		a.client = &http.Client{Transport: &http.Transport{IdleConnTimeout: time.Minute}}
	}
	a.mu.Unlock()
	a.once.Do(func() {
		a.tr = &http.Transport{}
	})
	host := r.URL.Query().Get("host")
	a.mu.Lock()
	if _, ok := a.pools[host]; !ok {
		tr := &http.Transport{MaxIdleConnsPerHost: 2}
		a.pools[host] = tr
	}
	a.mu.Unlock()
}

type proxyService struct{ client *http.Client }

// newProxyService is a constructor: it runs once, from main.
func newProxyService() *proxyService { // want newProxyService:"creates and returns an http.Transport \\(depth 1\\)"
	return &proxyService{client: &http.Client{Transport: &http.Transport{MaxIdleConns: 100}}}
}

func (p *proxyService) handle(w http.ResponseWriter, r *http.Request) {
	if resp, err := p.client.Get(upstream); err == nil {
		resp.Body.Close()
	}
}

// makeHandler builds one Transport per handler, captured by the closure.
func makeHandler(target string) http.HandlerFunc {
	tr := &http.Transport{MaxIdleConnsPerHost: 8}
	client := &http.Client{Transport: tr}
	return func(w http.ResponseWriter, r *http.Request) {
		if resp, err := client.Get(target); err == nil {
			resp.Body.Close()
		}
	}
}

func init() {
	http.DefaultTransport.(*http.Transport).MaxIdleConnsPerHost = 32
	_ = &http.Client{Transport: &http.Transport{}}
}

func register(mux *http.ServeMux, targets map[string]string) {
	svc := newProxyService()
	mux.HandleFunc("/proxy", svc.handle)
	for path, target := range targets {
		mux.Handle(path, makeHandler(target))
	}
}

func suppressed(w http.ResponseWriter, r *http.Request) {
	//connlint:ignore transportreuse one-off diagnostic endpoint, called once a day by ops
	tr := &http.Transport{}
	c := &http.Client{Transport: tr}
	if resp, err := c.Get(upstream); err == nil {
		resp.Body.Close()
	}
}

// A handler declared as a package-level variable is still per request.
var statusHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{}} // want `http.Transport created inside an HTTP handler`
	defer c.CloseIdleConnections()
	if resp, err := c.Get(upstream + "/status"); err == nil {
		resp.Body.Close()
	}
})
