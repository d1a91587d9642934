package tools

import "net/http"

// Probe prepares a health check that does not hold a connection open.
func Probe(url string) (*http.Request, error) {
	req, err := http.NewRequest(http.MethodHead, url, nil)
	if err != nil {
		return nil, err
	}
	req.Close = true
	return req, nil
}
