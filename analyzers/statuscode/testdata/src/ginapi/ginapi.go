package ginapi

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
)

type reading struct {
	Device string  `json:"device"`
	Value  float64 `json:"value"`
}

type errResponse struct {
	Err string `json:"err"`
}

type API struct{ paused bool }

func (a *API) Routes(r *gin.Engine) {
	v1 := r.Group("/v1")
	v1.POST("/readings", a.post)
	v1.GET("/readings/:id", a.get)
	v1.GET("/health", health)
}

func (a *API) post(c *gin.Context) {
	var in reading
	if err := c.ShouldBindJSON(&in); err != nil {
		c.JSON(http.StatusOK, gin.H{"error": err.Error()}) // want `c.JSON sends an error body with status 200.*pass the matching 4xx/5xx status`
		return
	}
	if a.paused {
		c.AbortWithStatus(http.StatusServiceUnavailable) // want `status 503 without a Retry-After header.*call c.Header\("Retry-After", …\)`
		return
	}
	c.JSON(http.StatusCreated, in)
}

func (a *API) get(c *gin.Context) {
	if c.Param("id") == "" {
		c.AbortWithStatusJSON(http.StatusTooManyRequests, gin.H{"error": "slow down"}) // want `status 429 without a Retry-After header`
		return
	}
	if err := lookup(c.Param("id")); err != nil {
		c.String(200, "lookup failed: %v", err) // want `c.String sends an error body with status 200`
		return
	}
	if err := lookup("x"); err != nil {
		c.JSON(http.StatusOK, errResponse{Err: err.Error()}) // want `c.JSON sends an error body with status 200`
		return
	}
	c.JSON(http.StatusOK, reading{Device: "d1"})
}

func lookup(id string) error {
	if id == "" {
		return errors.New("empty id")
	}
	return nil
}

// --- negatives ---------------------------------------------------------

func health(c *gin.Context) {
	if err := lookup("db"); err != nil {
		c.Header("Retry-After", "30")
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": err.Error()})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

func (a *API) rateLimited(c *gin.Context) {
	c.Writer.Header().Set("Retry-After", "1")
	c.AbortWithStatusJSON(http.StatusTooManyRequests, gin.H{"error": "rate limited"})
}

// gin's Context.Status only records the code: a Retry-After set after it
// still goes out with the first body byte.
func (a *API) statusThenHeader(c *gin.Context) {
	c.Status(http.StatusServiceUnavailable)
	c.Header("Retry-After", "60")
}

func (a *API) notFound(c *gin.Context) {
	if err := lookup(c.Param("id")); err != nil {
		c.JSON(http.StatusNotFound, gin.H{"error": "device offline"})
		return
	}
	c.JSON(http.StatusOK, gin.H{"error": nil, "device": c.Param("id")})
}
