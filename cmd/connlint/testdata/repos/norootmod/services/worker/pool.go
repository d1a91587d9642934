package worker

import "net/http"

// pool is the transport of the queue consumer.
var pool = &http.Transport{DisableKeepAlives: true}

// Client sends the consumer's requests.
var Client = &http.Client{Transport: pool}
