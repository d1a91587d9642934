package echo

// HTTPError is returned by handlers; echo's error handler sends Code.
type HTTPError struct {
	Code    int
	Message any
}

func (he *HTTPError) Error() string { return "" }

func NewHTTPError(code int, message ...any) *HTTPError { return &HTTPError{Code: code} }
