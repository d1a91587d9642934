package devices

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

var errOffline = errors.New("device offline")

type store interface {
	Save(id string, v []byte) error
	Load(id string) ([]byte, error)
}

// Server holds the device API; its handlers are methods.
type Server struct {
	store       store
	maintenance bool
}

type apiError struct {
	Error string `json:"error"`
	Code  int    `json:"code"`
}

type result struct {
	OK      bool   `json:"ok"`
	Message string `json:"message"`
}

type envelope struct {
	Data any    `json:"data"`
	Err  string `json:"err,omitempty"`
}

// --- positives ---------------------------------------------------------

func (s *Server) saveReading(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<16))
	if err != nil {
		json.NewEncoder(w).Encode(map[string]string{"error": err.Error()}) // want `error body written with the implicit status 200 \(no WriteHeader before it\).*call w.WriteHeader with the matching 4xx/5xx status`
		return
	}
	if err := s.store.Save(r.PathValue("id"), body); err != nil {
		w.Write([]byte(err.Error())) // want `error body written with the implicit status 200`
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func (s *Server) loadReading(w http.ResponseWriter, r *http.Request) {
	v, err := s.store.Load(r.PathValue("id"))
	if errors.Is(err, errOffline) {
		fmt.Fprintf(w, "device offline: %v", err) // want `error body written with the implicit status 200`
		return
	}
	if err != nil {
		enc := json.NewEncoder(w)
		enc.Encode(apiError{Error: err.Error(), Code: 17}) // want `error body written with the implicit status 200`
		return
	}
	w.Write(v)
}

func (s *Server) explicitOK(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(statusFine)
	if _, err := s.store.Load("x"); err != nil {
		io.WriteString(w, `{"error": "load failed"}`) // want `error body written with status 200`
		return
	}
}

func (s *Server) errorStruct(w http.ResponseWriter, r *http.Request) {
	var resp envelope
	if err := s.store.Save("x", nil); err != nil {
		resp.Err = err.Error()
		json.NewEncoder(w).Encode(resp) // want `error body written with the implicit status 200`
		return
	}
}

func statusOKError(w http.ResponseWriter, r *http.Request) {
	http.Error(w, "not ready", http.StatusOK) // want `http.Error with status 200 reports a failure as success`
}

func (s *Server) busy(w http.ResponseWriter, r *http.Request) {
	if s.maintenance {
		w.WriteHeader(http.StatusServiceUnavailable) // want `status 503 without a Retry-After header.*call w.Header\(\).Set\("Retry-After", …\) before sending the status`
		return
	}
	if r.Header.Get("X-Burst") != "" {
		http.Error(w, "slow down", http.StatusTooManyRequests) // want `status 429 without a Retry-After header`
		return
	}
	w.WriteHeader(statusBusy) // want `status 503 without a Retry-After header`
}

func lateRetryAfter(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusServiceUnavailable) // want `Retry-After is set after status 503 was sent, so it is dropped`
	w.Header().Set("Retry-After", "60")
}

func superfluousWriteHeader(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, "starting export")
	if r.URL.Query().Get("fail") != "" {
		w.WriteHeader(http.StatusInternalServerError) // want `WriteHeader after the body was written cannot change the status`
		return
	}
	io.WriteString(w, "done")
}

func errorBodyThenStatus(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		json.NewEncoder(w).Encode(map[string]any{"status": "error", "detail": "bad form"})
		w.WriteHeader(http.StatusBadRequest) // want `WriteHeader after the body was written cannot change the status`
		return
	}
}

// A closure that returns a handler: the literal is the handler.
func readingsHandler(st store) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := st.Load(r.URL.Query().Get("id")); err != nil {
			json.NewEncoder(w).Encode(err) // want `error body written with the implicit status 200`
			return
		}
	}
}

// A helper that sends 503 itself is checked inside; no caller sets Retry-After.
func unavailable(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/plain")
	w.WriteHeader(statusBusy) // want `status 503 without a Retry-After header`
}

func useUnavailable(w http.ResponseWriter, r *http.Request) {
	unavailable(w)
}

func switchOnError(w http.ResponseWriter, r *http.Request) {
	var v map[string]any
	switch e := json.NewDecoder(r.Body).Decode(&v).(type) {
	case nil:
		w.WriteHeader(http.StatusNoContent)
	case *json.SyntaxError:
		fmt.Fprint(w, e) // want `error body written with the implicit status 200`
		return
	}
}

// --- negatives ---------------------------------------------------------

func (s *Server) properStatus(w http.ResponseWriter, r *http.Request) {
	v, err := s.store.Load(r.PathValue("id"))
	if errors.Is(err, errOffline) {
		w.WriteHeader(http.StatusNotFound)
		json.NewEncoder(w).Encode(map[string]string{"error": "device offline"})
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if len(v) == 0 {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, "empty: %v", err)
		return
	}
	json.NewEncoder(w).Encode(result{OK: true, Message: "stored"})
}

// 200 with a normal body after the successful path.
func (s *Server) success(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Save("x", nil); err != nil {
		http.Error(w, "save failed", http.StatusBadGateway)
		return
	}
	json.NewEncoder(w).Encode(map[string]string{"status": "ok", "error": ""})
}

// {"ok": false} is an application result, not visibly an error.
func (s *Server) okFalse(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Save("x", nil); err != nil {
		json.NewEncoder(w).Encode(result{OK: false, Message: "queued for retry"})
		return
	}
}

