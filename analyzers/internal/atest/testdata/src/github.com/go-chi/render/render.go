// Package render is a minimal stand-in for github.com/go-chi/render.
package render

import "net/http"

func Status(r *http.Request, status int)                         {}
func JSON(w http.ResponseWriter, r *http.Request, v any)         {}
func PlainText(w http.ResponseWriter, r *http.Request, v string) {}
