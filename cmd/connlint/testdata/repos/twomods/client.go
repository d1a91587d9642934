package twomods

import "net/http"

// Client is shared by every request.
var Client = &http.Client{Transport: &http.Transport{
	DisableKeepAlives: true,
}}
