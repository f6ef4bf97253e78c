package main

import (
	"errors"
	"io"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/internal/lsp"
)

func newDSLLSPCmd(version string) *cobra.Command {
	vars := varFlag{}
	var api apiFlags
	cmd := &cobra.Command{
		Use:   "lsp [--var NAME=VALUE]...",
		Short: "Serve the Language Server Protocol for DSL files on standard input and output",
		Long: `Run the language server of the sequence DSL, which an editor starts and speaks to over
standard input and output: diagnostics as validate reports them, on every change; completion
of step blocks, attributes, functions, var., local. and contact. names, and template ids;
hover documentation; formatting as fmt does it; the steps as an outline; go to the
definition of local.NAME. docs/guides/editors.md sets it up in VS Code, Neovim and Helix.

Template ids come from the account when an API key is set (` + envAPIKey + `, or
--api-key-file), read once; without one, or when Kraiter cannot be reached, completion
simply offers none, and the editor's log says why. --var gives var.NAME a value, as for
validate; the editor's initializationOptions {"vars": {...}} may add more.

Exits with status 0 after the editor's shutdown and exit, 1 on exit without shutdown.`,
		Example: `  kraiter dsl lsp
  kraiter dsl lsp --var locale=en`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := api.config(cmd, version, false)
			if err != nil {
				return err
			}
			var c *client.Client
			if cfg.APIKey != "" {
				if c, err = api.client(cmd, cfg); err != nil {
					return err
				}
			}
			err = lsp.Serve(cmd.Context(), stdio{cmd.InOrStdin(), cmd.OutOrStdout()},
				lsp.Options{Vars: vars, Client: c, Version: version, Log: cmd.ErrOrStderr()})
			if errors.Is(err, lsp.ErrExitWithoutShutdown) {
				return exitError{code: exitFailure}
			}
			return err
		},
	}
	addVarFlag(cmd, vars)
	api.add(cmd)
	return cmd
}

// stdio is the editor's end of the conversation. Closing it closes nothing: the process's
// standard streams end with the process.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }
