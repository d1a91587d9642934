// Package http is a minimal stand-in for go-kit's transport/http.
package http

import (
	"context"
	"net/http"

	"github.com/go-kit/kit/endpoint"
)

type DecodeRequestFunc func(context.Context, *http.Request) (any, error)
type EncodeResponseFunc func(context.Context, http.ResponseWriter, any) error
type ServerOption func(*Server)

type Server struct{}

func NewServer(e endpoint.Endpoint, dec DecodeRequestFunc, enc EncodeResponseFunc, options ...ServerOption) *Server {
	return &Server{}
}
func (s Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {}

func EncodeJSONResponse(_ context.Context, w http.ResponseWriter, response any) error { return nil }
