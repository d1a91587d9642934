// Package robots drives devices with gobot: work runs on gobot.Every
// tickers, some of them around HTTP reads.
package robots

import (
	"net/http"
	"time"

	"cloud"

	"gobot.io/x/gobot/v2"
)

const buildURL = "https://ci.example.com/api/v1/repos/lab/robot/builds/latest"

type sensor interface{ Read() (int, error) }

func checkBuild() bool { // want checkBuild:"sends a GET on every call .depth 1."
	resp, err := http.Get(buildURL)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// Lamp shows the CI status: a poll of the CI server every 10 s.
func Lamp() {
	gobot.Every(10*time.Second, func() {
		checkBuild() // want `checkBuild polls https://ci.example.com/api/v1/repos/lab/robot/builds/latest every 10s`
	})
}

// Weather is handed to gobot.Every by name.
func pollWeather() {
	resp, err := http.Get("https://weather.example.com/v2/now") // want `polls https://weather.example.com/v2/now every 1m`
	if err == nil {
		resp.Body.Close()
	}
}

func Weather() {
	gobot.Every(time.Minute, pollWeather)
}

// Temperature reads a device variable through the vendor cloud every
// second: each read is an HTTP GET.
func Temperature(core *cloud.Adaptor) {
	gobot.Every(1*time.Second, func() {
		if t, err := core.Variable("temperature"); err == nil { // want `Variable polls an HTTP endpoint with GET every 1s`
			_ = t
		}
	})
}

// Button calls a device function: the adaptor sends a POST, not a poll
// for updates the server could push.
func Button(core *cloud.Adaptor) {
	gobot.Every(time.Second, func() {
		core.DigitalRead("D7")
	})
}

// Drive reads a local sensor every 50 ms: no network request.
func Drive(s sensor) {
	gobot.Every(50*time.Millisecond, func() {
		s.Read()
	})
}

// Once checks the build once, five seconds after start.
func Once() {
	gobot.After(5*time.Second, func() {
		checkBuild()
	})
}

// Nightly polls every two hours: above the threshold.
func Nightly() {
	gobot.Every(2*time.Hour, func() {
		checkBuild()
	})
}
