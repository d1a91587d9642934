package gocheck

import (
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"reflect"

	"golang.org/x/tools/go/analysis"
)

// ResultsName is the name of the analyzer NewResults returns.
const ResultsName = "checkresults"

// resultsCategory marks the diagnostics that carry results, not findings.
const resultsCategory = "connlint-results"

// packageCategory marks the one diagnostic per analyzed package whose
// message is the package's directory: go vet prints "{}" for a package
// without diagnostics, so check could not otherwise tell which packages
// a pattern matched without listing them first.
const packageCategory = "connlint-package"

// NewResults returns the analyzer that carries the results of the given
// analyzers (those with a ResultType: the heartbeat and server records of
// the timeout chain) out of a go vet run. go vet prints and caches only
// diagnostics, so with -checkresults.emit each result becomes one
// diagnostic of its own category whose message is the result as JSON,
// and each package reports its directory in one more (packageCategory);
// `connlint check` decodes them and drops the diagnostics. Without the
// flag (plain go vet, the multichecker) it reports nothing.
//
// The flag is part of go vet's cache key, so results cached by a run
// without it are never mistaken for "no records".
func NewResults(analyzers []*analysis.Analyzer) *analysis.Analyzer {
	var from []*analysis.Analyzer
	for _, a := range analyzers {
		if a.ResultType != nil {
			from = append(from, a)
		}
	}
	fs := flag.NewFlagSet(ResultsName, flag.ContinueOnError)
	emit := fs.Bool("emit", false, "report the analyzers' results as JSON diagnostics (for connlint check)")
	return &analysis.Analyzer{
		Name:     ResultsName,
		Doc:      "internal to connlint check: carry the timeout-chain records of the code out of go vet",
		Flags:    *fs,
		Requires: from,
		Run: func(pass *analysis.Pass) (any, error) {
			if !*emit || len(pass.Files) == 0 {
				return nil, nil
			}
			// The position as written, through the //line comment with
			// which a cgo-generated file names its source.
			dir := filepath.Dir(pass.Fset.Position(pass.Files[0].Package).Filename)
			pass.Report(analysis.Diagnostic{Pos: pass.Files[0].Package, Category: packageCategory, Message: dir})
			for _, a := range from {
				res := pass.ResultOf[a]
				if v := reflect.ValueOf(res); !v.IsValid() || (v.Kind() == reflect.Slice && v.Len() == 0) {
					continue
				}
				data, err := json.Marshal(carried{Analyzer: a.Name, Result: res})
				if err != nil {
					return nil, fmt.Errorf("encoding the result of %s: %v", a.Name, err)
				}
				pass.Report(analysis.Diagnostic{Pos: pass.Files[0].Package, Category: resultsCategory, Message: string(data)})
			}
			return nil, nil
		},
	}
}

// carried is one analyzer's result on one package, as NewResults reports
// it.
type carried struct {
	Analyzer string
	Result   any
}

// decodeResult turns a carried result back into the analyzer's
// ResultType.
func decodeResult(msg string, byName map[string]*analysis.Analyzer) (name string, result any, err error) {
	var c struct {
		Analyzer string
		Result   json.RawMessage
	}
	if err := json.Unmarshal([]byte(msg), &c); err != nil {
		return "", nil, err
	}
	a, ok := byName[c.Analyzer]
	if !ok || a.ResultType == nil {
		return "", nil, fmt.Errorf("a result of unknown analyzer %q", c.Analyzer)
	}
	v := reflect.New(a.ResultType)
	if err := json.Unmarshal(c.Result, v.Interface()); err != nil {
		return "", nil, fmt.Errorf("the result of %s: %v", c.Analyzer, err)
	}
	return c.Analyzer, v.Elem().Interface(), nil
}
