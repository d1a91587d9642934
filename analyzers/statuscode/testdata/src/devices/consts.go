package devices

import "net/http"

// Constants declared in another file than the handlers that use them.
const (
	headerRetryAfter = "retry-after" // any spelling of the header name
	statusBusy       = http.StatusServiceUnavailable
	statusFine       = http.StatusOK
)
