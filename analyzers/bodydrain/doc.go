// Package bodydrain defines an Analyzer that reports HTTP client responses
// whose body is not closed on every path, or closed without being read.
//
// # Analyzer bodydrain
//
// bodydrain: report response bodies that are not drained and closed on every path
//
// net/http returns a client connection to its idle pool only when the
// response body has been read to EOF and closed. A body that is never
// closed keeps the connection and the transport's read goroutine alive
// for good; a body closed before EOF makes the transport close the
// connection instead (HTTP/1.x), so the next request pays a new TCP and
// TLS handshake: 400-600 ms on a 100 ms RTT cellular link.
//
// The check looks at the calls that hand the caller a response to close:
// http.Get, http.Post, http.PostForm, the same methods of *http.Client,
// (*http.Client).Do, RoundTrip (of *http.Transport or any
// http.RoundTripper), methods of interfaces with Do's signature, and the
// package's own wrappers: functions that return a response they got from
// one of those calls without closing it (exported as the fact "returns a
// response", so wrappers of other packages count too). It reports, at that
// call, two mistakes:
//
//   - the body is not closed on some path from the call to a return (or to
//     the next request in a retry loop, which overwrites the variable).
//     Paths without a body are exempt: the call failed (`err != nil`,
//     `resp == nil`) or the status is 204 or 304. A deferred close
//     (directly, in a deferred closure or via a deferred helper) covers
//     every path after the point where it is registered;
//   - the body is closed but never read: the connection is not reused.
//     With -bodydrain.strict, a body that is only partly read (a json or
//     xml Decode, bufio.Reader, io.CopyN) and never drained is reported
//     too. -bodydrain.drain=false switches this second check off.
//
// For example:
//
//	resp, err := client.Post(url, "application/json", body)
//	if err != nil {
//		return err
//	}
//	if resp.StatusCode != http.StatusAccepted {
//		return fmt.Errorf("upload: %s", resp.Status) // the body stays open
//	}
//	return resp.Body.Close()
//
// should be:
//
//	resp, err := client.Post(url, "application/json", body)
//	if err != nil {
//		return err
//	}
//	defer resp.Body.Close()
//	_, _ = io.Copy(io.Discard, resp.Body)
//	if resp.StatusCode != http.StatusAccepted {
//		return fmt.Errorf("upload: %s", resp.Status)
//	}
//	return nil
//
// A response that leaves the function is somebody else's to close, so
// none of these is reported: a response returned, stored in a field, map,
// slice or global, sent on a channel, captured by a goroutine, passed to a
// function that is not known to leave it alone, or whose Body is
// replaced; this is judged per request, so a second response assigned to
// a variable whose first one was returned is still checked. Printing a
// response (fmt, log) or assigning it to _ hands nothing on. A body
// wrapped by http.MaxBytesReader is followed through the wrapper, and a
// close inside a function literal that never runs does not count.
// Functions that take a *http.Response, io.ReadCloser, io.Closer
// or io.Reader are summarised as facts (closes, drains, reads, keeps), so
// a helper that closes or drains the body, in this package or another,
// counts at its call site. A reader that is passed where only an io.Reader
// is expected (json.NewDecoder, bufio.NewReader) is read, not owned.
//
// Responses of http.Head are never reported: the transport gives them
// http.NoBody and reuses the connection at once. Websocket handshake
// responses (gorilla's Dialer.Dial, coder's websocket.Dial) and
// httptest.ResponseRecorder.Result are not client responses of net/http
// and are not reported either. Test files are skipped. An undrained body
// is not reported when its request is the only one of a client made in
// the same function with a transport of its own (a one-off probe): no
// later request can reuse the connection, and the transport made per call
// is transportreuse's finding.
package bodydrain

import _ "embed"

//go:embed doc.go
var docSource string
