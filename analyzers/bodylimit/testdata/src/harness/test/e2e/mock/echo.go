// Package mock is an echo server for end-to-end tests.
package mock

import (
	"io"
	"net/http"
)

func Echo(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body) // want `limit`
	w.Write(body)
}

func Serve(addr string) error {
	http.HandleFunc("/echo", Echo)
	return http.ListenAndServe(addr, nil)
}
