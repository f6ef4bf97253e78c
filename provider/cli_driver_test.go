package provider

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// terraform-plugin-testing cannot see warnings (its steps check errors only), and warnings
// are much of what a plan tells about the live account. cliWorkspace runs the CLI under test
// (TF_ACC_TERRAFORM_PATH, as the harness does) on a configuration, with the provider built
// from this source and reached through dev_overrides, and reads the diagnostics of its
// machine-readable output.

var providerBuild struct {
	once sync.Once
	dir  string
	err  error
}

// builtProvider builds the provider once per test process, into a folder dev_overrides
// can point at.
func builtProvider(t *testing.T) string {
	t.Helper()
	providerBuild.once.Do(func() {
		dir, err := os.MkdirTemp("", "kraiter-provider-") //nolint:usetesting // one build for every test of the process, not one test's
		if err != nil {
			providerBuild.err = err
			return
		}
		out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-kraiter"), "..").CombinedOutput()
		if err != nil {
			providerBuild.err = fmt.Errorf("build the provider: %w\n%s", err, out)
		}
		providerBuild.dir = dir
	})
	if providerBuild.err != nil {
		t.Fatal(providerBuild.err)
	}
	return providerBuild.dir
}

type cliWorkspace struct {
	t   *testing.T
	cli string
	dir string
	env []string
}

// newCLIWorkspace is an empty configuration folder for the CLI under test.
func newCLIWorkspace(t *testing.T) *cliWorkspace {
	t.Helper()
	testAccPreCheck(t)
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		t.Skip("TF_ACC_TERRAFORM_PATH names no CLI (make testacc sets it)")
	}
	bin := builtProvider(t)
	dir := t.TempDir()
	rc := filepath.Join(dir, ".cli.tfrc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"registry.terraform.io/kraiter/kraiter\" = %q\n    \"registry.opentofu.org/kraiter/kraiter\" = %q\n  }\n  direct {}\n}\n", bin, bin)
	if err := os.WriteFile(rc, []byte(overrides), 0o600); err != nil {
		t.Fatal(err)
	}
	return &cliWorkspace{t: t, cli: cli, dir: dir, env: append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+rc, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_LOG=", "KRAITER_API_KEY=", "KRAITER_BASE_URL=")}
}

// write sets the configuration.
func (w *cliWorkspace) write(config string) {
	w.t.Helper()
	full := "terraform {\n  required_providers {\n    kraiter = { source = \"kraiter/kraiter\" }\n  }\n}\n" + config
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(full), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// cliDiagnostic is a diagnostic of the CLI's machine-readable output.
type cliDiagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
}

func (d cliDiagnostic) String() string {
	return fmt.Sprintf("%s: %s (%s): %s", d.Severity, d.Summary, d.Address, d.Detail)
}

// cliRun is one run of the CLI: its exit code and diagnostics.
type cliRun struct {
	code  int
	diags []cliDiagnostic
	out   string
}

// command is the CLI with args and -json, ready to start in the workspace, in a process
// group of its own with its provider, as a terminal runs it (so that an interrupt reaches
// both, as Ctrl-C does).
func (w *cliWorkspace) command(args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	cmd := exec.Command(w.cli, append(args, "-json", "-input=false", "-no-color")...)
	cmd.Dir, cmd.Env = w.dir, w.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	return cmd, &stdout, &stderr
}

// run runs the CLI with args and -json, and reads what it said.
func (w *cliWorkspace) run(args ...string) cliRun {
	w.t.Helper()
	cmd, stdout, stderr := w.command(args...)
	return w.finish(args, cmd.Run(), stdout, stderr)
}

// finish reads what a run of the CLI said, once it exited with err.
func (w *cliWorkspace) finish(args []string, err error, stdout, stderr *bytes.Buffer) cliRun {
	w.t.Helper()
	run := cliRun{out: stdout.String() + stderr.String()}
	if exit, ok := errors.AsType[*exec.ExitError](err); ok {
		run.code = exit.ExitCode()
	} else if err != nil {
		w.t.Fatalf("%s %v: %v", w.cli, args, err)
	}
	scanner := bufio.NewScanner(stdout)
	scanner.Buffer(make([]byte, 1<<20), 16<<20)
	for scanner.Scan() {
		var line struct {
			Type       string        `json:"type"`
			Diagnostic cliDiagnostic `json:"diagnostic"`
		}
		if json.Unmarshal(scanner.Bytes(), &line) == nil && line.Type == "diagnostic" {
			run.diags = append(run.diags, line.Diagnostic)
		}
	}
	return run
}

// stateIDs is the ids of the sequences the state file holds, tainted ones included.
func (w *cliWorkspace) stateIDs() map[string]bool {
	w.t.Helper()
	data, err := os.ReadFile(filepath.Join(w.dir, "terraform.tfstate"))
	if os.IsNotExist(err) {
		return map[string]bool{}
	}
	if err != nil {
		w.t.Fatal(err)
	}
	var state struct {
		Resources []struct {
			Type      string
			Instances []struct {
				Attributes struct{ ID string }
			}
		}
	}
	if err := json.Unmarshal(data, &state); err != nil {
		w.t.Fatalf("read the state: %v", err)
	}
	ids := map[string]bool{}
	for _, r := range state.Resources {
		for _, inst := range r.Instances {
			if r.Type == "kraiter_sequence" {
				ids[inst.Attributes.ID] = true
			}
		}
	}
	return ids
}

// mustApply applies the configuration, which must succeed.
func (w *cliWorkspace) mustApply() {
	w.t.Helper()
	if run := w.run("apply", "-auto-approve"); run.code != 0 {
		w.t.Fatalf("apply exited %d:\n%s", run.code, run.out)
	}
}

// with returns the diagnostics of the severity ("warning" or "error") whose summary
// contains summary.
func (r cliRun) with(severity, summary string) []cliDiagnostic {
	var out []cliDiagnostic
	for _, d := range r.diags {
		if d.Severity == severity && strings.Contains(d.Summary, summary) {
			out = append(out, d)
		}
	}
	return out
}

// one returns the one diagnostic of the severity whose summary contains summary, failing
// the test when there is not exactly one.
func (r cliRun) one(t *testing.T, severity, summary string) cliDiagnostic {
	t.Helper()
	found := r.with(severity, summary)
	if len(found) != 1 {
		t.Fatalf("want one %s %q, got %d; all diagnostics:\n%v\noutput:\n%s", severity, summary, len(found), r.diags, r.out)
	}
	return found[0]
}
