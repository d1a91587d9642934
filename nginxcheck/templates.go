package nginxcheck

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
)

// Two kinds of templates hold nginx configuration in repositories.
//
// envsubst templates (the official Docker image renders
// /etc/nginx/templates/*.template into conf.d/ before nginx starts) are
// nginx with ${VAR} placeholders. connlint reviews them: a placeholder
// is a value it does not know, never judged as a number, and a line that
// is nothing but a placeholder stands for configuration it cannot see.
//
// Go templates (ingress-nginx's nginx.tmpl, tempio's *.gtpl) and Jinja
// templates (Ansible's *.j2) are not nginx until rendered: their
// {{ ... }} and {% ... %} blocks rewrite the structure itself. connlint
// does not parse them and says which files it skipped.

var (
	goTemplateAction = regexp.MustCompile(`\{\{-?\s*([.$/a-zA-Z(]|-?\}\})`)
	jinjaStatement   = regexp.MustCompile(`\{%[-+]?\s*[a-z]`)
	placeholderLine  = regexp.MustCompile(`(?m)^[ \t]*\$\{[A-Za-z_][A-Za-z0-9_]*\}[ \t]*;?[ \t]*\r?$`)
)

// templateSyntax says where data has template syntax ("{{ }} at line
// 3", "{% %} at line 1"), or returns "" for a file that has none. A "{{"
// in a quoted JSON body ('{{"a":1}}') is not template syntax.
func templateSyntax(data string) string {
	at := -1
	kind := ""
	if loc := jinjaStatement.FindStringIndex(data); loc != nil {
		at, kind = loc[0], "{% %}"
	}
	if loc := goTemplateAction.FindStringIndex(data); loc != nil && (at < 0 || loc[0] < at) {
		at, kind = loc[0], "{{ }}"
	}
	if at < 0 {
		return ""
	}
	return fmt.Sprintf("%s at line %d", kind, lineAt(data, at))
}

func lineAt(data string, offset int) int { return strings.Count(data[:offset], "\n") + 1 }

// isEnvsubstTemplate reports whether a file is an envsubst template by
// its name: NAME.template, as the official Docker image wants them.
func isEnvsubstTemplate(name string) bool {
	return strings.HasSuffix(filepath.Base(name), ".template")
}

// blankPlaceholderLines replaces every line that is nothing but a ${VAR}
// placeholder with spaces: the text it stands for is unknown, and lines
// and columns of the rest must not move.
func blankPlaceholderLines(src string) string {
	return placeholderLine.ReplaceAllStringFunc(src, func(m string) string {
		return strings.Map(func(r rune) rune {
			if r == '\r' {
				return r
			}
			return ' '
		}, m)
	})
}

// unknown reports whether a value holds an envsubst placeholder or an
// nginx variable in braces (${name}): its value is not known statically.
func unknown(arg string) bool { return strings.Contains(arg, "${") }
