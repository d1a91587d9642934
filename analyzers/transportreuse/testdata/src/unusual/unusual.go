// Package unusual builds transports through a dot import and an alias.
package unusual

import . "net/http"

// RT is an alias of a dot-imported net/http type.
type RT = Transport

var shared = &RT{}

func Proxy(w ResponseWriter, r *Request) {
	c := &Client{Transport: &RT{}} // want `Transport`
	c.Get("http://backend/")
}

func Reuse(w ResponseWriter, r *Request) {
	c := &Client{Transport: shared}
	c.Get("http://backend/")
}
