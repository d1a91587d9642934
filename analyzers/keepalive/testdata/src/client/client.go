package client

import (
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
