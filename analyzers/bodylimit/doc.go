// Package bodylimit defines an Analyzer that reports HTTP handlers which
// read the request body with no size limit on their path.
//
// # Analyzer bodylimit
//
// bodylimit: report HTTP handlers that read the request body without a size limit
//
// A handler that reads the whole body (io.ReadAll, a json, xml or gob
// Decode, io.Copy, a bufio.Scanner or Reader, ParseMultipartForm,
// FormFile, gin's GetRawData, Bind and ShouldBind families, echo's Bind)
// lets one client decide how much memory the server spends: an IoT
// gateway with 256 MB to 1 GB of RAM is taken down by a single 100 MB
// JSON payload, with every device connected to it. Checking
// r.ContentLength is not a limit: a chunked request has ContentLength -1.
//
// Handlers of net/http (also behind chi, gorilla/mux and pat), gin and
// echo are checked. A read is not reported when a limit is on the handler's
// path:
//
//   - in the handler: http.MaxBytesReader or io.LimitReader around the
//     body, an io.LimitedReader, or a package helper that applies one;
//   - where it is registered: http.MaxBytesHandler, a middleware function
//     that limits the body of the handler it returns (exported as a fact,
//     so it counts in other packages too), chi's middleware.RequestSize,
//     echo's middleware.BodyLimit, a gin middleware that limits, given
//     with the route, with Use on its router or group, or on a parent
//     group;
//   - around the whole router: ListenAndServe(addr, limit(mux)).
//
// For example:
//
//	func (s *Server) postReadings(w http.ResponseWriter, r *http.Request) {
//		var batch []Reading
//		if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
//			...
//
// should be:
//
//	func (s *Server) postReadings(w http.ResponseWriter, r *http.Request) {
//		r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
//		var batch []Reading
//		if err := json.NewDecoder(r.Body).Decode(&batch); err != nil {
//			...
//
// The finding is at the call that reads the body; when a package helper
// reads it (decodeJSON(r, &v)), at the handler's call of the helper, with
// the helper's read as related position. For net/http handlers the
// suggested fix inserts the MaxBytesReader line with the size of
// -bodylimit.max (default 1m, connlint.toml [code].max_body_size).
//
// Registrations come from the shared route pass (analyzers/internal/
// routes): net/http (Go 1.22 "POST /x" patterns too), gorilla/mux, chi,
// gin, echo, pat, negroni, any call taking a pattern and a handler, and
// wrapper methods around them, also in other packages (a fact). A go-kit
// request decoder (kithttp.NewServer(e, decode, encode)) reads the body
// for its server and is checked like a handler. A router is served
// wherever it goes (a field, a parameter, a return value): it counts as
// limited only where the package shows the limit. A handler in a route
// table is served by the package's registrations that read the table. A
// handler with no visible registration is reported too, as gosec G120
// does: if it is limited where it is registered, say so with
// //connlint:ignore bodylimit reason; -bodylimit.unregistered=false turns
// that case off.
//
// Not reported: ParseForm, FormValue and PostFormValue (net/http caps a
// url-encoded body at 10 MB), io.CopyN and io.ReadFull (bounded by their
// count), io.Copy to io.Discard, gin's binders of query, URI and headers,
// decompressed streams (see decompresslimit), fiber handlers (fiber's
// Config.BodyLimit is 4 MB by default), test files.
package bodylimit

import _ "embed"

//go:embed doc.go
var docSource string
