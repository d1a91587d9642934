// Package pat is a minimal stand-in for github.com/bmizerany/pat.
package pat

import "net/http"

type PatternServeMux struct{}

func New() *PatternServeMux                                                 { return &PatternServeMux{} }
func (p *PatternServeMux) Post(pat string, h http.Handler)                  {}
func (p *PatternServeMux) Get(pat string, h http.Handler)                   {}
func (p *PatternServeMux) ServeHTTP(w http.ResponseWriter, r *http.Request) {}
