// Package retryhelp holds response helpers used by other packages.
package retryhelp

import (
	"net/http"
	"strconv"
	"time"
)

// RetryLater sets Retry-After on w.
func RetryLater(w http.ResponseWriter, d time.Duration) { // want RetryLater:`setsRetryAfter\[0\]`
	w.Header().Set("Retry-After", strconv.Itoa(int(d.Seconds())))
}

// Unavailable sends 503 after setting Retry-After through RetryLater.
func Unavailable(w http.ResponseWriter, msg string) { // want Unavailable:`setsRetryAfter\[0\]`
	RetryLater(w, time.Minute)
	http.Error(w, msg, http.StatusServiceUnavailable)
}

// TooMany sends 429 without Retry-After: checked here, not at its calls.
func TooMany(w http.ResponseWriter) {
	w.WriteHeader(http.StatusTooManyRequests) // want `status 429 without a Retry-After header`
}
