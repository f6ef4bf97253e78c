// Command kraiter is the Kraiter command-line tool: the sequence DSL (dsl compile, validate,
// fmt, decompile, diff, graph, simulate, test), the export of existing sequences as DSL files
// and Terraform configuration (export), the pull-request comment of a plan (review), a local
// Kraiter server for tests, demos and CI (serve), its version and shell completion.
package main

import (
	"os"

	"github.com/spf13/cobra"
)

// Groups of commands in the root's help.
const (
	groupSequences = "sequences"
	groupServer    = "server"
)

func newRootCmd() *cobra.Command {
	v := readVersion()
	root := &cobra.Command{
		Use:   "kraiter",
		Short: "Kraiter sequences as code: the sequence DSL, export, plan review and a local server",
		Long: `kraiter keeps Kraiter email sequences in git. dsl writes them in the sequence DSL and
checks, compares, draws, simulates and tests them offline; export writes an account's
sequences as DSL files and Terraform configuration that imports them; review turns a
Terraform plan into a pull-request comment on its sequence changes; serve runs a local
Kraiter server for tests, demos and CI. version prints the version, and completion writes
a shell's completion script.

Commands that print data take --format json; each one's help shows the shape. Colour is
used only on a terminal (not with TERM=dumb), and never with --no-color or a non-empty
NO_COLOR.

Exit status: 0 on success; 1 when something failed (an invalid file, a failed check or
test, an API error); 2 when the command was misused (an unknown command or flag, a wrong
number of arguments, a bad flag value). kraiter dsl diff, like diff(1), exits with 1 when
the versions differ and 2 when they cannot be compared.`,
		Version:       v.String(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("{{.Name}} {{.Version}}\n")
	root.PersistentFlags().Bool(noColorFlag, false, "never colour the output (as a non-empty NO_COLOR does)")
	root.AddGroup(
		&cobra.Group{ID: groupSequences, Title: "Sequences as code:"},
		&cobra.Group{ID: groupServer, Title: "Local server:"},
	)
	for _, cmd := range []*cobra.Command{newDSLCmd(v.Version), newExportCmd(v.Version), newReviewCmd(v.Version)} {
		cmd.GroupID = groupSequences
		root.AddCommand(cmd)
	}
	serve := newServeCmd()
	serve.GroupID = groupServer
	root.AddCommand(serve, newVersionCmd(v))
	root.SetFlagErrorFunc(flagError)
	return root
}

func main() {
	os.Exit(execute(newRootCmd()))
}
