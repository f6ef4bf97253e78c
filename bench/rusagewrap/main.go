// Command rusagewrap stands in for a provider binary so that the plan benchmark can see what
// the provider used: it runs the binary named by RUSAGEWRAP_EXEC as its child, with its own
// arguments, environment and standard streams (Terraform's plugin handshake goes through
// them untouched), forwards SIGINT and SIGTERM, and when the child exits appends the child's
// peak RSS and CPU time to the file named by RUSAGEWRAP_REPORT (see bench/usage). It exits
// with the child's status.
//
// Point dev_overrides at a directory holding this binary under the provider's name.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/kraiter/terraform-provider-kraiter/bench/usage"
)

func main() {
	code, err := run(os.Getenv("RUSAGEWRAP_EXEC"), os.Getenv("RUSAGEWRAP_REPORT"), os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "rusagewrap:", err)
	}
	os.Exit(code)
}

func run(target, reportPath string, args []string) (int, error) {
	if target == "" || reportPath == "" {
		return 2, errors.New("set RUSAGEWRAP_EXEC to the provider binary to run and RUSAGEWRAP_REPORT to the file its usage is appended to")
	}
	cmd := exec.Command(target, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	if err := cmd.Start(); err != nil {
		return 1, fmt.Errorf("start %s: %w", target, err)
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	waitErr := cmd.Wait()
	var exitErr *exec.ExitError
	if waitErr != nil && !errors.As(waitErr, &exitErr) {
		return 1, fmt.Errorf("wait for %s: %w", target, waitErr)
	}
	child, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 1, errors.New("this system reports no resource usage of a child process")
	}
	var self syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &self); err != nil {
		return 1, fmt.Errorf("read the wrapper's own usage: %w", err)
	}
	rec := usage.Record{MaxRSSKiB: child.Maxrss, CPU: usage.CPU(child), WrapperCPU: usage.CPU(&self)}
	if err := usage.Append(reportPath, rec); err != nil {
		return 1, err
	}
	return cmd.ProcessState.ExitCode(), nil
}
