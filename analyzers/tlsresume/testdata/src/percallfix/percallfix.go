package percallfix

import (
	"crypto/tls"
	"net"
	"time"
)

func serve(net.Conn) {}

func dialMeter(addr string) (net.Conn, error) {
	return tls.Dial("tcp", addr, &tls.Config{ServerName: "meter.example"}) // want `tls.Config is built again for every iteration`
}

func dialCached(addr string) (net.Conn, error) {
	cfg := &tls.Config{ // want `ClientSessionCache is created together with a tls.Config`
		ServerName:         "cached.example",
		ClientSessionCache: tls.NewLRUClientSessionCache(4),
	}
	return tls.Dial("tcp", addr, cfg)
}

func loop(addr string) {
	for {
		if c, err := dialMeter(addr); err == nil {
			serve(c)
		}
		if c, err := dialCached(addr); err == nil {
			serve(c)
		}
		time.Sleep(time.Second)
	}
}