// A batch answer: per-item errors in a loop that continues.
func (s *Server) batch(w http.ResponseWriter, r *http.Request) {
	enc := json.NewEncoder(w)
	for _, id := range []string{"a", "b"} {
		if err := s.store.Save(id, nil); err != nil {
			enc.Encode(map[string]string{"id": id, "error": err.Error()})
			continue
		}
		enc.Encode(map[string]string{"id": id})
	}
}

// 503 with Retry-After set earlier, with a constant header name.
func (s *Server) busyWithRetry(w http.ResponseWriter, r *http.Request) {
	if s.maintenance {
		w.Header().Set(headerRetryAfter, "120")
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	h := w.Header()
	h.Add("Retry-After", "5")
	http.Error(w, "slow down", http.StatusTooManyRequests)
}

// Retry-After set through a helper of this package (fact).
func setRetry(w http.ResponseWriter, seconds int) { // want setRetry:`setsRetryAfter\[0\]`
	w.Header().Set("Retry-After", fmt.Sprint(seconds))
}

// retryOnHeader sets it on a Header parameter, through another helper.
func retryOnHeader(h http.Header) { h["Retry-After"] = []string{"30"} } // want retryOnHeader:`setsRetryAfter\[0\]`

func retryVia(w http.ResponseWriter) { retryOnHeader(w.Header()) } // want retryVia:`setsRetryAfter\[0\]`

func busyViaHelper(w http.ResponseWriter, r *http.Request) {
	setRetry(w, 30)
	w.WriteHeader(http.StatusServiceUnavailable)
}

func busyViaTwoHelpers(w http.ResponseWriter, r *http.Request) {
	retryVia(w)
	http.Error(w, "maintenance", statusBusy)
}

// Retry-After set on one path only: maybe set, not reported.
func maybeRetry(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		w.Header().Set("Retry-After", "10")
	}
	w.WriteHeader(http.StatusServiceUnavailable)
}

// A helper that sends 503, whose caller sets Retry-After first.
func writeBusy(w http.ResponseWriter) {
	w.WriteHeader(http.StatusServiceUnavailable)
}

func callsWriteBusy(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Retry-After", "30")
	writeBusy(w)
}

// 202 Accepted for asynchronous processing.
func (s *Server) async(w http.ResponseWriter, r *http.Request) {
	go s.store.Save("x", nil)
	w.WriteHeader(http.StatusAccepted)
	json.NewEncoder(w).Encode(map[string]string{"job": "42"})
}

// An error after a failed write: the status is already on the wire.
func encodeFailed(w http.ResponseWriter, r *http.Request) {
	if err := json.NewEncoder(w).Encode(map[string]int{"n": 1}); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
}

func writeFailed(w http.ResponseWriter, r *http.Request) {
	_, err := w.Write([]byte("hello"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
}

// WriteHeader before the body, and the body written on one path only.
func statusFirst(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodHead {
		fmt.Fprint(w, "x")
	}
	w.WriteHeader(http.StatusOK)
}

// 103 Early Hints may precede the final status.
func earlyHints(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Link", "</app.css>; rel=preload")
	w.WriteHeader(http.StatusEarlyHints)
	w.WriteHeader(http.StatusOK)
}

// The response goes to the next handler first: the status is unknown.
func recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		if err := r.Context().Err(); err != nil {
			fmt.Fprintf(w, "error: %v", err)
			return
		}
	})
}

// Error bodies in code that is not a handler.
func describe(w io.Writer, err error) {
	if err != nil {
		fmt.Fprintf(w, "error: %v", err)
		return
	}
}

func writeErrorJSON(w http.ResponseWriter, err error) {
	if err != nil {
		json.NewEncoder(w).Encode(map[string]string{"error": err.Error()})
		return
	}
}

// A JSON-RPC envelope carries its errors in a 200 by design.
func rpc(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		json.NewEncoder(w).Encode(map[string]any{"jsonrpc": "2.0", "error": map[string]any{"code": -32700}})
		return
	}
}

// A status that cannot be folded is not judged.
func dynamicStatus(w http.ResponseWriter, r *http.Request, code int) {
	w.WriteHeader(code)
	http.Error(w, "x", code)
}

// Suppressed, with a reason.
func legacy(w http.ResponseWriter, r *http.Request) {
	//connlint:ignore statuscode the v1 firmware retries on any non-200 and must not
	w.WriteHeader(http.StatusServiceUnavailable)
}

// An error encoder shared by every handler: the status is set first, and
// a failed encode falls through to the return after the if. The second
// WriteHeader cannot help, but the write failed: the response is lost
// either way, as in encodeFailed.
func encodeError(w http.ResponseWriter, err error, code int) {
	w.Header().Set("Content-Type", "application/json")
	if code >= 500 {
		w.WriteHeader(code)
		if err := json.NewEncoder(w).Encode(map[string]string{"error": err.Error()}); err != nil {
			w.WriteHeader(http.StatusInternalServerError)
		}
		return
	}
	w.WriteHeader(http.StatusBadRequest)
	if _, werr := io.WriteString(w, err.Error()); werr != nil {
		w.WriteHeader(http.StatusInternalServerError)
	}
}

// The same fall-through shape, but the error checked is not the write's:
// the body is already on the wire when the status is set.
func encodeThenValidate(w http.ResponseWriter, r *http.Request) {
	json.NewEncoder(w).Encode(map[string]string{"state": "accepted"})
	if err := r.ParseForm(); err != nil {
		w.WriteHeader(http.StatusBadRequest) // want `WriteHeader after the body was written cannot change the status`
	}
}
