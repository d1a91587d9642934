package routeshapes

import (
	"context"
	"encoding/json"
	"io"
	"net/http"

	kithttp "github.com/go-kit/kit/transport/http"
	"github.com/gorilla/mux"
)

type sumRequest struct{ A, B int }

func sumEndpoint(_ context.Context, req any) (any, error) { return req, nil }

// MakeHandler builds go-kit transport servers: the decoders read the
// request body for them.
func MakeHandler() http.Handler {
	r := mux.NewRouter()
	r.Methods("POST").Path("/sum").Handler(kithttp.NewServer(sumEndpoint, decodeSumRequest, kithttp.EncodeJSONResponse))
	r.Methods("POST").Path("/concat").Handler(kithttp.NewServer(sumEndpoint, decodeConcatRequest, kithttp.EncodeJSONResponse))
	r.Methods("POST").Path("/inline").Handler(kithttp.NewServer(sumEndpoint,
		func(_ context.Context, r *http.Request) (any, error) {
			var req sumRequest
			err := json.NewDecoder(r.Body).Decode(&req) // want `Decode reads the request body with no size limit on the handler's path: .*in a middleware before the transport`
			return req, err
		}, kithttp.EncodeJSONResponse))
	return r
}

func decodeSumRequest(_ context.Context, r *http.Request) (any, error) {
	var req sumRequest
	err := json.NewDecoder(r.Body).Decode(&req) // want `Decode reads the request body with no size limit`
	return req, err
}

// A decoder that bounds what it reads.
func decodeConcatRequest(_ context.Context, r *http.Request) (any, error) {
	var req sumRequest
	err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&req)
	return req, err
}

// Not a decoder: a client-side response decoder reads an upstream body.
func decodeUpstream(_ context.Context, resp *http.Response) (any, error) {
	var v any
	err := json.NewDecoder(resp.Body).Decode(&v)
	return v, err
}

var _ = decodeUpstream
