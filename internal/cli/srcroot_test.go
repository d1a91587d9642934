package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// monorepo is a git work tree with a module at services/api; it returns
// the repository root and the module directory.
func monorepo(t *testing.T) (root, api string) {
	t.Helper()
	root = module(t, map[string]string{
		"services/api/go.mod":    "module example.com/api\n\ngo 1.22\n",
		"services/api/client.go": keepaliveOff,
	})
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	return root, filepath.Join(root, "services", "api")
}

type jsonFindings struct {
	Findings []struct {
		File string
		End  struct{ File string }
	}
}

// TestSrcRoot: file names are relative to the checked directory, SARIF
// URIs to the git top level; -srcroot makes both relative to the
// directory it names, and a -srcroot that is no directory or does not
// contain the checked one is a failed run.
func TestSrcRoot(t *testing.T) {
	root, api := monorepo(t)
	jsonFiles := func(args ...string) (file, end string) {
		t.Helper()
		code, out, errOut := run(t, check, append([]string{"-json"}, args...)...)
		var doc jsonFindings
		if err := json.Unmarshal([]byte(out), &doc); err != nil || code != ExitFindings || len(doc.Findings) != 1 {
			t.Fatalf("check %v: exit %d, %v\n%s%s", args, code, err, out, errOut)
		}
		return doc.Findings[0].File, doc.Findings[0].End.File
	}
	if file, end := jsonFiles(api); file != "client.go" || end != "client.go" {
		t.Errorf("without -srcroot: file %q, end %q; want client.go", file, end)
	}
	if file, end := jsonFiles("-srcroot", root, api); file != "services/api/client.go" || end != file {
		t.Errorf("-srcroot ROOT: file %q, end %q; want services/api/client.go", file, end)
	}

	sarifURI := func(args ...string) (uri, base string) {
		t.Helper()
		code, out, errOut := run(t, check, append([]string{"-format", "sarif"}, args...)...)
		var doc struct {
			Runs []struct {
				OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
				Results            []struct {
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI string }
						}
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil || code != ExitFindings || len(doc.Runs) != 1 || len(doc.Runs[0].Results) != 1 {
			t.Fatalf("check %v: exit %d, %v\n%s%s", args, code, err, out, errOut)
		}
		run := doc.Runs[0]
		return run.Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI, run.OriginalURIBaseIDs["%SRCROOT%"].URI
	}
	rootURI := func(dir string) string {
		abs, err := filepath.EvalSymlinks(dir)
		if err != nil {
			t.Fatal(err)
		}
		return "file://" + filepath.ToSlash(abs) + "/"
	}
	if uri, base := sarifURI(api); uri != "services/api/client.go" || !sameURI(base, rootURI(root)) {
		t.Errorf("SARIF without -srcroot: uri %q, base %q; want services/api/client.go from the git top level %s", uri, base, rootURI(root))
	}
	services := filepath.Join(root, "services")
	if uri, base := sarifURI("-srcroot", services, api); uri != "api/client.go" || !sameURI(base, rootURI(services)) {
		t.Errorf("SARIF -srcroot services: uri %q, base %q; want api/client.go", uri, base)
	}

	for _, bad := range []struct{ srcroot, want string }{
		{filepath.Join(root, "nowhere"), "not a directory"},
		{t.TempDir(), "does not contain " + api},
	} {
		code, out, errOut := run(t, check, "-srcroot", bad.srcroot, api)
		if code != ExitError || out != "" || !strings.HasPrefix(errOut, "connlint check: -srcroot "+bad.srcroot) || !strings.HasSuffix(errOut, bad.want+"\n") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("-srcroot %s: exit %d, stdout %q, stderr %q; want one line ending %q", bad.srcroot, code, out, errOut, bad.want)
		}
	}
}

// sameURI compares file URIs of directories, which may differ in symbolic
// links of the temporary directory.
func sameURI(got, want string) bool {
	if got == want {
		return true
	}
	g, err1 := filepath.EvalSymlinks(strings.TrimPrefix(got, "file://"))
	w, err2 := filepath.EvalSymlinks(strings.TrimPrefix(want, "file://"))
	return err1 == nil && err2 == nil && g == w
}

// TestSrcRootNginxAndChain: nginx and chain take -srcroot as check does.
func TestSrcRootNginxAndChain(t *testing.T) {
	root, api := monorepo(t)
	if err := os.WriteFile(filepath.Join(api, "nginx.conf"), []byte(nginxBad), 0o644); err != nil {
		t.Fatal(err)
	}
	toml := "[[chain]]\nname = \"ws\"\nheartbeat = \"45s\"\n[[chain.hop]]\nkind = \"alb\"\n"
	if err := os.WriteFile(filepath.Join(api, "connlint.toml"), []byte(toml+"[nginx]\nfiles = []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := func(out string) []string {
		var doc jsonFindings
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		var names []string
		for _, f := range doc.Findings {
			names = append(names, f.File)
		}
		return names
	}
	inDir(t, api, func() {
		code, out, errOut := run(t, nginxCmd, "-json", "-srcroot", root, "nginx.conf")
		got := files(out)
		if code != ExitFindings || len(got) == 0 {
			t.Fatalf("nginx: exit %d\n%s%s", code, out, errOut)
		}
		for _, f := range got {
			if f != "services/api/nginx.conf" {
				t.Errorf("nginx -srcroot: file %q, want services/api/nginx.conf", f)
			}
		}
	})
	code, out, errOut := run(t, chainCmd, "-json", "-srcroot", root, api)
	if got := files(out); code != ExitFindings || len(got) != 1 || got[0] != "services/api/connlint.toml" {
		t.Errorf("chain -srcroot: exit %d, files %v; want services/api/connlint.toml\n%s", code, got, errOut)
	}
}

// TestSARIFFingerprintOfRealRun: the fingerprint of a finding that
// check reports stays the same when lines are inserted above it, so that
// code scanning keeps the alert open instead of closing it and opening a
// new one; its line moves.
func TestSARIFFingerprintOfRealRun(t *testing.T) {
	_, api := monorepo(t)
	result := func() (line int, fingerprint string) {
		t.Helper()
		code, out, errOut := run(t, check, "-format", "sarif", api)
		var doc struct {
			Runs []struct {
				Results []struct {
					PartialFingerprints map[string]string
					Locations           []struct {
						PhysicalLocation struct {
							Region struct{ StartLine int }
						}
					}
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil || code != ExitFindings || len(doc.Runs[0].Results) != 1 {
			t.Fatalf("exit %d, %v\n%s%s", code, err, out, errOut)
		}
		r := doc.Runs[0].Results[0]
		return r.Locations[0].PhysicalLocation.Region.StartLine, r.PartialFingerprints["primaryLocationLineHash"]
	}
	line, before := result()
	if before == "" {
		t.Fatal("no primaryLocationLineHash")
	}
	moved := strings.Replace(keepaliveOff, "import \"net/http\"\n", "import \"net/http\"\n\n// The client every request shares.\n// It must not open a connection per request.\n", 1)
	if err := os.WriteFile(filepath.Join(api, "client.go"), []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	movedLine, after := result()
	if movedLine != line+3 {
		t.Fatalf("the finding moved from line %d to %d, want %d", line, movedLine, line+3)
	}
	if after != before {
		t.Errorf("the fingerprint changed when lines were inserted above the finding: %s → %s", before, after)
	}
}
