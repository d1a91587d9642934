package fix

import ctls "crypto/tls"

// singleLine uses a renamed import, which the fix reuses.
func singleLine(addr string) {
	cfg := &ctls.Config{ServerName: "gw.example"} // want `no ClientSessionCache`
	for {
		if c, err := ctls.Dial("tcp", addr, cfg); err == nil {
			consume(c)
		}
	}
}
