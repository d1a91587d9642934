// Package clientside models a gateway that pulls configuration from the
// cloud with the default Transport, which asks for gzip itself.
package clientside

import (
	"context"
	"encoding/json"
	"io"
	"io/ioutil"
	"net/http"
)

const maxConfig = 1 << 20

type Puller struct {
	client *http.Client
	url    string
}

func (p *Puller) fetch(ctx context.Context) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body) // want `io\.ReadAll reads the whole body of resp, which the Transport un-gzips transparently, with no size limit: a small gzip response can expand to gigabytes; read io\.LimitReader\(resp\.Body, max\) instead`
}

func fetchFirmwareIndex(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return ioutil.ReadAll(resp.Body) // want `ioutil\.ReadAll reads the whole body of resp`
}

// Negatives.

func (p *Puller) fetchLimited(ctx context.Context) ([]byte, error) {
	resp, err := p.client.Get(p.url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(io.LimitReader(resp.Body, maxConfig))
}

// Accept-Encoding set by the caller: the Transport leaves the body alone.
func (p *Puller) fetchIdentity(ctx context.Context) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// A Range request is never un-gzipped.
func (p *Puller) fetchChunk(ctx context.Context) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.url, nil)
	if err != nil {
		return nil, err
	}
	req.Header["Range"] = []string{"bytes=0-1023"}
	resp, err := p.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// A streamed decode is not a whole read.
func (p *Puller) fetchStream(v any) error {
	resp, err := p.client.Get(p.url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(io.LimitReader(resp.Body, maxConfig)).Decode(v)
}

// A request body, server side, is not un-gzipped by net/http.
func handle(w http.ResponseWriter, r *http.Request) {
	data, _ := io.ReadAll(http.MaxBytesReader(w, r.Body, maxConfig))
	_ = data
}
