package client

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"

	"conf"
)

const headerName = "Connection"

// Uploader posts readings with a client built once.
type Uploader struct {
	client *http.Client
	url    string
}

func (u *Uploader) Send(ctx context.Context, body string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.url, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Close = true // want `req.Close = true closes the connection after this request, so the next one pays a new TCP \(and TLS\) handshake; remove it`
	resp, err := u.client.Do(req)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

func (u *Uploader) headers(req *http.Request) {
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Connection", "close") // want `"Connection: close" request header closes the connection after this request`
}

func (u *Uploader) headersFromConstants(req *http.Request) {
	req.Header.Add(conf.HeaderConnection, conf.ValueClose) // want `"Connection: close" request header`
}

func (u *Uploader) headerConstHere(ctx context.Context) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set(headerName, "close") // want `"Connection: close" request header`
	return req, nil
}

func literalHeader(ctx context.Context, url string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header = http.Header{ // want `"Connection: close" request header`
		"User-Agent": {"gw/1.0"},
		"connection": {"close"},
	}
	return req, nil
}

// roundTripper is client-side middleware: its request is outgoing.
type roundTripper struct{ next http.RoundTripper }

func (rt roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Close = true // want `req.Close = true closes the connection`
	return rt.next.RoundTrip(r)
}

// newProxy forwards device traffic; Director edits the outgoing request.
func newProxy(target *url.URL) *httputil.ReverseProxy {
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.Director = func(req *http.Request) {
		req.URL.Scheme, req.URL.Host = target.Scheme, target.Host
		req.Header.Set("Connection", "Close") // want `"Connection: close" request header`
	}
	return proxy
}

// Negatives.

func keepAliveHeader(req *http.Request) {
	req.Header.Set("Connection", "keep-alive")
	req.Header.Set("X-Connection", "close")
	req.Header.Set("Connection", "upgrade")
}

func responseSide(resp *http.Response) {
	// The client marks a response it got: not a request setting.
	resp.Close = true
	resp.Header.Set("Connection", "close")
}

func notConstant(req *http.Request, value string) {
	req.Header.Set("Connection", value)
	req.Close = value == "close"
}

func explicitlyFalse(req *http.Request) {
	req.Close = false
}

func suppressedClose(ctx context.Context, url string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Close = true //connlint:ignore keepalive the legacy PLC resets pooled connections
	return req, nil
}

// readForwarded parses a request a device sent through a tunnel: it is
// the server's incoming request, whatever it is marked with.
func readForwarded(br *bufio.Reader) (*http.Request, error) {
	req, err := http.ReadRequest(br)
	if err != nil {
		return nil, err
	}
	req.Close = true
	return req, nil
}

// requestFromEnv builds the incoming request of a CGI-style gateway from
// its environment and hands it to the caller's handler.
func requestFromEnv(env map[string]string) *http.Request {
	r := new(http.Request)
	r.Method = env["REQUEST_METHOD"]
	r.Close = true
	return r
}

// The look-alike: an empty request built and sent here is outgoing.
func sendBuilt(u *url.URL) error {
	r := &http.Request{Method: http.MethodGet, URL: u, Header: http.Header{}}
	r.Close = true // want `req.Close = true closes the connection`
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// honoring carries out the wrapped transport's own DisableKeepAlives.
type honoring struct{ t *http.Transport }

func (h honoring) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	if h.t.DisableKeepAlives && r.Header.Get("Upgrade") == "" {
		r.Header.Set("Connection", "close")
		r.Close = true
	} else {
		r.Header.Set("Connection", "close") // want `"Connection: close" request header`
	}
	return h.t.RoundTrip(r)
}

// parseTunneled is such a parser itself: the request it fills in is
// incoming.
func parseTunneled(br *bufio.Reader) (req *http.Request, err error) {
	req = new(http.Request)
	if _, err = br.Peek(1); err != nil {
		return nil, err
	}
	req.Close = true
	return req, nil
}
