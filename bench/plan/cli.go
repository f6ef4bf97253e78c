package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/kraiter/terraform-provider-kraiter/bench/harness"
	"github.com/kraiter/terraform-provider-kraiter/bench/usage"
)

// measurement is one run of the CLI: its wall time and who used the CPU.
type measurement struct {
	wall time.Duration
	// cli is the CLI's CPU time, its providers' left out.
	cli time.Duration
	// provider is the provider processes' CPU time, server the local server's.
	provider, server time.Duration
	// peakRSSKiB is the largest peak RSS of the run's provider processes.
	peakRSSKiB int64
}

// cliError is a CLI run that exited with a status other than 0.
type cliError struct {
	args []string
	code int
	log  string
	tail string
}

func (e *cliError) Error() string {
	return fmt.Sprintf("tofu %s exited with %d (whole output in %s); its last lines:\n%s", strings.Join(e.args, " "), e.code, e.log, e.tail)
}

// runner runs OpenTofu in the benchmark's configurations and measures each run.
type runner struct {
	tofu      string
	cliConfig string
	// kraiter is the CLI that serves the local servers.
	kraiter string
	// server is the local server the plans talk to but where runOn names another.
	server *harness.Server
	// providers maps a provider's local name to its real binary, which the wrapper runs.
	providers map[string]string
	logs      string
	runs      int
}

// run runs tofu with args in dir, a configuration of kind k, and measures it.
func (r *runner) run(ctx context.Context, dir string, k kind, args ...string) (measurement, error) {
	return r.runOn(ctx, r.server, dir, k, args...)
}

// runOn is run against the local server.
func (r *runner) runOn(ctx context.Context, server *harness.Server, dir string, k kind, args ...string) (measurement, error) {
	r.runs++
	report := filepath.Join(r.logs, fmt.Sprintf("%04d-usage.jsonl", r.runs))
	logPath := filepath.Join(r.logs, fmt.Sprintf("%04d-%s.log", r.runs, args[0]))
	logFile, err := os.Create(logPath)
	if err != nil {
		return measurement{}, fmt.Errorf("run tofu: %w", err)
	}
	defer logFile.Close()

	cmd := exec.CommandContext(ctx, r.tofu, append([]string{"-chdir=" + dir}, args...)...)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.Env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+r.cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1", "TF_LOG=",
		"KRAITER_BASE_URL="+server.URL, "KRAITER_API_KEY="+harness.APIKey,
		"RUSAGEWRAP_EXEC="+r.providers[k.provider], "RUSAGEWRAP_REPORT="+report)

	serverBefore, err := server.CPU()
	if err != nil {
		return measurement{}, err
	}
	start := time.Now()
	runErr := cmd.Run()
	wall := time.Since(start)
	serverAfter, err := server.CPU()
	if err != nil {
		return measurement{}, err
	}
	var exitErr *exec.ExitError
	if errors.As(runErr, &exitErr) {
		return measurement{}, &cliError{args: args, code: exitErr.ExitCode(), log: logPath, tail: tail(logPath, 30)}
	}
	if runErr != nil {
		return measurement{}, fmt.Errorf("run tofu %s: %w", strings.Join(args, " "), runErr)
	}

	records, err := usage.ReadAll(report)
	if err != nil {
		return measurement{}, err
	}
	providers := usage.Total(records)
	// The CLI's rusage counts the processes it waited for: the wrappers and their providers.
	total := time.Duration(0)
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		total = usage.CPU(ru)
	}
	return measurement{
		wall:       wall,
		cli:        max(total-providers.CPU-providers.WrapperCPU, 0),
		provider:   providers.CPU,
		server:     serverAfter - serverBefore,
		peakRSSKiB: providers.MaxRSSKiB,
	}, nil
}

// tail is the last n lines of the file at path.
func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Sprintf("(cannot read %s: %v)", path, err)
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	return strings.Join(lines[max(len(lines)-n, 0):], "\n")
}
