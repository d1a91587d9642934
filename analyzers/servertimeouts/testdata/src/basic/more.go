package basic

import (
	"net/http"
	"time"
)

// A package-level variable never reassigned folds like a constant.
var headerWait = 8 * time.Second

func packageVar(h http.Handler) error {
	srv := &http.Server{Addr: ":8080", Handler: h, ReadHeaderTimeout: headerWait, IdleTimeout: 3 * idleTimeout}
	return srv.ListenAndServe()
}

func parsedConstant(h http.Handler) error {
	idle, _ := time.ParseDuration("90s")
	srv := &http.Server{Addr: ":8080", Handler: h, ReadHeaderTimeout: headerTimeout, IdleTimeout: idle}
	return srv.ListenAndServe()
}

// Served in a goroutine, with the error sent back.
func goroutineServe(h http.Handler) <-chan error {
	errs := make(chan error, 1)
	srv := &http.Server{Addr: ":8080", Handler: h, ReadHeaderTimeout: headerTimeout, IdleTimeout: idleTimeout}
	go func() { errs <- srv.ListenAndServe() }()
	return errs
}

// A configured template copied before serving.
func copied(h http.Handler) error {
	base := http.Server{ReadHeaderTimeout: headerTimeout, IdleTimeout: idleTimeout}
	srv := base
	srv.Addr = ":8080"
	srv.Handler = h
	return srv.ListenAndServe()
}
