package b

import (
	"net/http"

	"example.com/a"
)

// Client uses the fleet's transport.
var Client = &http.Client{Transport: a.NewTransport()}
