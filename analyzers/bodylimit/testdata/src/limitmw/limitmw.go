// Package limitmw is a shared middleware package of the back-end.
package limitmw

import "net/http"

// Limit returns a middleware that limits request bodies to n bytes.
func Limit(n int64) func(http.Handler) http.Handler { // want Limit:"limitsBody"
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			r.Body = http.MaxBytesReader(w, r.Body, n)
			next.ServeHTTP(w, r)
		})
	}
}

// Log does not limit.
func Log(next http.Handler) http.Handler { return next }
