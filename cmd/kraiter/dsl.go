package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

func newDSLCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "dsl",
		Short: "Compile, check, format, decompile and draw sequences written in the DSL",
		Long: `The sequence DSL (*.kraiter.hcl) is the language people write Kraiter sequences in:
blocks email, delay and condition in order, locals, and when expressions over contact
attributes. These commands compile it to the JSON definition the API takes and back,
report every problem with its file, line and column, lay files out canonically, and draw
a sequence as a Mermaid flowchart.`,
	}
	cmd.AddCommand(newDSLCompileCmd(), newDSLValidateCmd(), newDSLFmtCmd(), newDSLDecompileCmd(), newDSLGraphCmd())
	return cmd
}

// stdinName is how standard input is named in messages; "-" reads it.
const stdinName = "<stdin>"

// readInput reads a file, or standard input for "-", and returns the name to show for it.
func readInput(cmd *cobra.Command, path string) ([]byte, string, error) {
	if path == "-" {
		data, err := io.ReadAll(cmd.InOrStdin())
		if err != nil {
			return nil, stdinName, fmt.Errorf("read standard input: %w", err)
		}
		return data, stdinName, nil
	}
	data, err := os.ReadFile(path) // the error names the operation and the path
	return data, path, err
}

// varFlag collects --var NAME=VALUE flags.
type varFlag map[string]string

func (v varFlag) String() string { return "" }

func (v varFlag) Type() string { return "NAME=VALUE" }

func (v varFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("%q is not NAME=VALUE", s)
	}
	v[name] = value
	return nil
}

func addVarFlag(cmd *cobra.Command, vars varFlag) {
	cmd.Flags().Var(vars, "var", "value of var.NAME, as NAME=VALUE (repeatable)")
}
