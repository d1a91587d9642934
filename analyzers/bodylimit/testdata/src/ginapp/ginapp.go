// Package ginapp models a gin back-end: route groups with middleware,
// handlers as methods, a body-limit middleware factory.
package ginapp

import (
	"io"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
)

type API struct{}

type reading struct{ Value float64 }

func main() {
	a := &API{}
	r := gin.Default()
	r.POST("/readings", a.postReadings)
	r.POST("/raw", a.postRaw)
	r.POST("/query", a.getQuery)
	r.POST("/with", a.postBindWith)
	r.GET("/with-query", a.getBindWithQuery)
	r.POST("/limited", maxBytes(1<<20), a.postRouteLimited)

	v1 := r.Group("/v1")
	v1.POST("/bind", a.postBind)
	v1.POST("/body", a.postBody)

	limitedGroup := r.Group("/v2", maxBytes(1<<20))
	limitedGroup.POST("/bind", a.postGroupLimited)

	used := r.Group("/v3")
	used.Use(limitMiddleware)
	used.POST("/bind", a.postUseLimited)
	nested := used.Group("/nested")
	nested.POST("/bind", a.postNestedLimited)

	_ = r.Run(":8080")
}

func (a *API) postReadings(c *gin.Context) {
	var rs []reading
	if err := c.ShouldBindJSON(&rs); err != nil { // want `c.ShouldBindJSON reads the request body`
		c.JSON(http.StatusBadRequest, gin.H{"error": err.Error()})
		return
	}
	c.Status(http.StatusAccepted)
}

func (a *API) postRaw(c *gin.Context) {
	data, _ := c.GetRawData() // want `c.GetRawData reads the request body`
	_ = data
}

func (a *API) postBind(c *gin.Context) {
	var rd reading
	_ = c.Bind(&rd) // want `c.Bind reads the request body`
}

func (a *API) postBody(c *gin.Context) {
	data, _ := io.ReadAll(c.Request.Body) // want `io.ReadAll reads the request body`
	_ = data
}

// Binding the query string reads no body.
func (a *API) getQuery(c *gin.Context) {
	var q struct{ From string }
	_ = c.ShouldBindQuery(&q)
	_ = c.ShouldBindUri(&q)
}

func (a *API) postRouteLimited(c *gin.Context) {
	var rd reading
	_ = c.ShouldBindJSON(&rd)
}

func (a *API) postGroupLimited(c *gin.Context) {
	var rd reading
	_ = c.ShouldBindJSON(&rd)
}

func (a *API) postUseLimited(c *gin.Context) {
	_, _ = c.GetRawData()
}

func (a *API) postNestedLimited(c *gin.Context) {
	var rd reading
	_ = c.BindJSON(&rd)
}

// The handler limits its own body.
func (a *API) postSelfLimited(c *gin.Context) { // want postSelfLimited:"limitsBody"
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20)
	var rd reading
	_ = c.ShouldBindJSON(&rd)
}

func maxBytes(n int64) gin.HandlerFunc { // want maxBytes:"limitsBody"
	return func(c *gin.Context) {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, n)
		c.Next()
	}
}

func limitMiddleware(c *gin.Context) { // want limitMiddleware:"limitsBody"
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, 1<<20)
	c.Next()
}

// ShouldBindWith reads the body or not, by the binding it is given.
func (a *API) postBindWith(c *gin.Context) {
	var v reading
	_ = c.ShouldBindWith(&v, binding.JSON) // want `c.ShouldBindWith reads the request body with no size limit`
}

func (a *API) getBindWithQuery(c *gin.Context) {
	var v reading
	_ = c.ShouldBindWith(&v, binding.Query)
}
