package bodylimit

import (
	"go/types"

	"github.com/connlint/connlint/analyzers/internal/astutil"
)

// Import paths of the middleware and reader packages bodylimit knows.
// Routers are the routes pass's business (analyzers/internal/routes).
const (
	chiMiddleware     = "github.com/go-chi/chi/v5/middleware"
	echoMiddleware    = "github.com/labstack/echo/v4/middleware"
	encodingJSON      = "encoding/json"
	encodingXML       = "encoding/xml"
	encodingGob       = "encoding/gob"
	bufioPath         = "bufio"
	ioPath, ioutilPkg = "io", "io/ioutil"
)

// Known limiting middleware constructors: installing their result limits
// the body of every handler behind it.
//   - chi middleware.RequestSize wraps r.Body in http.MaxBytesReader
//     (go-chi/chi middleware/request_size.go);
//   - echo middleware.BodyLimit / BodyLimitWithConfig reject bodies above
//     the limit by Content-Length and by bytes actually read, so chunked
//     bodies are bounded too (echo.labstack.com/middleware/body-limit).
var limiterConstructors = []struct{ pkg, name string }{
	{chiMiddleware, "RequestSize"},
	{echoMiddleware, "BodyLimit"},
	{echoMiddleware, "BodyLimitWithConfig"},
}

func isLimiterConstructor(fn *types.Func) bool {
	for _, l := range limiterConstructors {
		if astutil.FuncIs(fn, l.pkg, l.name) {
			return true
		}
	}
	return false
}
