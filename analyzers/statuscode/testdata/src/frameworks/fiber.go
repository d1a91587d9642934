package frameworks

import (
	"github.com/gofiber/fiber/v2"
)

func fiberIngest(c *fiber.Ctx) error {
	var in map[string]any
	if err := c.BodyParser(&in); err != nil {
		return c.Status(fiber.StatusOK).JSON(fiber.Map{"error": err.Error()}) // want `c.Status\(fiber.StatusOK\).JSON sends an error body with status 200`
	}
	if err := enqueue(in); err != nil {
		return c.JSON(fiber.Map{"error": err.Error()}) // want `c.JSON sends an error body with status 200`
	}
	if len(in) > 100 {
		return c.SendStatus(fiber.StatusTooManyRequests) // want `status 429 without a Retry-After header.*c.Set\("Retry-After", …\)`
	}
	return c.SendStatus(fiber.StatusAccepted)
}

func fiberIngestProperly(c *fiber.Ctx) error {
	var in map[string]any
	if err := c.BodyParser(&in); err != nil {
		return c.Status(fiber.StatusBadRequest).JSON(fiber.Map{"error": err.Error()})
	}
	if len(in) > 100 {
		// fiber writes the headers with the body: set after Status, it
		// still goes out.
		c.Status(fiber.StatusTooManyRequests)
		c.Set("Retry-After", "60")
		return c.JSON(fiber.Map{"error": "slow down"})
	}
	return c.JSON(fiber.Map{"accepted": len(in)})
}

func register(app *fiber.App) {
	app.Post("/ingest", fiberIngest)
	app.Post("/ingest2", fiberIngestProperly)
}
