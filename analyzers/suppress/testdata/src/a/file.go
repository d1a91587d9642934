//connlint:file-ignore keepalive this file is the server's shutdown path

package a

func shutdownPath() {
	bad()
	bad()
}
