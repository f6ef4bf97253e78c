package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

func newDSLCmd(version string) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "dsl",
		Short: "Sequences in the DSL: compile, validate, fmt, decompile, diff, graph, simulate, test, lsp",
		Long: `The sequence DSL (*.kraiter.hcl) is the language people write Kraiter sequences in:
blocks email, delay and condition in order, locals, and when expressions over contact
attributes.

compile turns a DSL file into the JSON definition the API takes, and decompile turns a
definition back into DSL. validate reports every problem with its file, line and column,
and fmt lays files out canonically. diff shows what changed between two versions step by
step, and graph draws a sequence as a Mermaid flowchart. simulate carries one contact
through a sequence offline, and test runs sequence tests (*.kraiter.test.hcl). lsp is the
language server that editors start for diagnostics, completion and hover as you type.`,
	}
	cmd.AddCommand(newDSLCompileCmd(), newDSLValidateCmd(), newDSLFmtCmd(), newDSLDecompileCmd(), newDSLDiffCmd(), newDSLGraphCmd(), newDSLSimulateCmd(), newDSLTestCmd(), newDSLLSPCmd(version))
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

// readDefinition reads a sequence from a file, or standard input for "-", as a JSON definition
// or as DSL, told apart by content (see isJSONDefinition) so that any file name works. Problems
// are printed to standard error, as diagnostics or as definition problems, and end the command
// with status 1.
func readDefinition(cmd *cobra.Command, path string, vars varFlag) (*definition.Definition, error) {
	src, name, err := readInput(cmd, path)
	if err != nil {
		return nil, err
	}
	if isJSONDefinition(src) {
		def, err := definition.Parse(src)
		if err != nil {
			return nil, reportDefinitionError(cmd, name, err)
		}
		return def, nil
	}
	res, diags := dsl.Compile(src, dsl.Options{Filename: name, Vars: vars})
	if err := failIfErrors(cmd, diags); err != nil {
		return nil, err
	}
	return res.Definition, nil
}

// isJSONDefinition reports whether a document is a JSON definition: its first non-space byte is
// "{" and it parses as JSON. Anything else is read as DSL.
func isJSONDefinition(src []byte) bool {
	trimmed := bytes.TrimLeft(src, " \t\r\n")
	return len(trimmed) > 0 && trimmed[0] == '{' && json.Valid(src)
}

// varFlag collects --var NAME=VALUE flags.
type varFlag map[string]string

func (v varFlag) String() string { return "" }

func (v varFlag) Type() string { return "NAME=VALUE" }

func (v varFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("%q is not NAME=VALUE, such as locale=en", s)
	}
	v[name] = value
	return nil
}

func addVarFlag(cmd *cobra.Command, vars varFlag) {
	cmd.Flags().Var(vars, "var", "value of var.NAME, as NAME=VALUE (repeatable)")
	completeFlagNothing(cmd, "var")
}
