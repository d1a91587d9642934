// Package cloud reads and writes the pins of a device through a vendor's
// cloud API: every read is an HTTP request.
package cloud

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

type Adaptor struct {
	DeviceID string
	Token    string
}

func (a *Adaptor) deviceURL() string {
	return fmt.Sprintf("https://api.example-cloud.io/v1/devices/%s", a.DeviceID)
}

// Variable reads a variable of the device: a GET.
func (a *Adaptor) Variable(name string) (string, error) { // want Variable:"sends a GET on every call .depth 2."
	m, err := a.request("GET", a.deviceURL()+"/"+name, nil)
	if err != nil {
		return "", err
	}
	s, _ := m["result"].(string)
	return s, nil
}

// DigitalRead calls a function on the device: a POST.
func (a *Adaptor) DigitalRead(pin string) (int, error) {
	m, err := a.request("POST", a.deviceURL()+"/digitalread", url.Values{"params": {pin}})
	if err != nil {
		return 0, err
	}
	v, _ := m["return_value"].(float64)
	return int(v), nil
}

// request sends a POST or a GET, as method says: it is a GET helper only
// where it is called with "GET".
func (a *Adaptor) request(method, u string, params url.Values) (map[string]any, error) { // want request:"sends a GET on every call .depth 1."
	var resp *http.Response
	var err error
	if method == "POST" {
		resp, err = http.PostForm(u, params)
	} else if method == "GET" {
		resp, err = http.Get(u)
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var m map[string]any
	err = json.NewDecoder(resp.Body).Decode(&m)
	return m, err
}
