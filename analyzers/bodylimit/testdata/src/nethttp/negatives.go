package nethttp

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
)

// The handler limits its own body first.
func (s *Server) postLimited(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	data, _ := io.ReadAll(r.Body)
	_ = data
}

// io.LimitReader around the body bounds the read.
func (s *Server) postLimitReader(w http.ResponseWriter, r *http.Request) {
	data, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	_ = data
	var rd Reading
	_ = json.NewDecoder(&io.LimitedReader{R: r.Body, N: maxBody}).Decode(&rd)
}

// ParseForm and FormValue: net/http caps url-encoded bodies at 10 MB.
func (s *Server) postForm(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	_ = r.FormValue("device")
	_ = r.PostFormValue("value")
}

// Draining to io.Discard and bounded reads cost no memory.
func (s *Server) postDrain(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	buf := make([]byte, 512)
	_, _ = io.ReadFull(r.Body, buf)
	_, _ = io.CopyN(os.Stdout, r.Body, 4096)
}

// Only headers and the URL are read.
func (s *Server) postHeader(w http.ResponseWriter, r *http.Request) {
	_ = json.NewEncoder(w).Encode(r.Header)
}

// A helper limits the body, another helper limits and reads.
func (s *Server) postLimitedHelper(w http.ResponseWriter, r *http.Request) {
	limitRequest(w, r)
	var rd Reading
	_ = decodeJSON(r, &rd)
	_ = decodeLimited(w, r, &rd)
}

// Reading an upstream response body is bodydrain's business, not a
// request body.
func (s *Server) proxy(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("http://storage/readings")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<30))
	_, _ = io.ReadAll(resp.Body)
	_ = data
}

// Registered through http.MaxBytesHandler.
func (s *Server) postWrapped(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

// Registered through the limiting middleware.
func (s *Server) postMiddleware(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

// Registered through chain(h, logging, limitBody).
func (s *Server) postChained(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
}

// Never registered, unexported: registered in a way the package does
// not show, so no limit is visible on its path either (gosec G120).
func (s *Server) postUnused(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `no registration of postUnused is visible`
}

// Stored in a route table that no registration here reads: the table is
// served elsewhere, with no limit visible.
var routes = map[string]http.HandlerFunc{"/table": tableHandler}

func tableHandler(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // want `io.ReadAll reads the request body with no size limit`
}

// A request built by the handler is not the request it serves.
func (s *Server) forward(w http.ResponseWriter, r *http.Request) {
	out, _ := http.NewRequest("POST", "http://x", nil)
	_, _ = io.ReadAll(out.Body)
}

// Ignored with a reason.
func (s *Server) postIgnored(w http.ResponseWriter, r *http.Request) {
	//connlint:ignore bodylimit nginx caps this location at 64k
	_, _ = io.ReadAll(r.Body)
}

func registerMore(mux *http.ServeMux, s *Server) {
	mux.HandleFunc("/forward", s.forward)
	mux.HandleFunc("/ignored", s.postIgnored)
}
