// Package percall builds TLS configurations where connections are made:
// per request, per reconnect attempt, per call of a helper that runs in a
// loop. Each such connection is a full handshake.
package percall

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/gorilla/websocket"
)

func serve(net.Conn) {}

// Proxy forwards every request upstream with a client it builds on the spot.
type Proxy struct {
	upstream string
	pool     *x509.CertPool
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: p.pool}, // want `tls.Config is built again for every request and has no ClientSessionCache: every connection is a full TLS handshake \(2 RTT\); build the config once, or give it a ClientSessionCache created once and shared`
	}}
	resp, err := client.Get(p.upstream + r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}

// connectGateway is a helper; the reconnect loop that calls it lives in
// another function.
func connectGateway(addr string, pool *x509.CertPool) (net.Conn, error) {
	cfg := &tls.Config{RootCAs: pool, ServerName: "gw.example"} // want `tls.Config is built again for every iteration`
	return tls.Dial("tcp", addr, cfg)
}

func keepGatewayConnected(ctx context.Context, addr string, pool *x509.CertPool) {
	for ctx.Err() == nil {
		conn, err := connectGateway(addr, pool)
		if err != nil {
			time.Sleep(2 * time.Second)
			continue
		}
		serve(conn) // blocks until the link drops, then the loop redials
	}
}

// uplinkOnce creates a cache with the config it is part of: both are new on
// every call, so the cache never holds a session.
func uplinkOnce(addr string) error {
	cfg := &tls.Config{ // want `ClientSessionCache is created together with a tls.Config that is built again for every iteration: the cache is always empty`
		ServerName:         "uplink.example",
		ClientSessionCache: tls.NewLRUClientSessionCache(8),
	}
	conn, err := tls.Dial("tcp", addr, cfg)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write([]byte("reading"))
	return err
}

func uploadLoop(addr string, tick <-chan time.Time) {
	for range tick {
		_ = uplinkOnce(addr)
	}
}

// reconnectInline writes the config inside the reconnect loop itself.
func reconnectInline(addr string) {
	for {
		conn, err := tls.Dial("tcp", addr, &tls.Config{ServerName: "meter.example"}) // want `tls.Config is built again for every iteration`
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		serve(conn)
	}
}

// Tunnel keeps one config, built in its constructor, and a fresh dialer per
// connection attempt around it (the dialer is cheap, the handshake is not).
type Tunnel struct {
	server string
	tls    *tls.Config
}

func NewTunnel(server string, skipVerify bool) *Tunnel {
	t := &Tunnel{server: server}
	tc := &tls.Config{} // want `tls.Config for reconnecting client connections has no ClientSessionCache`
	if skipVerify {
		tc.InsecureSkipVerify = true
	}
	t.tls = tc
	return t
}

func (t *Tunnel) connectOnce(ctx context.Context) error {
	d := websocket.Dialer{HandshakeTimeout: 45 * time.Second, TLSClientConfig: t.tls}
	conn, _, err := d.DialContext(ctx, t.server, nil)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, _, err = conn.ReadMessage()
	return err
}

func (t *Tunnel) Loop(ctx context.Context) {
	for ctx.Err() == nil {
		if err := t.connectOnce(ctx); err != nil {
			time.Sleep(time.Second)
		}
	}
}

// sharedTLS is built once; the handler builds a transport around it per request.
var sharedTLS = &tls.Config{MinVersion: tls.VersionTLS12} // want `tls.Config for reconnecting client connections has no ClientSessionCache`

func relay(w http.ResponseWriter, r *http.Request) {
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: sharedTLS}}
	resp, err := c.Get("https://backend.example/state")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	_, _ = io.Copy(w, resp.Body)
}

// legacy is built once, but without keep-alive every request dials anew.
var legacy = &http.Client{Transport: &http.Transport{
	DisableKeepAlives: true,
	TLSClientConfig:   &tls.Config{MinVersion: tls.VersionTLS12}, // want `tls.Config for reconnecting client connections has no ClientSessionCache`
}}

// registerStatus builds the config in a gin handler literal.
func registerStatus(r interface {
	GET(string, ...gin.HandlerFunc)
}, addr string) {
	r.GET("/status", func(c *gin.Context) {
		conn, err := tls.Dial("tcp", addr, &tls.Config{ServerName: "status.example"}) // want `tls.Config is built again for every request`
		if err != nil {
			c.Status(http.StatusBadGateway)
			return
		}
		defer conn.Close()
		c.Status(http.StatusOK)
	})
}

// watch redials on every tick with one config.
func watch(addr string, t *time.Ticker) {
	cfg := &tls.Config{ServerName: "watch.example"} // want `tls.Config for reconnecting client connections has no ClientSessionCache`
	for range t.C {
		if conn, err := tls.Dial("tcp", addr, cfg); err == nil {
			conn.Close()
		}
	}
}

var _ = legacy

// Negatives: look-alikes where handshakes do not repeat, or resume.

// sessionCache is shared by every config built below.
var sessionCache = tls.NewLRUClientSessionCache(0)

func (p *Proxy) withSharedCache(w http.ResponseWriter, r *http.Request) {
	cfg := &tls.Config{RootCAs: p.pool, ClientSessionCache: sessionCache}
	conn, err := tls.Dial("tcp", p.upstream, cfg)
	if err != nil {
		return
	}
	defer conn.Close()
}

// onceClient builds its client inside sync.Once, even though it is
// reached from a handler.
var (
	once   sync.Once
	client *http.Client
)

func lazyClient(w http.ResponseWriter, r *http.Request) {
	once.Do(func() {
		client = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}}}
	})
	resp, err := client.Get("https://backend.example/")
	if err == nil {
		resp.Body.Close()
	}
}

// sweep connects once to each host of a list: different peers, nothing to resume.
func sweep(hosts []string, cfg0 *tls.Config) {
	cfg := &tls.Config{ServerName: "scan.example"}
	for _, h := range hosts {
		if conn, err := tls.Dial("tcp", h, cfg); err == nil {
			conn.Close()
		}
	}
	_ = cfg0
}

// dialRetry leaves its loop on the first success: one handshake completes.
func dialRetry(addr string) (net.Conn, error) {
	cfg := &tls.Config{ServerName: "retry.example"}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		var conn net.Conn
		conn, err = tls.Dial("tcp", addr, cfg)
		if err == nil {
			return conn, nil
		}
		time.Sleep(time.Second)
	}
	return nil, err
}

// dialUntilUp loops until it connects, then hands the connection back.
func dialUntilUp(addr string) net.Conn {
	cfg := &tls.Config{ServerName: "up.example"}
	for {
		if conn, err := tls.Dial("tcp", addr, cfg); err == nil {
			return conn
		}
		time.Sleep(time.Second)
	}
}

// Device is built once per configured device, by a loop over the
// configuration: one long-lived connection each.
type Device struct{ conn net.Conn }

func newDevice(addr string) (*Device, error) {
	conn, err := tls.Dial("tcp", addr, &tls.Config{ServerName: addr})
	return &Device{conn: conn}, err
}

func startAll(addrs []string) []*Device {
	var devs []*Device
	for _, a := range addrs {
		if d, err := newDevice(a); err == nil {
			devs = append(devs, d)
		}
	}
	return devs
}

// setup runs once from main: its config is not per call.
func setup(addr string) net.Conn {
	conn, _ := tls.Dial("tcp", addr, &tls.Config{ServerName: "setup.example"})
	return conn
}

// Session stores its config when it (re)connects: later calls reuse it.
type Session struct{ cfg *tls.Config }

func (s *Session) ensure(addr string) {
	s.cfg = &tls.Config{ServerName: "session.example"}
	_, _ = tls.Dial("tcp", addr, s.cfg)
}

func (s *Session) keep(addr string) {
	for {
		s.ensure(addr)
		time.Sleep(time.Minute)
	}
}

// expiry reads the peer's certificate on every request: inspection only.
func expiry(w http.ResponseWriter, r *http.Request) {
	conn, err := tls.Dial("tcp", r.URL.Query().Get("host"), &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		return
	}
	defer conn.Close()
	_ = conn.ConnectionState().PeerCertificates
}

// pooled sends requests in a loop through a transport built once.
func pooled(urls []string) {
	c := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}}}
	for range 100 {
		for _, u := range urls {
			if resp, err := c.Get(u); err == nil {
				resp.Body.Close()
			}
		}
	}
}
