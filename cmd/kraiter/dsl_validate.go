package main

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

func newDSLValidateCmd() *cobra.Command {
	vars := varFlag{}
	var format string
	cmd := &cobra.Command{
		Use:   "validate [--var NAME=VALUE]... [--format text|github|json] FILE...",
		Short: "Check DSL files and report every problem",
		Long: `Compile each file (- for standard input) and print every problem on standard output:

  --format text (the default)  FILE:LINE:COL: error: MESSAGE, one a line; nothing when all
                               files are valid
  --format github              GitHub Actions annotations, which mark the lines in a pull
                               request
  --format json                an array of problems, [] when all files are valid:
                               [{"file": "a.kraiter.hcl", "line": 4, "column": 14,
                                 "severity": "error", "summary": "Invalid duration",
                                 "detail": "\"2 days\" is not a duration; ..."}]
                               line and column are left out for a problem with no place

Exits with status 1 when any file has errors.`,
		Example: `  kraiter dsl validate examples/dsl/*.kraiter.hcl
  kraiter dsl validate --format github --var locale=en sequences/*.kraiter.hcl`,
		Args:              someInputs("FILE"),
		ValidArgsFunction: completeFiles(0, dslFileExts...),
		RunE: func(cmd *cobra.Command, args []string) error {
			failed := false
			problems := []problemJSON{}
			for _, path := range args {
				var diags hcl.Diagnostics
				src, name, err := readInput(cmd, path)
				if err != nil {
					diags = hcl.Diagnostics{fileError(name, err)}
				} else {
					_, diags = dsl.Compile(src, dsl.Options{Filename: name, Vars: vars})
				}
				if format == formatJSON {
					problems = append(problems, problemsJSON(diags, name)...)
				} else {
					writeDiagnostics(cmd.OutOrStdout(), diags, format)
				}
				failed = failed || diags.HasErrors()
			}
			if format == formatJSON {
				if err := writeJSON(cmd.OutOrStdout(), problems); err != nil {
					return err
				}
			}
			if failed {
				return exitError{code: exitFailure}
			}
			return nil
		},
	}
	addVarFlag(cmd, vars)
	addEnumFlag(cmd, &format, "format", formatText, "output format", formatText, formatGitHub, formatJSON)
	return cmd
}
