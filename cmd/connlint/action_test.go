package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// action is the part of action.yml that the test runs.
type action struct {
	Inputs map[string]struct{ Default string }
	Runs   struct {
		Using string
		Steps []struct {
			Name             string
			ID               string
			If               string
			Shell            string
			WorkingDirectory string `yaml:"working-directory"`
			Env              map[string]string
			Run              string
			Uses             string
		}
	}
}

// TestAction runs the bash steps of the composite action (action.yml) as
// a runner would, with the ${{ }} expressions they use filled in: install
// connlint from the checkout, check the workspace (SARIF file, job
// summary with the chain tables, the exit-code output), and the verdict,
// which fails the job on findings unless fail-on-findings is false and
// always on a failed run. The upload step is GitHub's own action.
func TestAction(t *testing.T) {
	t.Parallel()
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(repo, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatal(err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q", a.Runs.Using)
	}
	modcache, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	gopath := t.TempDir() // where the install step installs

	for _, tc := range []struct {
		name           string
		workspace      string // copied into the runner's workspace
		failOnFindings string
		wantCode       string // the exit-code output
		wantVerdict    int
		wantSummary    []string
	}{
		{"demo", "testdata/demo", "true", "1", 1, []string{"## connlint: ", "### chain ", "[`transportreuse`]"}},
		{"demo, findings allowed", "testdata/demo", "false", "1", 0, []string{"## connlint: "}},
		{"nginx that does not parse", "", "false", "2", 2, []string{"[`nginx-parse`]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			workspace, runnerTemp := t.TempDir(), t.TempDir()
			if tc.workspace != "" {
				if err := os.CopyFS(workspace, os.DirFS(filepath.Join(repo, tc.workspace))); err != nil {
					t.Fatal(err)
				}
			} else {
				writeTestFile(t, filepath.Join(workspace, "nginx", "nginx.conf"), "events {}\nhttp {\n    server { listen 80; }\n}\n}\n")
			}
			output := filepath.Join(runnerTemp, "github_output")
			summary := filepath.Join(runnerTemp, "step_summary")
			inputs := map[string]string{}
			for name, in := range a.Inputs {
				inputs[name] = in.Default
			}
			inputs["fail-on-findings"] = tc.failOnFindings
			expr := map[string]string{"github.action_path": repo}
			for name, v := range inputs {
				expr["inputs."+name] = v
			}
			verdict := -1
			for _, step := range a.Runs.Steps {
				if step.Uses != "" {
					if !strings.Contains(step.If, "inputs.upload-sarif == 'true'") {
						t.Errorf("step %q runs whatever upload-sarif says: if %q", step.Name, step.If)
					}
					continue
				}
				if step.Shell != "bash" {
					t.Fatalf("step %q: shell %q, want bash", step.Name, step.Shell)
				}
				expr["steps.check.outputs.exit-code"] = outputValue(t, output, "exit-code")
				cmd := exec.Command("bash", "-e", "-c", fill(t, step.Run, expr))
				cmd.Dir = workspace
				if step.WorkingDirectory != "" {
					cmd.Dir = fill(t, step.WorkingDirectory, expr)
				}
				cmd.Env = append(os.Environ(), "GOPATH="+gopath, "GOBIN=", "GOMODCACHE="+strings.TrimSpace(string(modcache)),
					"GOWORK=off", "GITHUB_OUTPUT="+output, "GITHUB_STEP_SUMMARY="+summary, "RUNNER_TEMP="+runnerTemp)
				for k, v := range step.Env {
					cmd.Env = append(cmd.Env, k+"="+fill(t, v, expr))
				}
				out, err := cmd.CombinedOutput()
				code := 0
				var exit *exec.ExitError
				if errors.As(err, &exit) {
					code = exit.ExitCode()
				} else if err != nil {
					t.Fatal(err)
				}
				if step.Name == "Verdict" {
					verdict = code
				} else if code != 0 {
					t.Fatalf("step %q: exit %d\n%s", step.Name, code, out)
				}
			}
			if got := outputValue(t, output, "exit-code"); got != tc.wantCode {
				t.Errorf("exit-code output %q, want %s", got, tc.wantCode)
			}
			if verdict != tc.wantVerdict {
				t.Errorf("the verdict step exits %d, want %d", verdict, tc.wantVerdict)
			}
			sarif, err := os.ReadFile(filepath.Join(workspace, inputs["sarif-file"]))
			if err != nil || !strings.Contains(string(sarif), `"version": "2.1.0"`) {
				t.Errorf("no SARIF report: %v", err)
			}
			md, _ := os.ReadFile(summary)
			for _, want := range tc.wantSummary {
				if !strings.Contains(string(md), want) {
					t.Errorf("the job summary has no %q:\n%s", want, md)
				}
			}
			if _, err := os.Stat(filepath.Join(workspace, "connlint-summary.md")); err == nil {
				t.Error("the action left connlint-summary.md in the workspace")
			}
		})
	}
}

// fill replaces the ${{ }} expressions of s; an expression the test does
// not know fails it, so that a new one gets a value here.
func fill(t *testing.T, s string, expr map[string]string) string {
	t.Helper()
	return regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`).ReplaceAllStringFunc(s, func(m string) string {
		key := strings.TrimSpace(m[3 : len(m)-2])
		v, ok := expr[key]
		if !ok {
			t.Fatalf("action.yml uses ${{ %s }}, which the test does not provide", key)
		}
		return v
	})
}

// outputValue reads NAME=VALUE from a $GITHUB_OUTPUT file; "" when absent.
func outputValue(t *testing.T, path, name string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	value := ""
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, name+"="); ok {
			value = v
		}
	}
	return value
}

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
