// Package fiber is a minimal stand-in for github.com/gofiber/fiber/v2.
package fiber

type Map map[string]any

type Handler func(*Ctx) error

type Ctx struct{}

func (c *Ctx) Status(status int) *Ctx               { return c }
func (c *Ctx) SendStatus(status int) error          { return nil }
func (c *Ctx) JSON(data any, ctype ...string) error { return nil }
func (c *Ctx) SendString(body string) error         { return nil }
func (c *Ctx) Set(key, val string)                  {}
func (c *Ctx) BodyParser(out any) error             { return nil }
func (c *Ctx) Body() []byte                         { return nil }

type Error struct {
	Code    int
	Message string
}

func (e *Error) Error() string                    { return e.Message }
func NewError(code int, message ...string) *Error { return &Error{Code: code} }

type App struct{}

func New() *App                                      { return &App{} }
func (a *App) Post(path string, handlers ...Handler) {}
func (a *App) Get(path string, handlers ...Handler)  {}
func (a *App) Listen(addr string) error              { return nil }

// Status codes, as fiber names them.
const (
	StatusOK              = 200
	StatusAccepted        = 202
	StatusBadRequest      = 400
	StatusTooManyRequests = 429
)
