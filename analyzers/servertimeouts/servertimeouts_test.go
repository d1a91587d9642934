package servertimeouts_test

import (
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/connlint/connlint/analyzers/internal/atest"
	"github.com/connlint/connlint/analyzers/servertimeouts"
	"github.com/connlint/connlint/internal/records"
)

// packages are the test packages with // want comments; notime's file
// does not import "time", so its findings must come without a fix;
// unusual holds a dot import, an alias of http.Server and a generic
// serving helper.
var packages = []string{"basic", "frameworks", "echoconf", "echobare", "flow", "notime", "srvlib", "srvcmd", "fiberapp", "unusual"}

// TestAnalyzer checks the findings of every package, and the Result
// (records) of the packages checkRecords lists.
func TestAnalyzer(t *testing.T) {
	results := atest.Run(t, servertimeouts.Analyzer, packages...)
	got := make(map[string][]records.Server)
	for _, r := range results {
		pkg := r.Action.Package.PkgPath
		got[pkg] = r.Result.([]records.Server)
		if pkg != "notime" {
			continue
		}
		for _, d := range r.Action.Diagnostics {
			if len(d.SuggestedFixes) != 0 {
				t.Errorf("%s: fix offered in a file without the time import", r.Action.Package.Fset.Position(d.Pos))
			}
		}
	}
	checkRecords(t, got)
}

func TestSuggestedFix(t *testing.T) {
	dir := atest.Dir(t, analysistest.TestData())
	analysistest.RunWithSuggestedFixes(t, dir, servertimeouts.Analyzer, "fix")
}

// server is the part of a records.Server a test pins: where it is, and
// its effective timeouts.
type server struct {
	file       string
	line       int
	fn         string
	addr       string
	idle       time.Duration
	idleKnown  bool
	idleFrom   records.IdleSource
	readHeader time.Duration
	rhKnown    bool
	framework  string
}

func summarize(s records.Server) server {
	return server{
		file: filepath.Base(s.Pos.File), line: s.Pos.Line, fn: s.Func, addr: s.Addr,
		idle: s.Idle.Duration, idleKnown: s.Idle.Known, idleFrom: s.IdleFrom,
		readHeader: s.ReadHeader.Duration, rhKnown: s.ReadHeader.Known,
		framework: s.Framework,
	}
}

