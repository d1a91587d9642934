package reconnect

import (
	"crypto/tls"
	"crypto/x509"
	"log"
	"net"
	"net/http"
	"time"
)

func consume(net.Conn) {}

func dialLoop(pool *x509.CertPool) {
	cfg := &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12} // want `tls.Config for reconnecting client connections has no ClientSessionCache`
	for {
		conn, err := tls.Dial("tcp", "gw.example:8883", cfg)
		if err != nil {
			time.Sleep(time.Second)
			continue
		}
		consume(conn)
	}
}

func packageVarLoop() {
	for {
		conn, err := tls.Dial("tcp", "broker.example:8883", brokerTLS)
		if err == nil {
			consume(conn)
		}
	}
}

func cachedLoop() {
	for range 3 {
		if conn, err := tls.Dial("tcp", "cached.example:443", cachedTLS); err == nil {
			consume(conn)
		}
	}
}

// Device keeps its config in a field and reconnects from run.
type Device struct {
	addr string
	tls  *tls.Config
}

func NewDevice(addr string, pool *x509.CertPool) *Device {
	return &Device{addr: addr, tls: &tls.Config{RootCAs: pool}} // want `tls.Config for reconnecting client connections`
}

func (d *Device) connect() (net.Conn, error) {
	return tls.Dial("tcp", d.addr, d.tls)
}

func (d *Device) run() {
	for {
		conn, err := d.connect()
		if err != nil {
			continue
		}
		consume(conn)
	}
}

func valueConfigOverRawConn(addr string) {
	cfg := tls.Config{ServerName: "meter.example"} // want `tls.Config for reconnecting client connections`
	for attempt := 0; attempt < 5; attempt++ {
		raw, err := net.Dial("tcp", addr)
		if err != nil {
			continue
		}
		consume(tls.Client(raw, &cfg))
	}
}

func tlsDialerInLoop(addr string) {
	d := &tls.Dialer{Config: &tls.Config{ServerName: "edge.example"}} // want `tls.Config for reconnecting client connections`
	for {
		if conn, err := d.Dial("tcp", addr); err == nil {
			consume(conn)
		}
	}
}

// Negatives.

// Uploader is built once and sends readings for the life of the process:
// its pool keeps the connections, so handshakes do not repeat.
type Uploader struct{ client *http.Client }

func NewUploader(pool *x509.CertPool) *Uploader {
	return &Uploader{client: &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			TLSClientConfig: &tls.Config{RootCAs: pool},
			IdleConnTimeout: 90 * time.Second,
		},
	}}
}

// clonedDefault builds its transport once, for a client kept by the caller.
func clonedDefault(pool *x509.CertPool) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	cfg := &tls.Config{RootCAs: pool}
	cfg.MinVersion = tls.VersionTLS13
	tr.TLSClientConfig = cfg
	return &http.Client{Transport: tr}
}

// (*Uploader).sendAll posts in a loop through the pool built once.
func (u *Uploader) sendAll(urls []string) {
	for range 10 {
		for _, url := range urls {
			if resp, err := u.client.Get(url); err == nil {
				resp.Body.Close()
			}
		}
	}
}

func withCache(pool *x509.CertPool) *http.Transport {
	return &http.Transport{TLSClientConfig: &tls.Config{
		RootCAs:            pool,
		ClientSessionCache: tls.NewLRUClientSessionCache(64),
	}}
}

func cacheAssignedAfter(addr string) {
	cfg := &tls.Config{ServerName: "gw.example"}
	cfg.ClientSessionCache = tls.NewLRUClientSessionCache(0)
	for {
		if conn, err := tls.Dial("tcp", addr, cfg); err == nil {
			consume(conn)
		}
	}
}

func ticketsOff(addr string) {
	cfg := &tls.Config{SessionTicketsDisabled: true}
	for {
		if conn, err := tls.Dial("tcp", addr, cfg); err == nil {
			consume(conn)
		}
	}
}

func literalInsideLoop(addrs []string) {
	for _, addr := range addrs {
		// A cache here would be new for every address: hoisting is the fix.
		cfg := &tls.Config{ServerName: addr}
		if conn, err := tls.Dial("tcp", addr, cfg); err == nil {
			consume(conn)
		}
	}
}

func dialOnce(addr string) (net.Conn, error) {
	return tls.Dial("tcp", addr, &tls.Config{ServerName: "once.example"})
}

func serverSide(cert tls.Certificate) error {
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}}
	ln, err := tls.Listen("tcp", ":8883", cfg)
	if err != nil {
		return err
	}
	for {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		consume(conn)
	}
}

func httpsServer(cert tls.Certificate) *http.Server {
	return &http.Server{Addr: ":443", TLSConfig: &tls.Config{Certificates: []tls.Certificate{cert}}}
}

func buildTransport(cfg *tls.Config) *http.Transport { return &http.Transport{TLSClientConfig: cfg} }

func passedToHelper(pool *x509.CertPool) *http.Transport {
	cfg := &tls.Config{RootCAs: pool}
	return buildTransport(cfg) // the helper's use is not followed
}

func returned(pool *x509.CertPool) *tls.Config {
	return &tls.Config{RootCAs: pool}
}

func cloned(addr string, pool *x509.CertPool) {
	base := &tls.Config{RootCAs: pool}
	for {
		if conn, err := tls.Dial("tcp", addr, base.Clone()); err == nil {
			consume(conn)
		}
	}
}

// expiryScan reads each host's certificate once: inspection, not a client.
func expiryScan(hosts []string) {
	cfg := &tls.Config{InsecureSkipVerify: true}
	for _, h := range hosts {
		conn, err := tls.Dial("tcp", h+":443", cfg)
		if err != nil {
			continue
		}
		for _, cert := range conn.ConnectionState().PeerCertificates {
			log.Println(h, cert.NotAfter)
		}
		conn.Close()
	}
}

func suppressed(addr string) {
	//connlint:ignore tlsresume the HSM-backed broker rejects resumed sessions
	cfg := &tls.Config{ServerName: "hsm.example"}
	for {
		if conn, err := tls.Dial("tcp", addr, cfg); err == nil {
			consume(conn)
		}
	}
}
