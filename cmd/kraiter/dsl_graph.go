package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/stepdiff"
)

func newDSLGraphCmd() *cobra.Command {
	vars := varFlag{}
	var raw bool
	var oldPath string
	cmd := &cobra.Command{
		Use:   "graph [--var NAME=VALUE]... [--raw] [--diff OLD] FILE",
		Short: "Draw a sequence as a Mermaid flowchart",
		Long: `Draw a sequence as a Mermaid flowchart: emails, delays, and conditions with yes and no
branches labelled with their rule in words. The output is a mermaid code block, ready to
paste into a pull request or issue, where GitHub renders it; --raw writes the bare
flowchart. Node ids come from the steps' content, so inserting a step changes only the
lines of that step and its edges.

With --diff OLD, the steps added, changed and moved since OLD are coloured green, amber
and blue, and the removed ones are drawn in red in a box of their own.

FILE and OLD are DSL files or JSON definitions, told apart by their content (JSON starts
with "{"); - reads standard input, for one of them.`,
		Example: `  kraiter dsl graph examples/dsl/trial-conversion.kraiter.hcl
  kraiter dsl graph --raw definition.json > sequence.mmd
  git show main:seq.kraiter.hcl | kraiter dsl graph --diff - seq.kraiter.hcl`,
		Args:              oneInput("FILE"),
		ValidArgsFunction: completeFiles(1, sequenceFileExts...),
		RunE: func(cmd *cobra.Command, args []string) error {
			if oldPath == "-" && args[0] == "-" {
				return usageError(cmd, "--diff - and FILE - both read standard input; give a file for one of them")
			}
			def, err := readDefinition(cmd, args[0], vars)
			if err != nil {
				return err
			}
			var graph string
			if oldPath == "" {
				graph = stepdiff.Graph(def)
			} else {
				var oldDef *definition.Definition
				if oldDef, err = readDefinition(cmd, oldPath, vars); err != nil {
					return err
				}
				graph = stepdiff.GraphDiff(oldDef, def)
			}
			if !raw {
				graph = "```mermaid\n" + graph + "```\n"
			}
			_, err = fmt.Fprint(cmd.OutOrStdout(), graph)
			return err
		},
	}
	addVarFlag(cmd, vars)
	cmd.Flags().BoolVar(&raw, "raw", false, "write the bare Mermaid flowchart, without the code block around it")
	cmd.Flags().StringVar(&oldPath, "diff", "", "mark what changed since OLD, a DSL file or JSON definition (- for standard input)")
	completeFlagFiles(cmd, "diff", sequenceFileExts...)
	return cmd
}
