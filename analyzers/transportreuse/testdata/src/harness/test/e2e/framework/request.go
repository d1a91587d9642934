// Package framework is an end-to-end test harness: it sends one request
// per assertion through a proxy under test, and a Transport per request
// keeps each assertion's connections apart on purpose.
package framework

import (
	"net/http"
	"net/url"
)

func GetAll(proxy string, targets []string) error {
	proxyURL, _ := url.Parse(proxy)
	for _, target := range targets {
		tr := &http.Transport{Proxy: http.ProxyURL(proxyURL)} // want `Transport`
		client := &http.Client{Transport: tr}
		resp, err := client.Get(target)
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	return nil
}
