// Command kraiter is the Kraiter command-line tool: a local Kraiter server for tests, demos
// and CI (serve), the sequence DSL (dsl compile, validate, fmt, decompile, diff, graph,
// simulate, test), the pull-request comment of a plan (review), and the export of existing
// sequences as DSL files and Terraform configuration (export).
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "kraiter",
		Short:         "Kraiter sequences: a local server and the sequence DSL",
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newServeCmd(), newDSLCmd(), newExportCmd(), newReviewCmd())
	return root
}

func main() {
	if err := newRootCmd().Execute(); err != nil {
		var exit exitError
		if errors.As(err, &exit) {
			os.Exit(exit.code)
		}
		fmt.Fprintln(os.Stderr, "kraiter:", err)
		os.Exit(1)
	}
}
