// Package helpers holds response helpers shared by several packages, as
// real services keep them in an internal/httpx package.
package helpers

import (
	"encoding/json"
	"io"
	"net/http"
)

// DrainClose reads what is left of the body and closes it, so that the
// connection goes back to the pool.
func DrainClose(resp *http.Response) { // want DrainClose:`bodydrain\(resp: closes\+drains\)`
	if resp == nil || resp.Body == nil {
		return
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
}

// CloseQuietly closes c, ignoring the error.
func CloseQuietly(c io.Closer) { // want CloseQuietly:`bodydrain\(c: closes\)`
	_ = c.Close()
}

// StatusOf only looks at the status line: the caller still owns the body.
func StatusOf(resp *http.Response) int { // want StatusOf:`bodydrain\(resp: borrows\)`
	return resp.StatusCode
}

// DecodeJSON reads one JSON value from r.
func DecodeJSON(r io.Reader, v any) error { // want DecodeJSON:`bodydrain\(r: reads\)`
	return json.NewDecoder(r).Decode(v)
}

var lastResponse *http.Response

// Remember keeps the response for later inspection: it owns it now.
func Remember(resp *http.Response) { // want Remember:`bodydrain\(resp: keeps\)`
	lastResponse = resp
}
