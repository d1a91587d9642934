package ingest

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
)

// maxInflatedBatch bounds a batch after decompression: gateways gzip their
// uploads, and the 1 MB body limit only bounds the compressed bytes.
const maxInflatedBatch = 8 << 20

// PostCompressed accepts a gzip batch. The body limit wraps the compressed
// stream, so 1 MB of gzip inflates to about 1 GB before Decode is done.
func (a *API) PostCompressed(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		http.Error(w, "bad gzip", http.StatusBadRequest)
		return
	}
	defer zr.Close()
	var batch []json.RawMessage
	if err := json.NewDecoder(zr).Decode(&batch); err != nil { // decompresslimit
		http.Error(w, "bad batch", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// PostCompressedBounded limits the decompressed stream too.
func (a *API) PostCompressedBounded(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	zr, err := gzip.NewReader(r.Body)
	if err != nil {
		http.Error(w, "bad gzip", http.StatusBadRequest)
		return
	}
	defer zr.Close()
	var batch []json.RawMessage
	if err := json.NewDecoder(io.LimitReader(zr, maxInflatedBatch)).Decode(&batch); err != nil {
		http.Error(w, "bad batch", http.StatusBadRequest)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}
