package transport

import (
	"net/http"
	"time"

	"conf"
)

// NewClient builds the gateway's uploader once.
func NewClient() *http.Client {
	return &http.Client{
		Timeout: 10 * time.Second,
		Transport: &http.Transport{
			MaxIdleConnsPerHost: 4,
			DisableKeepAlives:   true, // want `DisableKeepAlives: true makes every request open a new TCP \(and TLS\) connection; remove it`
			IdleConnTimeout:     90 * time.Second,
		},
	}
}

func fromOtherFile() *http.Transport {
	return &http.Transport{
		DisableKeepAlives: disable, // want `DisableKeepAlives: true makes every request`
	}
}

func fromOtherPackage() *http.Transport {
	return &http.Transport{IdleConnTimeout: time.Minute, DisableKeepAlives: conf.NoKeepAlive} // want `DisableKeepAlives: true makes every request`
}

func assignedLater() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 10
	t.DisableKeepAlives = true // want `DisableKeepAlives = true makes every request open a new TCP`
	return t
}

// Negatives.

func fromConfig(s conf.Settings) *http.Transport {
	// Not a constant: the analyzer does not guess configuration.
	return &http.Transport{DisableKeepAlives: s.DisableKeepAlives}
}

func explicitFalse() *http.Transport {
	t := &http.Transport{DisableKeepAlives: false}
	t.DisableKeepAlives = false
	return t
}

func assignedFromConfig(t *http.Transport, s conf.Settings) {
	t.DisableKeepAlives = s.DisableKeepAlives
}

// otherTransport has a field of the same name: not net/http's Transport.
type otherTransport struct {
	DisableKeepAlives bool
}

func lookalike() otherTransport {
	o := otherTransport{DisableKeepAlives: true}
	o.DisableKeepAlives = true
	return o
}

func suppressed() *http.Transport {
	return &http.Transport{
		//connlint:ignore keepalive the metadata endpoint rejects reused connections
		DisableKeepAlives: true,
	}
}
