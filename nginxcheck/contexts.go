package nginxcheck

import (
	"fmt"
	"strings"
)

// context is a set of nginx configuration contexts: the levels a
// directive may be written at (directiveContexts) or the level a list of
// directives is read in.
type context uint32

// The contexts of nginx's configuration, as its modules declare them.
const (
	cMain           context = 1 << iota // the top level of nginx.conf
	cEvents                             // events { }
	cHTTP                               // http { }
	cServer                             // http { server { } }
	cLocation                           // location { }
	cIfServer                           // server { if () { } }
	cIfLocation                         // location { if () { } }
	cLimitExcept                        // location { limit_except GET { } }
	cUpstream                           // http { upstream { } }
	cStream                             // stream { }
	cStreamServer                       // stream { server { } }
	cStreamUpstream                     // stream { upstream { } }
	cMail                               // mail { }
	cMailServer                         // mail { server { } }

	cAny context = 1<<iota - 1 // include: allowed everywhere
)

var contextNames = []struct {
	c    context
	name string
}{
	{cMain, "the main level"}, {cEvents, "events"}, {cHTTP, "http"}, {cServer, "server"},
	{cLocation, "location"}, {cIfServer, "if in server"}, {cIfLocation, "if in location"},
	{cLimitExcept, "limit_except"}, {cUpstream, "upstream"}, {cStream, "stream"},
	{cStreamServer, "stream server"}, {cStreamUpstream, "stream upstream"},
	{cMail, "mail"}, {cMailServer, "mail server"},
}

// String names the contexts of c: "http, server or location".
func (c context) String() string {
	var names []string
	for _, n := range contextNames {
		if c&n.c != 0 {
			names = append(names, n.name)
		}
	}
	switch len(names) {
	case 0:
		return "no context"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// inside returns the context of the directives in the block d opens, when
// d is written in c; ok is false for blocks whose content is not nginx
// directives (types, map, geo, split_clients, charset_map) or that belong
// to modules connlint does not know.
func inside(c context, d *Directive) (context, bool) {
	switch {
	case c == cMain && d.Name == "http":
		return cHTTP, true
	case c == cMain && d.Name == "events":
		return cEvents, true
	case c == cMain && d.Name == "stream":
		return cStream, true
	case c == cMain && d.Name == "mail":
		return cMail, true
	case c == cHTTP && d.Name == "server":
		return cServer, true
	case c == cHTTP && d.Name == "upstream":
		return cUpstream, true
	case (c == cServer || c == cLocation) && d.Name == "location":
		return cLocation, true
	case c == cServer && d.Name == "if":
		return cIfServer, true
	case c == cLocation && d.Name == "if":
		return cIfLocation, true
	case c == cLocation && d.Name == "limit_except":
		return cLimitExcept, true
	case c == cStream && d.Name == "server":
		return cStreamServer, true
	case c == cStream && d.Name == "upstream":
		return cStreamUpstream, true
	case c == cMail && d.Name == "server":
		return cMailServer, true
	}
	return 0, false
}

// misplaced is a directive written where nginx refuses it.
type misplaced struct {
	d  *Directive
	in context
}

func (m misplaced) message() string {
	return fmt.Sprintf("%q directive is not allowed here (in %s; nginx -t fails here): it belongs in %s",
		m.d.Name, m.in, directiveContexts[m.d.Name])
}

// misplacedIn walks ds, read in context c, and returns every directive of
// nginx's own modules written where nginx refuses it, in written order.
// Directives nginx does not know (third-party modules) and the content of
// their blocks are not judged.
func misplacedIn(ds []*Directive, c context, out []misplaced) []misplaced {
	for _, d := range ds {
		allowed, known := directiveContexts[d.Name]
		if !known {
			continue
		}
		if allowed&c == 0 {
			out = append(out, misplaced{d: d, in: c})
			continue
		}
		if !d.IsBlock() {
			continue
		}
		if child, ok := inside(c, d); ok {
			out = misplacedIn(d.Block, child, out)
		}
	}
	return out
}

// fragmentContexts are the contexts a file that is not a whole nginx.conf
// may be written for, in the order they are preferred when the file fits
// several: a list of proxy_* settings or a limit_req is a server's (not
// an http block's, which would judge nothing), proxy_pass is a location's,
// server blocks are an http block's.
var fragmentContexts = []context{cServer, cLocation, cHTTP, cMain, cStream, cStreamServer, cEvents, cMail}

// entryContext returns the context an entry file's top level is read in:
// the main level when it says so itself (http, events or another
// directive only nginx.conf's top level takes), else the context its
// directives imply: the first of fragmentContexts where nginx accepts the
// whole file, or, when none does, the one that refuses the fewest of its
// top-level directives, then the fewest in all (a server block with a
// misplaced directive inside is still an http fragment).
func entryContext(top []*Directive) context {
	for _, d := range top {
		if allowed, ok := directiveContexts[d.Name]; ok && allowed != cAny && allowed&^cMain == 0 {
			return cMain
		}
	}
	best, bestTop, bestAll := cMain, -1, -1
	for _, c := range fragmentContexts {
		all := misplacedIn(top, c, nil)
		if len(all) == 0 {
			return c
		}
		atTop := 0
		for _, m := range all {
			if m.in == c {
				atTop++
			}
		}
		if bestTop < 0 || atTop < bestTop || (atTop == bestTop && len(all) < bestAll) {
			best, bestTop, bestAll = c, atTop, len(all)
		}
	}
	return best
}

// mainOnly reports whether a file's top-level statements say it is a
// whole nginx.conf: one of them is allowed at the main level only.
func mainOnly(stmts []*stmt) bool {
	for _, s := range stmts {
		if allowed, ok := directiveContexts[s.name]; ok && allowed != cAny && allowed&^cMain == 0 {
			return true
		}
	}
	return false
}
