// Package docs embeds connlint's rule pages (docs/rules/RULE.md), so that
// `connlint explain RULE` prints the same page that the findings link to.
package docs

import (
	"embed"
	"io/fs"
)

//go:embed rules/*.md
var pages embed.FS

// RulePage returns the Markdown page of a rule.
func RulePage(id string) ([]byte, error) {
	return fs.ReadFile(pages, "rules/"+id+".md")
}

// RulePages lists the IDs of the rules that have a page.
func RulePages() ([]string, error) {
	entries, err := fs.ReadDir(pages, "rules")
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(entries))
	for _, e := range entries {
		if name := e.Name(); len(name) > 3 && name[len(name)-3:] == ".md" {
			ids = append(ids, name[:len(name)-3])
		}
	}
	return ids, nil
}
