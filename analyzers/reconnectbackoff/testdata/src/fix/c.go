package fix

import "net"
import "time"

func dialSingleImport(addr string) net.Conn {
	for try := 1; try <= 3; try++ {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			time.Sleep(time.Second) // want `reconnect loop waits a fixed 1s`
			continue
		}
		return conn
	}
	return nil
}
