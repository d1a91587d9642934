// Package statuscode defines an Analyzer that reports HTTP responses
// whose status code a device cannot act on.
//
// # Analyzer statuscode
//
// statuscode: report errors sent with a 2xx status, 503/429 without Retry-After, and a WriteHeader after the body
//
// A device decides what to do with an answer from its status code, not
// from its body: a 2xx means "done, forget the reading", a 429 or 503
// means "come back later", and Retry-After says when. A handler that
// reports a failure with 200 makes the device drop data it should have
// kept and retried; a 503 without Retry-After makes thousands of devices
// retry at once, or give up.
//
// The analyzer reports, at the call that sends the status or writes the
// error body:
//
//   - an error body sent with a 2xx status, in an HTTP handler (net/http,
//     gin, echo, chi, gorilla/mux), in a branch taken on an error that
//     ends the request (`if err != nil { ...; return }`, errors.Is,
//     errors.As, a type switch on an error). The body is an error body
//     only when it visibly says so: an error value, err.Error(), a map or
//     gin.H literal with an "error" or "err" key or "status": "error", a
//     struct literal that sets a field named Error or Err (or tagged
//     json:"error"), a JSON string constant with such a member, or a local
//     variable that holds one of these. The status is 2xx when it is a
//     constant 2xx (c.JSON(http.StatusOK, ...), w.WriteHeader(200) earlier
//     on every path), or implicit: nothing set a status before the first
//     w.Write, fmt.Fprint*(w, ...), io.WriteString or json Encode, so
//     net/http sends 200 (net/http server.go, ResponseWriter.Write: "If
//     WriteHeader has not yet been called, Write calls
//     WriteHeader(http.StatusOK)");
//   - http.Error with a 2xx status, anywhere;
//   - a 503 or 429 sent before any Retry-After header was set on that
//     path: w.WriteHeader, http.Error, c.Response().WriteHeader, and gin's
//     and echo's JSON, String, NoContent, AbortWithStatus(JSON), Status,
//     echo.NewHTTPError, fiber's Status, SendStatus and NewError, and chi
//     render's Status.
//     A header set after the status is dropped: net/http sends the header
//     map with the status line and ignores later changes (server.go,
//     ResponseWriter.Header: "Changing the header map after a call to
//     WriteHeader (or Write) has no effect"); such a finding names the
//     late set. gin's Context.Status only records the code, so a
//     Retry-After set after it still counts. A function (not itself a
//     handler) that sets Retry-After on a response parameter, in this
//     package or another, exports a fact, and calling it counts as
//     setting the header. A
//     helper that sends 503 itself is checked inside the helper, unless a
//     caller in the same package sets Retry-After before calling it;
//   - a WriteHeader or http.Error after the body was written on every
//     path: net/http logs "superfluous response.WriteHeader call" and
//     keeps the 200 the first write sent (server.go, response.WriteHeader).
//
// For example:
//
//	func (s *Server) postReading(w http.ResponseWriter, r *http.Request) {
//		if err := s.store.Save(r.Context(), reading); err != nil {
//			json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
//			return
//		}
//		if s.maintenance() {
//			w.WriteHeader(http.StatusServiceUnavailable)
//			return
//		}
//		w.WriteHeader(http.StatusCreated)
//	}
//
// should be:
//
//	func (s *Server) postReading(w http.ResponseWriter, r *http.Request) {
//		if err := s.store.Save(r.Context(), reading); err != nil {
//			w.WriteHeader(http.StatusInternalServerError)
//			json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
//			return
//		}
//		if s.maintenance() {
//			w.Header().Set("Retry-After", "120")
//			w.WriteHeader(http.StatusServiceUnavailable)
//			return
//		}
//		w.WriteHeader(http.StatusCreated)
//	}
//
// Deliberately not reported, to keep the analyzer quiet on correct code:
// a body such as {"ok": false} or {"status": "degraded"} (not visibly an
// error); per-item errors inside a loop that continues (a batch answer
// with one result per reading); error bodies outside an error branch or
// outside a handler; a JSON-RPC envelope ("jsonrpc" member), which
// carries errors in a 200 by design; an error written after the body has
// started, or in the branch of a failed write (if err := enc.Encode(v);
// err != nil { http.Error(...) }), where the status is already on the
// wire; a late WriteHeader(200), which changes nothing for the client; a
// status or header name that cannot be folded to a constant; a
// response handed to code the analyzer does not follow
// (next.ServeHTTP(w, r), a template, a render helper), after which the
// implicit 200 is no longer certain. A helper such as
// writeError(w, code, msg) is checked inside with its own code; the
// status its callers pass is not followed. Test files are skipped.
package statuscode
