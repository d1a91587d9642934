package poller

import "time"

// Constants in another file of the package.
const (
	pollEvery  = 30 * time.Second
	updatesURL = "https://api.example.com/v1/updates"
	hourly     = time.Hour
)
