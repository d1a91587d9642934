// Package flow follows servers from where they are built to where they serve.
package flow

import (
	"log"
	"net/http"

	"harden"
)

// App keeps its server in a field; Run serves it.
type App struct {
	srv *http.Server
}

func NewApp(addr string, h http.Handler) *App {
	return &App{srv: &http.Server{Addr: addr, Handler: h}} // want `http.Server without ReadHeaderTimeout or IdleTimeout`
}

func (a *App) Run() error { return a.srv.ListenAndServe() }

// API keeps its server in a field and configures it in another method.
type API struct {
	server *http.Server
}

func NewAPI(h http.Handler) *API {
	return &API{server: &http.Server{Addr: ":8080", Handler: h}}
}

func (a *API) configure() {
	a.server.ReadHeaderTimeout = headerTimeout
	a.server.IdleTimeout = idleTimeout
}

func (a *API) Serve() error {
	a.configure()
	return a.server.ListenAndServe()
}

// newMetricsServer is a constructor; main serves what it returns.
func newMetricsServer(h http.Handler) *http.Server {
	return &http.Server{Addr: ":9090", Handler: h} // want `http.Server without ReadHeaderTimeout or IdleTimeout`
}

// newAdminServer builds a server that configure completes.
func newAdminServer(h http.Handler) *http.Server {
	srv := &http.Server{Addr: ":9091", Handler: h}
	configure(srv)
	return srv
}

// configure sets the timeouts, with constants of another file.
func configure(s *http.Server) {
	s.ReadHeaderTimeout = headerTimeout
	s.IdleTimeout = idleTimeout
}

// logServer reads the server but sets nothing.
func logServer(s *http.Server) { log.Printf("listening on %s", s.Addr) }

// serve is a helper that serves any server given to it.
func serve(s *http.Server) error { return s.ListenAndServe() }

// runAll runs functions in goroutines, like errgroup.Group.Go.
func runAll(fns ...func() error) {
	for _, fn := range fns {
		go fn()
	}
}

// NewPublicServer is served by another package: not seen to serve here.
func NewPublicServer(h http.Handler) *http.Server { // want NewPublicServer:"returns a server built at app.go:74"
	return &http.Server{Handler: h}
}

func main() {
	mux := http.NewServeMux()

	metrics := newMetricsServer(mux)
	go metrics.ListenAndServe()

	admin := newAdminServer(mux)
	go admin.ListenAndServe()

	debug := &http.Server{Addr: ":6060", Handler: mux} // want `http.Server without ReadHeaderTimeout or IdleTimeout`
	logServer(debug)
	go debug.ListenAndServe()

	go serve(&http.Server{Addr: ":8082", Handler: mux}) // want `http.Server without ReadHeaderTimeout or IdleTimeout`

	grpcGateway := &http.Server{Addr: ":8083", Handler: mux} // want `http.Server without ReadHeaderTimeout or IdleTimeout`
	runAll(grpcGateway.ListenAndServe)

	// A library configures this one: not reported.
	hardened := &http.Server{Addr: ":8084", Handler: mux}
	harden.Server(hardened)
	go hardened.ListenAndServe()

	//connlint:ignore servertimeouts pprof listens on localhost only
	pprof := &http.Server{Addr: "localhost:6061", Handler: mux}
	go pprof.ListenAndServe()

	if err := NewAPI(mux).Serve(); err != nil {
		log.Fatal(err)
	}
	log.Fatal(NewApp(":8080", mux).Run())
}
