// Package fiber is a minimal stand-in for github.com/gofiber/fiber/v2.
package fiber

import (
	"net"
	"time"
)

type Config struct {
	AppName      string
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	IdleTimeout  time.Duration
}

type Ctx struct{}

type Handler = func(*Ctx) error

type App struct{ config Config }

func New(config ...Config) *App { return &App{} }

func (app *App) Get(path string, handlers ...Handler) {}

func (app *App) Listen(addr string) error { return nil }

func (app *App) ListenTLS(addr, certFile, keyFile string) error { return nil }

func (app *App) Listener(ln net.Listener) error { return nil }
