package fix

import (
	"crypto/tls"
	"net"
)

func consume(net.Conn) {}

func empty(addr string) {
	cfg := &tls.Config{} // want `no ClientSessionCache`
	for {
		if c, err := tls.Dial("tcp", addr, cfg); err == nil {
			consume(c)
		}
	}
}

func multiLine(addr string) {
	cfg := &tls.Config{ // want `no ClientSessionCache`
		ServerName: "gw.example",
		MinVersion: tls.VersionTLS12,
	}
	for {
		if c, err := tls.Dial("tcp", addr, cfg); err == nil {
			consume(c)
		}
	}
}
