//connlint:file-ignore keepalive this file is the server's shutdown path

package b

func shutdownPath() {
	bad()
	bad()
}
