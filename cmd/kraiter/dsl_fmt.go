package main

import (
	"bytes"
	"fmt"
	"os"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

type fmtOptions struct {
	check, write bool
}

func newDSLFmtCmd() *cobra.Command {
	var o fmtOptions
	cmd := &cobra.Command{
		Use:   "fmt [--check] [--write] FILE...",
		Short: "Lay DSL files out canonically",
		Long: `Format DSL files: indentation, spacing and aligned equals signs, keeping comments.

Without flags the formatted text is written to standard output. --write rewrites the files
that change and lists them. --check lists the files that would change, changes nothing, and
exits with status 1 if there are any; with --write as well it rewrites them too. A file given
as - is read from standard input and written to standard output.`,
		Example: `  kraiter dsl fmt --write examples/dsl/*.kraiter.hcl
  kraiter dsl fmt --check sequences/*.kraiter.hcl   # in CI`,
		Args:              someInputs("FILE"),
		ValidArgsFunction: completeFiles(0, dslFileExts...),
		RunE: func(cmd *cobra.Command, args []string) error {
			changed, failed := false, false
			for _, path := range args {
				fileChanged, diags := o.formatFile(cmd, path)
				writeDiagnostics(cmd.ErrOrStderr(), diags, formatText)
				failed = failed || diags.HasErrors()
				changed = changed || fileChanged
			}
			if failed || (o.check && changed) {
				return exitError{code: exitFailure}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&o.check, "check", false, "list files that are not formatted and exit with status 1 if any")
	cmd.Flags().BoolVar(&o.write, "write", false, "rewrite files in place")
	return cmd
}

// formatFile formats one file as the flags say and reports whether its text changes; a file
// that cannot be read, parsed or written gives an error diagnostic.
func (o fmtOptions) formatFile(cmd *cobra.Command, path string) (bool, hcl.Diagnostics) {
	src, name, err := readInput(cmd, path)
	if err != nil {
		return false, hcl.Diagnostics{fileError(name, err)}
	}
	out, diags := dsl.Format(src, name)
	if diags.HasErrors() {
		return false, diags
	}
	changed := !bytes.Equal(out, src)
	stdout := cmd.OutOrStdout()
	switch {
	case path == "-" && !o.check:
		_, err = stdout.Write(out)
	case o.check || o.write:
		if changed {
			_, err = fmt.Fprintln(stdout, name)
		}
		if err == nil && changed && o.write && path != "-" {
			err = writeFileKeepingMode(path, out)
		}
	default:
		_, err = stdout.Write(out)
	}
	if err != nil {
		return changed, hcl.Diagnostics{fileError(name, err)}
	}
	return changed, nil
}

func writeFileKeepingMode(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("rewrite %s: %w", path, err)
	}
	if err := os.WriteFile(path, data, info.Mode().Perm()); err != nil {
		return fmt.Errorf("rewrite %s: %w", path, err)
	}
	return nil
}
