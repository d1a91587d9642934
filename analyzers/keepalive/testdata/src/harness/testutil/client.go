// Package testutil builds clients for tests that count connections.
package testutil

import "net/http"

var Client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}} // want `DisableKeepAlives`
