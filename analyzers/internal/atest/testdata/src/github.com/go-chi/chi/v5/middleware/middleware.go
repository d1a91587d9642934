// Package middleware is a minimal stand-in for chi's middleware package.
package middleware

import "net/http"

func RequestSize(bytes int64) func(http.Handler) http.Handler { return nil }
func Logger(next http.Handler) http.Handler                   { return next }
