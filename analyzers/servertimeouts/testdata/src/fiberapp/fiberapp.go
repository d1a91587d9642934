// Package fiberapp serves fiber apps, configured and not.
package fiberapp

import (
	"log"
	"net"
	"time"

	"github.com/gofiber/fiber/v2"
)

func health(c *fiber.Ctx) error { return nil }

// bare: fiber.New() leaves fasthttp's timeouts unlimited.
func bare() {
	app := fiber.New()
	app.Get("/health", health)
	log.Fatal(app.Listen(":3000")) // want `fiber app served without ReadTimeout or IdleTimeout`
}

// nameOnly: a Config literal without timeouts.
func nameOnly() {
	app := fiber.New(fiber.Config{AppName: "ingest"})
	log.Fatal(app.ListenTLS(":3443", "cert.pem", "key.pem")) // want `fiber app served without ReadTimeout or IdleTimeout`
}

// idleOnly: idle connections close, but headers may trickle in for ever.
func idleOnly() {
	app := fiber.New(fiber.Config{IdleTimeout: 2 * time.Minute})
	log.Fatal(app.Listen(":3001")) // want `fiber app served without ReadTimeout: `
}

// Negatives.

// configured sets both.
func configured() {
	app := fiber.New(fiber.Config{ReadTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute})
	log.Fatal(app.Listen(":3002"))
}

// readOnly: IdleTimeout falls back to ReadTimeout.
func readOnly(l net.Listener) {
	app := fiber.New(fiber.Config{ReadTimeout: 30 * time.Second})
	log.Fatal(app.Listener(l))
}

// fromConfig: a Config built elsewhere is not judged.
func fromConfig(cfg fiber.Config) {
	app := fiber.New(cfg)
	log.Fatal(app.Listen(":3003"))
}

// Server keeps an app built by a constructor of another package or by a
// function the analyzer does not see into: not judged.
type Server struct{ app *fiber.App }

func (s *Server) Run() error { return s.app.Listen(":3004") }

// NewConfigured stores a configured app in the field.
func NewConfigured() *Server {
	return &Server{app: fiber.New(fiber.Config{ReadTimeout: 10 * time.Second})}
}
