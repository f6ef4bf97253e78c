package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/internal/exportconfig"
	"github.com/kraiter/terraform-provider-kraiter/internal/prose"
)

type exportOptions struct {
	api                          apiFlags
	status, dir, compile, format string
	force                        bool
}

// exportSummary is the --format json output of kraiter export.
type exportSummary struct {
	Sequences int      `json:"sequences"`
	Dir       string   `json:"dir"`
	Files     []string `json:"files"`
}

func newExportCmd(version string) *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write existing sequences as DSL files and Terraform configuration to import them",
		Long: `Read every sequence of an account (optionally of one status) and write, into --dir:
  - ID.kraiter.hcl, each sequence's definition as DSL text,
  - ` + exportconfig.ConfigFile + `, a kraiter_sequence resource and an import block for each sequence, and
  - ` + exportconfig.VersionsFile + `, which requires the kraiter/kraiter provider.
terraform init and terraform plan in --dir then import the sequences and show no changes.
To add the files to a configuration that requires kraiter/kraiter already, leave
` + exportconfig.VersionsFile + ` out.

Without --base-url (or KRAITER_BASE_URL) the export reads Kraiter's API, api.kraiter.com;
give the local server's address, such as http://127.0.0.1:8474, to export from it.

With --compile function (the default) the resources compile their DSL file with
provider::kraiter::compile_sequence (Terraform >= 1.8, OpenTofu >= 1.7); with
--compile data-source they use the kraiter_sequence_definition data source, for older CLIs.

The files are written into a temporary folder and then moved into place, so that a failure
leaves --dir as it was. --force replaces files that exist; it never writes through a symbolic
link: a link, or a folder, where a file goes is an error that names it.

The API address and key are checked first, so that a wrong address or key fails at once.
On a terminal, standard error shows how many sequences were read so far. When done, a
summary goes to standard error, or with --format json to standard output:

  {"sequences": 2, "dir": "sequences",
   "files": ["onboarding.kraiter.hcl", "sequences.tf", "trial.kraiter.hcl", "versions.tf"]}`,
		Example: `  KRAITER_API_KEY=... kraiter export --dir sequences
  kraiter export --base-url http://127.0.0.1:8474 --api-key-file key.txt --status active --dir sequences
  cd sequences && terraform init && terraform plan`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runExport(cmd, o, version) },
	}
	f := cmd.Flags()
	o.api.add(cmd)
	addEnumFlag(cmd, &o.status, "status", "", "export only sequences of this status", client.Statuses...)
	f.StringVar(&o.dir, "dir", "kraiter-export", "folder to write into (created when missing)")
	addEnumFlag(cmd, &o.compile, "compile", string(exportconfig.CompileFunction), "how the configuration compiles the DSL",
		string(exportconfig.CompileFunction), string(exportconfig.CompileDataSource))
	f.BoolVar(&o.force, "force", false, "replace files that exist (never through a symbolic link)")
	addEnumFlag(cmd, &o.format, "format", formatText, "summary format", formatText, formatJSON)
	completeFlagDirs(cmd, "dir")
	return cmd
}

func runExport(cmd *cobra.Command, o exportOptions, version string) error {
	cfg, err := o.api.config(cmd, version, true)
	if err != nil {
		return err
	}
	api, err := o.api.client(cmd, cfg)
	if err != nil {
		return err
	}
	export, err := exportconfig.New(exportconfig.Compile(o.compile))
	if err != nil {
		return err
	}

	progress := newProgress(cmd.ErrOrStderr())
	progress.show("checking %s…", api.BaseURL())
	err = verify(cmd.Context(), cfg)
	if err == nil {
		err = readSequences(cmd.Context(), api, o.status, export, progress)
	}
	progress.clear()
	if err != nil {
		return err
	}

	summary := exportSummary{Dir: o.dir, Files: []string{}}
	if export.Len() > 0 {
		progress.show("writing %s to %s…", prose.Count(export.Len(), "sequence"), o.dir)
		summary.Sequences = export.Len()
		summary.Files, err = exportconfig.Write(o.dir, export.Files(), o.force)
		progress.clear()
		var existing *exportconfig.ExistingFilesError
		if errors.As(err, &existing) {
			return fmt.Errorf("%w; choose another --dir or pass --force to overwrite", err)
		}
		if err != nil {
			return err
		}
	}
	switch {
	case o.format == formatJSON:
		return writeJSON(cmd.OutOrStdout(), summary)
	case summary.Sequences == 0:
		fmt.Fprintln(cmd.ErrOrStderr(), "no sequences to export")
	default:
		fmt.Fprintf(cmd.ErrOrStderr(), "exported %s to %s (%s, %s and one .kraiter.hcl file each); terraform init and plan there import them\n",
			prose.Count(summary.Sequences, "sequence"), o.dir, exportconfig.ConfigFile, exportconfig.VersionsFile)
	}
	return nil
}

// Retry budget of the first call: enough to ride out one hiccup, small enough that an
// address that does not answer fails in seconds, not after the default two minutes.
const (
	verifyRetries        = 1
	verifyRequestTimeout = 10 * time.Second
	verifyRetryMaxTotal  = 5 * time.Second
)

// verify proves the address and the key with one request before the listing begins.
func verify(ctx context.Context, cfg client.Config) error {
	cfg.MaxRetries = verifyRetries
	cfg.RequestTimeout = verifyRequestTimeout
	cfg.RetryMaxTotal = verifyRetryMaxTotal
	probe, err := client.New(cfg)
	if err != nil {
		return err
	}
	return probe.Verify(ctx)
}

// readSequences adds every sequence of the status (any when "") to the export.
func readSequences(ctx context.Context, api *client.Client, status string, export *exportconfig.Export, progress *progress) error {
	for seq, err := range api.Sequences.List(ctx, client.ListOptions{Status: status, Limit: client.MaxPageSize}) {
		if err != nil {
			return err // it says "list sequences: ..."
		}
		if err := export.Add(seq); err != nil {
			return err
		}
		progress.show("read %s…", prose.Count(export.Len(), "sequence"))
	}
	return nil
}
