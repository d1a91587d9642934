package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifSchema compiles the SARIF 2.1.0 schema that internal/report's
// tests vendor (see its testdata/README.md).
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	const path = "../report/testdata/sarif-schema-2.1.0.json"
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(path, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(path)
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

// TestSARIFOfRealRuns validates the SARIF of check, nginx and chain on the
// demo, and of a failed run, against the SARIF 2.1.0 schema: the unit
// tests of internal/report use made-up findings, these are the real ones
// (fixes, related locations, nginx spans, chain hops, notifications).
func TestSARIFOfRealRuns(t *testing.T) {
	schema := sarifSchema(t)
	demo, err := filepath.Abs("../../testdata/demo")
	if err != nil {
		t.Fatal(err)
	}
	broken := module(t, map[string]string{"nginx/nginx.conf": "events {}\nhttp {\n    server { listen 80; }\n}\n}\n", "a.go": clean})
	validate := func(name string, cmd func([]string, *bytes.Buffer, *bytes.Buffer) int, args ...string) {
		t.Helper()
		code, out, errOut := run(t, cmd, append([]string{"-format", "sarif"}, args...)...)
		if code == ExitClean || out == "" {
			t.Errorf("%s: exit %d, stdout %q, stderr %s; want findings or a failed run", name, code, out, errOut)
			return
		}
		// Code scanning learns of a failed run (exit 2) from the
		// invocation, never from the exit code.
		var doc struct {
			Runs []struct {
				Invocations []struct {
					ExecutionSuccessful        bool
					ToolExecutionNotifications []struct{ Message struct{ Text string } }
				}
			}
		}
		if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Runs) != 1 || len(doc.Runs[0].Invocations) != 1 {
			t.Fatalf("%s: %v", name, err)
		}
		inv := doc.Runs[0].Invocations[0]
		if inv.ExecutionSuccessful != (code != ExitError) || (code == ExitError) != (len(inv.ToolExecutionNotifications) > 0) {
			t.Errorf("%s: exit %d, invocation %+v", name, code, inv)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader([]byte(out)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s: SARIF does not validate: %v", name, err)
		}
	}
	validate("check demo", check, demo)
	validate("chain demo", chainCmd, demo)
	inDir(t, filepath.Join(demo, "nginx"), func() { validate("nginx demo", nginxCmd, "nginx.conf") })
	validate("check broken", check, broken)
	inDir(t, filepath.Join(broken, "nginx"), func() { validate("nginx broken", nginxCmd, "nginx.conf") })
	missing := module(t, withConfig(map[string]string{"main.go": "package fixture\n"},
		"[[chain]]\nname = \"ws\"\nheartbeat = \"25s\"\n[[chain.hop]]\nkind = \"alb\"\nterraform = \"infra/missing.tf\"\n"))
	validate("chain with a missing source", chainCmd, missing)
}
