// Package dials models a gateway that talks raw TCP and TLS to devices.
package dials

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"time"
)

const gateway = "gateway.example.com:8883"

var tlsConfig = &tls.Config{MinVersion: tls.VersionTLS12}

type reading struct {
	Device string
	Value  float64
}

type device struct{ Addr string }

// Positives.

func pushReadings(readings []reading) {
	for _, r := range readings {
		conn, err := tls.Dial("tcp", gateway, tlsConfig) // want `tls.Dial inside a loop for a single exchange: every iteration pays TCP and TLS handshakes; keep one connection open and reuse it`
		if err != nil {
			log.Print(err)
			continue
		}
		fmt.Fprintf(conn, "%s=%f\n", r.Device, r.Value)
		conn.Close()
	}
}

func backendStatus(w http.ResponseWriter, r *http.Request) {
	conn, err := net.Dial("tcp", "backend.internal:80") // want `net.Dial inside an HTTP handler for a single exchange: every request pays a TCP handshake`
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer conn.Close()
	req, _ := http.NewRequest(http.MethodGet, "http://backend.internal/status", nil)
	if err := req.Write(conn); err != nil {
		return
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err == nil {
		resp.Body.Close()
	}
}

func heartbeat(ctx context.Context) {
	var d net.Dialer
	for {
		conn, err := d.DialContext(ctx, "tcp", gateway) // want `\(\*net.Dialer\).DialContext inside a loop for a single exchange`
		if err == nil {
			conn.Write([]byte("ping\n"))
			conn.Close()
		}
		time.Sleep(30 * time.Second)
	}
}

// sendOnce dials, writes one line and hangs up.
func sendOnce(addr, line string) error { // want sendOnce:"creates and uses a TLS connection"
	conn, err := tls.Dial("tcp", addr, tlsConfig)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = io.WriteString(conn, line)
	return err
}

func flush(lines []string) {
	for _, l := range lines {
		_ = sendOnce(gateway, l) // want `sendOnce creates a TLS connection on every call and is called inside a loop`
	}
}

// Negatives.

// A reconnect loop: the connection is handed to a long-running session.
func maintain(ctx context.Context) {
	for ctx.Err() == nil {
		conn, err := tls.Dial("tcp", gateway, tlsConfig)
		if err != nil {
			time.Sleep(5 * time.Second)
			continue
		}
		runSession(ctx, conn)
		conn.Close()
	}
}

func runSession(ctx context.Context, conn net.Conn) {
	<-ctx.Done()
}

// A reconnect loop that keeps the connection in a variable declared
// outside it.
func reconnect() {
	var conn net.Conn
	var err error
	for conn == nil {
		conn, err = net.Dial("tcp", gateway)
		if err != nil {
			time.Sleep(time.Second)
		}
	}
	fmt.Fprintln(conn, "hello")
}

// A certificate inspection loop: no exchange, one address per host.
func certExpiry(hosts []string) {
	for _, h := range hosts {
		conn, err := tls.Dial("tcp", h+":443", nil)
		if err != nil {
			continue
		}
		log.Print(conn.ConnectionState().PeerCertificates[0].NotAfter)
		conn.Close()
	}
}

// Each iteration talks to a different device: nothing to reuse.
func configureAll(devices []device) {
	for _, d := range devices {
		addr := net.JoinHostPort(d.Addr, "502")
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		if err != nil {
			continue
		}
		conn.Write([]byte{0x01})
		conn.Close()
	}
	for _, d := range devices {
		_ = sendOnce(d.Addr, "reset")
	}
}

// A TCP proxy handler copies both ways: one tunnel per client by nature.
func tunnel(w http.ResponseWriter, r *http.Request) {
	upstream, err := net.Dial("tcp", "mqtt.internal:1883")
	if err != nil {
		return
	}
	defer upstream.Close()
	client, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	defer client.Close()
	go io.Copy(upstream, client)
	io.Copy(client, upstream)
}

// boot runs once at start; it dials with a helper too.
func boot() { // want boot:"creates and uses a TLS connection"
	conn, err := tls.Dial("tcp", gateway, tlsConfig)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintln(conn, "boot")
	_ = sendOnce(gateway, "boot")
}
