package api

import "net/http"

// Client talks to the device registry.
var Client = &http.Client{Transport: &http.Transport{
	DisableKeepAlives: true,
}}
