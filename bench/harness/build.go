// Package harness runs what the benchmarks measure: it builds the module's binaries and
// starts a local Kraiter server (kraiter serve) in a process of its own, so that a
// benchmark's figures for the client, the CLI and the provider leave the server's work out.
package harness

import (
	"fmt"
	"os/exec"
	"strings"
)

// Build compiles the package pkg (such as "./cmd/kraiter") of the module at root into the
// file out.
func Build(root, pkg, out string) error {
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = root
	if output, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("build %s: %w\n%s", pkg, err, strings.TrimSpace(string(output)))
	}
	return nil
}
