package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

func newDSLGraphCmd() *cobra.Command {
	vars := varFlag{}
	var raw bool
	cmd := &cobra.Command{
		Use:   "graph [--var NAME=VALUE]... [--raw] FILE",
		Short: "Draw a sequence as a Mermaid flowchart",
		Long: `Draw a sequence as a Mermaid flowchart: emails, delays, and conditions with yes and no
branches labelled with their rule in words. The output is a mermaid code block, ready to
paste into a pull request or issue, where GitHub renders it; --raw writes the bare
flowchart. FILE is a DSL file, or a JSON definition when its name ends in .json.`,
		Example: `  kraiter dsl graph examples/dsl/trial-conversion.kraiter.hcl
  kraiter dsl graph --raw definition.json > sequence.mmd`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			src, name, err := readInput(cmd, args[0])
			if err != nil {
				return err
			}
			var def *definition.Definition
			if strings.HasSuffix(name, ".json") {
				if def, err = definition.Parse(src); err != nil {
					return reportDefinitionError(cmd, name, err)
				}
			} else {
				res, diags := dsl.Compile(src, dsl.Options{Filename: name, Vars: vars})
				if err := failIfErrors(cmd, diags); err != nil {
					return err
				}
				def = res.Definition
			}
			graph := dsl.Graph(def)
			if !raw {
				graph = "```mermaid\n" + graph + "```\n"
			}
			_, err = fmt.Fprint(cmd.OutOrStdout(), graph)
			return err
		},
	}
	addVarFlag(cmd, vars)
	cmd.Flags().BoolVar(&raw, "raw", false, "write the bare Mermaid flowchart, without the code block around it")
	return cmd
}
