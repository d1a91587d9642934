// Package keep has a finding in its own files and only an external test
// package: the multichecker names it by its path alone.
package keep

import "net/http"

// Client turns keep-alive off.
var Client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
