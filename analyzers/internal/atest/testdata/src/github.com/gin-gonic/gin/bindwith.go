package gin

import "github.com/gin-gonic/gin/binding"

func (c *Context) ShouldBindWith(obj any, b binding.Binding) error { return nil }
