// Package testutil dials a TLS test server repeatedly.
package testutil

import "crypto/tls"

func DialMany(addr string, n int) error {
	conf := &tls.Config{InsecureSkipVerify: true} // want `ClientSessionCache`
	for i := 0; i < n; i++ {
		conn, err := tls.Dial("tcp", addr, conf)
		if err != nil {
			return err
		}
		conn.Close()
	}
	return nil
}