// checkRecords pins the Result: every server seen to serve, reported or
// not (ignored, in a generated file), with its constant-folded timeouts, in
// source order.
func checkRecords(t *testing.T, results map[string][]records.Server) {
	t.Helper()
	want := map[string][]server{
		"basic": {
			{"basic.go", 21, "basic.bare", ":8080", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"basic.go", 26, "basic.idleOnly", ":8443", 2 * time.Minute, true, records.FromIdleTimeout, 0, true, "net/http"},
			{"basic.go", 35, "basic.readHeaderOnly", "", 0, true, records.NoIdleTimeout, 5 * time.Second, true, "net/http"},
			{"basic.go", 41, "basic.writeTimeoutOnly", ":8080", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"basic.go", 47, "basic.negativeIdle", ":8080", 0, true, records.NoIdleTimeout, 10 * time.Second, true, "net/http"},
			{"basic.go", 53, "basic.zeroReadHeader", "", time.Minute, true, records.FromIdleTimeout, 0, true, "net/http"},
			{"basic.go", 58, "basic.newServer", ":9000", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"basic.go", 65, "basic.zeroVar", "", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"basic.go", 71, "basic.packageLevel", ":8080", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"basic.go", 72, "basic.packageLevel", ":8443", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"basic.go", 73, "basic.packageLevel", "", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"basic.go", 74, "basic.packageLevel", "", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"basic.go", 80, "basic.complete", ":8080", 120 * time.Second, true, records.FromIdleTimeout, 10 * time.Second, true, "net/http"},
			{"basic.go", 92, "basic.readTimeoutOnly", ":8080", 30 * time.Second, true, records.FromReadTimeout, 30 * time.Second, true, "net/http"},
			{"basic.go", 97, "basic.setLater", ":8080", 2 * time.Minute, true, records.FromIdleTimeout, 10 * time.Second, true, "net/http"},
			{"basic.go", 105, "basic.fromConfig", ":8080", 0, false, records.FromIdleTimeout, 0, false, "net/http"},
			{"basic.go", 119, "basic.fromEnv", ":8080", 0, false, records.FromIdleTimeout, 5 * time.Second, true, "net/http"},
			{"basic.go", 132, "basic.tlsListener", "", 2 * time.Minute, true, records.FromIdleTimeout, 10 * time.Second, true, "net/http"},
			{"basic.go", 137, "basic.tlsServer", ":8443", 2 * time.Minute, true, records.FromIdleTimeout, 10 * time.Second, true, "net/http"},
			{"more.go", 12, "basic.packageVar", ":8080", 6 * time.Minute, true, records.FromIdleTimeout, 8 * time.Second, true, "net/http"},
			{"more.go", 18, "basic.parsedConstant", ":8080", 90 * time.Second, true, records.FromIdleTimeout, 10 * time.Second, true, "net/http"},
			{"more.go", 25, "basic.goroutineServe", ":8080", 2 * time.Minute, true, records.FromIdleTimeout, 10 * time.Second, true, "net/http"},
			{"more.go", 32, "basic.copied", ":8080", 2 * time.Minute, true, records.FromIdleTimeout, 10 * time.Second, true, "net/http"},
		},
		"frameworks": {
			{"frameworks.go", 19, "frameworks.ginRun", ":8080", 0, true, records.NoIdleTimeout, 0, true, "gin"},
			{"frameworks.go", 23, "frameworks.ginRunTLS", ":8443", 0, true, records.NoIdleTimeout, 0, true, "gin"},
			{"frameworks.go", 30, "frameworks.ginBehindServer", ":8080", 90 * time.Second, true, records.FromIdleTimeout, 10 * time.Second, true, "net/http"},
			{"frameworks.go", 44, "frameworks.echoStart", ":1323", 0, true, records.NoIdleTimeout, 0, true, "echo"},
			{"frameworks.go", 48, "frameworks.echoStartServer", ":1324", 0, true, records.NoIdleTimeout, 0, true, "echo"},
			{"frameworks.go", 52, "frameworks.echoStartServerConfigured", ":1325", time.Minute, true, records.FromIdleTimeout, 5 * time.Second, true, "echo"},
		},
		"echoconf": {
			{"echoconf.go", 19, "echoconf.configured", ":1323", 2 * time.Minute, true, records.FromIdleTimeout, 10 * time.Second, true, "echo"},
			{"echoconf.go", 25, "echoconf.replaced", "", 2 * time.Minute, true, records.FromIdleTimeout, 10 * time.Second, true, "echo"},
		},
		"flow": {
			{"app.go", 17, "flow.NewApp", "", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"app.go", 28, "flow.NewAPI", ":8080", 75 * time.Second, true, records.FromIdleTimeout, 10 * time.Second, true, "net/http"},
			{"app.go", 43, "flow.newMetricsServer", ":9090", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"app.go", 48, "flow.newAdminServer", ":9091", 75 * time.Second, true, records.FromIdleTimeout, 10 * time.Second, true, "net/http"},
			{"app.go", 86, "flow.main", ":6060", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"app.go", 90, "flow.main", ":8082", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"app.go", 92, "flow.main", ":8083", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"app.go", 96, "flow.main", ":8084", 0, false, "", 0, false, "net/http"},
			{"app.go", 101, "flow.main", "localhost:6061", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"more.go", 10, "flow.addressOf", ":8085", 75 * time.Second, true, records.FromIdleTimeout, 10 * time.Second, true, "net/http"},
			{"more.go", 21, "flow.newTLSServer", ":8443", 75 * time.Second, true, records.FromIdleTimeout, 10 * time.Second, true, "net/http"},
			{"seams.go", 26, "flow.startServer", "", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
			{"seams.go", 48, "flow.runHardened", ":8444", 2 * time.Minute, true, records.FromIdleTimeout, 5 * time.Second, true, "net/http"},
			{"zz_generated.go", 8, "flow.generatedGateway", ":8090", 0, true, records.NoIdleTimeout, 0, true, "net/http"},
		},
	}
	for pkg, servers := range want {
		got := results[pkg]
		if len(got) != len(servers) {
			for _, s := range got {
				t.Logf("%s: got %+v", pkg, summarize(s))
			}
			t.Errorf("%s: %d servers recorded, want %d", pkg, len(got), len(servers))
			continue
		}
		for i, s := range got {
			if g := summarize(s); g != servers[i] {
				t.Errorf("%s: server %d\n got %+v\nwant %+v", pkg, i, g, servers[i])
			}
			if s.Package != pkg {
				t.Errorf("%s: server %d has Package %q", pkg, i, s.Package)
			}
		}
	}
}
