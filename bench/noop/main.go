// Command noop is the floor bench/bench.sh measures connlint against: a
// go vet tool built with the same driver (multichecker, which serves go
// vet's unitchecker protocol) whose one analyzer does nothing. What it
// costs is go vet's process per package, parsing and type-checking;
// what connlint costs beyond it is its analyzers.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

var noop = &analysis.Analyzer{
	Name: "noop",
	Doc:  "does nothing: the floor of a go vet tool",
	Run:  func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { multichecker.Main(noop) }
