package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

func newDSLCompileCmd() *cobra.Command {
	vars := varFlag{}
	cmd := &cobra.Command{
		Use:   "compile [--var NAME=VALUE]... FILE",
		Short: "Compile a DSL file to the JSON definition",
		Long: `Compile a DSL file (or standard input, given as -) to its canonical JSON definition on
standard output. Problems go to standard error as FILE:LINE:COL: error: MESSAGE, and the
command exits with status 1.`,
		Example: `  kraiter dsl compile examples/dsl/onboarding.kraiter.hcl
  kraiter dsl compile --var locale=en examples/dsl/re-engagement.kraiter.hcl > definition.json`,
		Args:              oneInput("FILE"),
		ValidArgsFunction: completeFiles(1, dslFileExts...),
		RunE: func(cmd *cobra.Command, args []string) error {
			src, name, err := readInput(cmd, args[0])
			if err != nil {
				return err
			}
			res, diags := dsl.Compile(src, dsl.Options{Filename: name, Vars: vars})
			if err := failIfErrors(cmd, diags); err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s\n", res.JSON)
			return err
		},
	}
	addVarFlag(cmd, vars)
	return cmd
}
