// Package pollinterval defines an Analyzer that reports HTTP polling loops
// that ask a server for updates more often than once an hour.
//
// # Analyzer pollinterval
//
// pollinterval: report HTTP GET polling more frequent than the minimum interval (default 1h)
//
// Every poll of an HTTP endpoint wakes the device's radio, opens a TCP
// connection (1.5 RTT), performs a TLS handshake (2 RTT) unless a pooled
// connection survived, and sends 100-500 bytes of headers, to learn that
// nothing changed: 3-5 seconds of radio time at 50-100 mA each time. A
// device that polls every 10 minutes makes 144 connections a day, 20-40
// mAh; MQTT's keep-alive costs 0.5-2 mAh a day. Polling once an hour or
// less may be acceptable; anything more frequent should let the server
// push: MQTT, CoAP Observe, Server-Sent Events or WebSockets.
//
// The analyzer reports the call that sends an HTTP GET inside a periodic
// context whose period is shorter than -pollinterval.min (default 1h,
// connlint.toml's [code].poll_min_interval). The GET is http.Get,
// (*http.Client).Get, or (*http.Client).Do of a request that
// http.NewRequest or http.NewRequestWithContext built with the method
// "GET", http.MethodGet or "" (net/http sends an empty method as GET).
// A function that sends such a GET on every call — a helper, the method of
// an API client, also in another package (through a fact) — is followed
// two calls deep, also when it takes the method as a parameter and is
// given http.MethodGet: the finding is at the call of that function, with
// a related position at the GET inside it when it is in the same package.
// Every finding has a related position at the call that sets the period.
// The periodic contexts are
//
//   - a range over time.Tick(d) or a ticker's C (time.NewTicker(d));
//   - a select case receiving from such a channel, from time.After(d), or
//     from a timer that is Reset(d), inside a loop;
//   - an endless loop (for {}, for cond {}) whose body waits at its top
//     level: time.Sleep(d), <-ticker.C, a select on a periodic channel;
//   - a function that reschedules itself: time.AfterFunc(d, itself), or an
//     AfterFunc callback that calls Reset(d) on its timer;
//   - a function (a literal or a declared function named) handed to a
//     runner: a function that calls one of its function parameters on
//     every tick of a ticker whose period is one of its time.Duration
//     parameters, such as gobot.Every(d, f) (learned from the code of
//     Every through a fact, not from its name) or a scheduler of the
//     project's own; gobot.After runs once and is not one.
//
// A ticker or tick channel may come from a helper of the package whose
// body is "return time.NewTicker(d)" (or time.Tick), from a struct field
// set in a constructor that starts the polling goroutine, or from a
// parameter (go watch(time.NewTicker(d), url)): every value the package
// gives the field or the parameter counts, and one the analyzer cannot
// fold makes the period unknown. A helper request(method, url) that calls
// http.Get under "if method == \"GET\"" is a GET helper only where it is
// called with "GET" (a cloud adaptor's POST of a device function is not).
//
// The period d is constant-folded (constants, variables assigned once,
// config literals, time.ParseDuration of a constant); the shortest of a
// ticker's NewTicker and Reset durations counts. The effective period of
// a request that runs on some ticks only is used when that is visible:
// "if n%K == 0" or "if n%K != 0 { continue }" with n counting ticks
// multiplies the period by K, and "if time.Since(last) >= D" raises it to D.
//
// Not reported:
//
//   - uploads (POST, PUT, PATCH): pushing telemetry is not polling;
//   - a period that cannot be folded (a flag, an environment variable, a
//     parameter): the analyzer does not guess;
//   - polls at or above the threshold;
//   - long polling: a GET in a loop with no period, where the server holds
//     the request until it has news;
//   - a subscription: a GET whose response is read as a stream, in a loop
//     of its own outside the loop that sends it (a bufio.Scanner, Reader
//     or json.Decoder on resp.Body: Server-Sent Events, newline-delimited
//     JSON). Sending it again after a wait is a reconnect, judged by
//     reconnectbackoff; a body read once, or in the sending loop, is
//     still a poll;
//   - a GET triggered by an event: a range over, or a select case on, a
//     channel that is not a ticker or timer;
//   - retries and waits: a wait only on an error path is a back-off, not a
//     period, and a loop that can be left on success (a retry that returns
//     the response, a loop that waits until a job is done) is not a
//     standing poll; a counted loop (for i := 0; i < 3; i++) neither;
//   - a GET of a liveness or readiness endpoint whose URL is a constant
//     ending in /health, /healthz, /healthcheck, /livez, /readyz or /ping:
//     a watchdog probing a dependency, not a device asking for updates;
//   - generated files, and test code — _test.go files, external test packages and packages under test/, e2e/, testutil/ and the like — unless -pollinterval.tests is set: an end-to-end echo server or readiness poll never meets a real outage or a battery.
//
// The analyzer cannot know whether the code runs on a battery device or in
// a data centre: every other GET poll of a server is reported. Suppress a
// deliberate one with //connlint:ignore pollinterval and a reason.
//
// Bad: a firmware check every 10 minutes, 144 connections a day.
//
//	ticker := time.NewTicker(10 * time.Minute)
//	for range ticker.C {
//		resp, err := client.Get("https://fw.example.com/v1/latest")
//		...
//	}
//
// Good: subscribe once and let the server push; keep a daily HTTP check
// as a fallback.
//
//	mqttClient.Subscribe("devices/"+id+"/firmware", 1, onFirmware)
//	for range time.Tick(24 * time.Hour) {
//		resp, err := client.Get("https://fw.example.com/v1/latest")
//		...
//	}
package pollinterval
