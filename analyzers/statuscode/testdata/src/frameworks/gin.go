package frameworks

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func ginPublish(c *gin.Context) {
	var body map[string]any
	if err := c.ShouldBindJSON(&body); err != nil {
		c.JSON(200, gin.H{"status": "error", "message": err.Error()}) // want `c.JSON sends an error body with status 200`
		return
	}
	if len(body) == 0 {
		c.AbortWithStatusJSON(http.StatusOK, gin.H{"err": "empty body"}) // want `c.AbortWithStatusJSON sends an error body with status 200`
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// Look-alikes: a status field that is not "error", an error member that
// is the empty string, and the right status.
func ginPublishProperly(c *gin.Context) {
	var body map[string]any
	if err := c.ShouldBindJSON(&body); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"status": "error", "message": err.Error()})
		return
	}
	if len(body) == 0 {
		c.JSON(http.StatusOK, gin.H{"status": "degraded", "error": ""})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}
