package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

func newDSLDecompileCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "decompile [FILE|-]",
		Short: "Turn a JSON definition into DSL text",
		Long: `Read a JSON definition from FILE (standard input when it is - or missing) and write it
as canonical DSL text. Compiling that text gives the same definition back. Problems with
the JSON are printed as FILE: error: PATH: MESSAGE, and the command exits with status 1.`,
		Example: `  kraiter dsl decompile definition.json > sequence.kraiter.hcl
  kraiter dsl compile in.kraiter.hcl | kraiter dsl decompile -`,
		Args:              argCount(0, 1, "at most one FILE (none, or -, for standard input)"),
		ValidArgsFunction: completeFiles(1, jsonFileExts...),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := "-"
			if len(args) == 1 {
				path = args[0]
			}
			data, name, err := readInput(cmd, path)
			if err != nil {
				return err
			}
			text, err := dsl.DecompileJSON(data)
			if err != nil {
				return reportDefinitionError(cmd, name, err)
			}
			_, err = cmd.OutOrStdout().Write(text)
			return err
		},
	}
}

// reportDefinitionError prints each problem of an invalid definition on its own line.
func reportDefinitionError(cmd *cobra.Command, name string, err error) error {
	var verr *definition.ValidationError
	if !errors.As(err, &verr) {
		return err
	}
	for _, p := range verr.Problems {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: error: %s\n", name, p.String())
	}
	return exitError{code: exitFailure}
}
