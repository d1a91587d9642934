// Package suppress defines an Analyzer that checks connlint's suppression
// directives.
//
// # Analyzer suppress
//
// suppress: report //connlint:ignore directives that are malformed, have no
// reason, name an unknown rule, or suppress nothing.
//
// A finding can be silenced where the code is right for a reason connlint
// cannot see:
//
//	//connlint:ignore transportreuse one-shot CLI: a single request per run
//	tr := &http.Transport{}
//
// or for a whole file:
//
//	//connlint:file-ignore keepalive this file implements the shutdown path
//
// A directive must give its reason: the next reader has to know why the
// rule does not apply. A directive that no longer suppresses anything is
// reported too, so that stale suppressions do not hide the next real
// finding on that line:
//
//	//connlint:ignore keepalive              // reported: no reason
//	//connlint:ignore keepalve legacy API    // reported: unknown rule
//	//connlint:ignore bodydrain drained above // reported if nothing is suppressed
//
// The analyzer requires every rule analyzer it is built with, so it runs
// after them on each package and sees which directives they used; this
// works the same in `connlint check`, the multichecker and go vet.
package suppress
