// Package servertimeouts defines an Analyzer that reports HTTP servers
// without a defence against slow and idle clients, and records every
// server's effective idle timeout for the timeout chain.
//
// # Analyzer servertimeouts
//
// servertimeouts: report HTTP servers that serve without ReadHeaderTimeout or IdleTimeout
//
// An http.Server with zero timeouts waits for ever: a client that sends
// its request headers one byte at a time (slowloris) holds a connection
// and a goroutine as long as it likes, and an idle keep-alive connection
// is never closed. net/http falls back to ReadTimeout for both
// (server.go, readHeaderTimeout and idleTimeout: "If zero, the value of
// ReadTimeout is used"), so the analyzer reports a server that serves
// (ListenAndServe, ListenAndServeTLS, Serve, ServeTLS) when
//
//   - neither ReadHeaderTimeout nor ReadTimeout is set: headers may take
//     for ever, and
//   - neither IdleTimeout nor ReadTimeout is set: idle connections are
//     kept for ever.
//
// It also reports the servers that cannot set timeouts at all: the
// package-level http.ListenAndServe, ListenAndServeTLS, Serve and
// ServeTLS, and gin's (*Engine).Run and RunTLS, which call
// http.ListenAndServe(TLS) (gin.go). echo's (*Echo).Start serves e.Server
// (echo v4 echo.go: e.Server.Addr = address; e.StartServer(e.Server)),
// so it is reported unless the program sets e.Server's timeouts.
//
// WriteTimeout and ReadTimeout are never demanded: they bound the whole
// request or response, which breaks Server-Sent Events, websockets and
// large uploads. ReadHeaderTimeout and IdleTimeout do not.
//
// Example of the mistake:
//
//	srv := &http.Server{Addr: ":8080", Handler: mux}
//	log.Fatal(srv.ListenAndServe())
//
// The fix: a header deadline, and an idle timeout longer than the idle
// timeout of the load balancer or proxy in front of the server:
//
//	srv := &http.Server{
//		Addr:              ":8080",
//		Handler:           mux,
//		ReadHeaderTimeout: 10 * time.Second,
//		IdleTimeout:       120 * time.Second, // ALB: 60s
//	}
//
// A server's fields are collected wherever the package sets them: in the
// literal, by assignments (srv.IdleTimeout = d) in the same or another
// function, and by helpers of the package it is passed to
// (configure(srv)). The value is followed through variables, struct
// fields, constructors that return it and parameters of the package's
// functions (and of the function literals package variables hold, the
// seams tests replace), to the call that serves it. A value that is set but not
// constant (read from configuration) counts as set.
//
// Across packages, facts carry two things. An exported constructor that
// returns a server it does not serve exports what it sets; the package
// that serves the result reports the call of the constructor (the literal
// is named as file:line, facts hold no positions). An exported struct
// field or parameter whose server the package serves exports where and
// with what; the package that stores a literal there reports the literal.
// A server embedded in a struct (struct{ *http.Server }) is served by the
// promoted Serve and configured by the promoted fields.
//
// Deliberately not reported:
//
//   - a server the analyzer does not see serve: one kept in a slice or
//     map, or returned and never served;
//   - a server handed to a function of another package that is not known
//     to serve it (a library that may configure it);
//   - httptest servers, and everything in _test.go files.
//
// A suggested fix adds ReadHeaderTimeout: 10 * time.Second to an
// http.Server literal, when the file already imports "time".
//
// The analyzer's Result is a []records.Server: every server it sees serve,
// reported or not, with its listen address, its effective ReadHeaderTimeout
// and its effective IdleTimeout (constant-folded; unknown when it comes from
// configuration) and the field it comes from. The timeout chain uses the
// idle timeout as the Go hop: it must be longer than the idle timeout of
// every proxy in front of the server.
package servertimeouts
