// Package mock accepts gzip uploads in end-to-end tests.
package mock

import (
	"compress/gzip"
	"io"
	"net/http"
)

func Upload(w http.ResponseWriter, r *http.Request) {
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		return
	}
	data, _ := io.ReadAll(zr) // want `limit`
	w.Write(data)
}
