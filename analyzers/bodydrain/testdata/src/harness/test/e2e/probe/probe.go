// Package probe checks that a service under test answers.
package probe

import "net/http"

func Status(url string) (int, error) {
	resp, err := http.Get(url) // want `Body`
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
