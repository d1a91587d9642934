package nethttp

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"io/ioutil"
	"net/http"
	"os"
)

func (s *Server) postReadings(w http.ResponseWriter, r *http.Request) {
	var rd Reading
	if err := json.NewDecoder(r.Body).Decode(&rd); err != nil { // want `json.NewDecoder\(r.Body\).Decode reads the request body with no size limit on the handler's path`
		writeError(w, http.StatusBadRequest, err)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// A ContentLength check does not bound a chunked body (ContentLength -1).
func (s *Server) postBatch(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > maxBody {
		http.Error(w, "too large", http.StatusRequestEntityTooLarge)
		return
	}
	body, err := io.ReadAll(r.Body) // want `io.ReadAll reads the request body`
	if err != nil {
		return
	}
	_ = body
}

func (s *Server) postConfig(w http.ResponseWriter, r *http.Request) {
	dec := xml.NewDecoder(r.Body)
	var cfg struct{}
	_ = dec.Decode(&cfg) // want `dec.Decode reads the request body`
}

// FormFile parses the multipart body: 32 MB in memory, the rest on disk.
func (s *Server) postFirmware(w http.ResponseWriter, r *http.Request) {
	f, _, err := r.FormFile("image") // want `r.FormFile reads the request body`
	if err != nil {
		return
	}
	defer f.Close()
	out, _ := os.Create("/tmp/fw")
	defer out.Close()
	_, _ = io.Copy(out, f)
}

func (s *Server) postLogs(w http.ResponseWriter, r *http.Request) {
	sc := bufio.NewScanner(r.Body)
	for sc.Scan() { // want `sc.Scan reads the request body`
		fmt.Println(sc.Text())
	}
}

// A goroutine in the handler reads the same unlimited body.
func (s *Server) postEvents(w http.ResponseWriter, r *http.Request) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		data, _ := ioutil.ReadAll(r.Body) // want `ioutil.ReadAll reads the request body`
		_ = data
	}()
	<-done
}

// telemetry dispatches on the method to a handler-shaped function.
func (s *Server) telemetry(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodPost:
		s.postTelemetry(w, r)
	}
}

func (s *Server) postTelemetry(w http.ResponseWriter, r *http.Request) {
	req := r.WithContext(r.Context())
	body := req.Body
	_, _ = io.Copy(os.Stdout, body) // want `io.Copy reads the request body`
}

// The helper reads the body: reported at the handler's call.
func (s *Server) postDecoded(w http.ResponseWriter, r *http.Request) {
	var rd Reading
	if err := decodeJSON(r, &rd); err != nil { // want `decodeJSON \(which reads the body at line \d+\) reads the request body`
		writeError(w, http.StatusBadRequest, err)
	}
}

func (s *Server) postViaVar(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseMultipartForm(32 << 20) // want `r.ParseMultipartForm reads the request body`
}

// The handler is wrapped in logging, which does not limit.
func (s *Server) postLogged(w http.ResponseWriter, r *http.Request) {
	_, _ = readAll(r.Body) // want `readAll \(which reads the body at line \d+\) reads the request body`
}

// ServeHTTP of a type registered with mux.Handle.
type uploadHandler struct{}

func (uploadHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	br := bufio.NewReader(r.Body)
	line, _ := br.ReadString('\n') // want `br.ReadString reads the request body`
	_ = line
}

// ingest is a factory: the returned closure is the handler.
func (s *Server) ingest(kind string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var rs []Reading
		_ = json.NewDecoder(r.Body).Decode(&rs) // want `json.NewDecoder\(r.Body\).Decode reads the request body`
	})
}
