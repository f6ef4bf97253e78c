package main

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

func newDSLValidateCmd() *cobra.Command {
	vars := varFlag{}
	var format string
	cmd := &cobra.Command{
		Use:   "validate [--var NAME=VALUE]... [--format text|github] FILE...",
		Short: "Check DSL files and report every problem",
		Long: `Compile each file and print every problem as FILE:LINE:COL: error: MESSAGE on standard
output, or, with --format github, as GitHub Actions annotations that mark the lines in a
pull request. Exits with status 1 when any file has errors; prints nothing when all are
valid.`,
		Example: `  kraiter dsl validate examples/dsl/*.kraiter.hcl
  kraiter dsl validate --format github --var locale=en sequences/*.kraiter.hcl`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != formatText && format != formatGitHub {
				return fmt.Errorf("--format %q: use %q or %q", format, formatText, formatGitHub)
			}
			failed := false
			for _, path := range args {
				var diags hcl.Diagnostics
				if src, name, err := readInput(cmd, path); err != nil {
					diags = hcl.Diagnostics{fileError(name, err)}
				} else {
					_, diags = dsl.Compile(src, dsl.Options{Filename: name, Vars: vars})
				}
				writeDiagnostics(cmd.OutOrStdout(), diags, format)
				failed = failed || diags.HasErrors()
			}
			if failed {
				return exitError{code: 1}
			}
			return nil
		},
	}
	addVarFlag(cmd, vars)
	cmd.Flags().StringVar(&format, "format", formatText, `output format: "text" or "github" (GitHub Actions annotations)`)
	return cmd
}
