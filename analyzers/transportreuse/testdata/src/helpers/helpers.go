// Package helpers models pools created by helper functions.
package helpers

import (
	"bytes"
	"net/http"
	"time"
)

const ingest = "https://ingest.example.com/v1"

func newClient() *http.Client { // want newClient:"creates and returns an http.Transport \\(depth 1\\)"
	tr := &http.Transport{MaxIdleConnsPerHost: 4, IdleConnTimeout: time.Minute}
	return &http.Client{Transport: tr, Timeout: 10 * time.Second}
}

// post creates and drops a pool on every call.
func post(body []byte) error { // want post:"creates and uses an http.Transport \\(depth 1\\)"
	c := &http.Client{Transport: &http.Transport{}}
	resp, err := c.Post(ingest, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// upload reaches the pool through post: two levels deep.
func upload(batch [][]byte) error { // want upload:"creates and uses an http.Transport \\(depth 2\\)"
	return post(bytes.Join(batch, nil))
}

type uploader struct{ client *http.Client }

func newUploader() *uploader { // want newUploader:"creates and returns an http.Transport \\(depth 2\\)"
	return &uploader{client: newClient()}
}

// Positives.

func forward(batches [][][]byte) {
	for _, b := range batches {
		c := newClient() // want `newClient creates an http.Transport on every call and is called inside a loop: every iteration opens new connections; call it once before the loop and reuse the result`
		if resp, err := c.Post(ingest, "application/json", bytes.NewReader(b[0])); err == nil {
			resp.Body.Close()
		}
		_ = upload(b) // want `upload creates an http.Transport on every call and is called inside a loop`
	}
}

func ingestHandler(w http.ResponseWriter, r *http.Request) {
	if err := post([]byte("{}")); err != nil { // want `post creates an http.Transport on every call and is called inside an HTTP handler: every request opens new connections; create it once and reuse it`
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}

func (u *uploader) handle(w http.ResponseWriter, r *http.Request) {
	v := newUploader() // want `newUploader creates an http.Transport on every call and is called inside an HTTP handler`
	if resp, err := v.client.Get(ingest); err == nil {
		resp.Body.Close()
	}
}

// Negatives.

type server struct {
	client *http.Client
	up     *uploader
}

func (s *server) handle(w http.ResponseWriter, r *http.Request) {
	if s.client == nil {
		s.client = newClient() // lazily, once
	}
	if resp, err := s.client.Get(ingest); err == nil {
		resp.Body.Close()
	}
}

func newServer() *server { // want newServer:"creates and returns an http.Transport \\(depth 2\\)"
	return &server{client: newClient(), up: newUploader()}
}

func main() { // want main:"creates and uses an http.Transport \\(depth 3\\)"
	s := newServer()
	http.HandleFunc("/", s.handle)
	_ = upload(nil)
	for _, b := range [][]byte{nil} {
		s.up.client.Post(ingest, "", bytes.NewReader(b))
	}
}
