package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/spf13/cobra"
	"github.com/zclconf/go-cty/cty"

	"github.com/kraiter/terraform-provider-kraiter/client"
	"github.com/kraiter/terraform-provider-kraiter/definition"
	"github.com/kraiter/terraform-provider-kraiter/dsl"
)

const (
	compileWithFunction   = "function"
	compileWithDataSource = "data-source"
	exportConfigFile      = "sequences.tf"
)

type exportOptions struct {
	baseURL, apiKey, status, dir, compile string
	force                                 bool
}

func newExportCmd() *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write existing sequences as DSL files and Terraform configuration to import them",
		Long: `Read every sequence of an account (optionally of one status) and write, into --dir:
  - ID.kraiter.hcl, each sequence's definition as DSL text, and
  - ` + exportConfigFile + `, a kraiter_sequence resource and an import block for each sequence.
Add the files to a configuration that already requires the kraiter/kraiter provider, then run
terraform plan: it imports the sequences and shows no changes.

With --compile function (the default) the resources compile their DSL file with
provider::kraiter::compile_sequence (Terraform >= 1.8, OpenTofu >= 1.7); with
--compile data-source they use the kraiter_sequence_definition data source, for older CLIs.`,
		Example: `  KRAITER_API_KEY=... kraiter export --dir sequences
  kraiter export --base-url http://127.0.0.1:8474 --api-key k --status active --dir sequences`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runExport(cmd, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.baseURL, "base-url", os.Getenv("KRAITER_BASE_URL"), "Kraiter API address (env KRAITER_BASE_URL; default "+client.DefaultBaseURL+")")
	f.StringVar(&o.apiKey, "api-key", "", "Kraiter API key (env KRAITER_API_KEY)")
	f.StringVar(&o.status, "status", "", "export only sequences of this status: draft, active or paused")
	f.StringVar(&o.dir, "dir", "kraiter-export", "folder to write into (created when missing)")
	f.StringVar(&o.compile, "compile", compileWithFunction, "how the configuration compiles the DSL: function or data-source")
	f.BoolVar(&o.force, "force", false, "overwrite files that exist")
	return cmd
}

func runExport(cmd *cobra.Command, o exportOptions) error {
	if o.compile != compileWithFunction && o.compile != compileWithDataSource {
		return fmt.Errorf("--compile %q: use %q or %q", o.compile, compileWithFunction, compileWithDataSource)
	}
	if o.apiKey == "" {
		o.apiKey = os.Getenv("KRAITER_API_KEY")
	}
	if o.apiKey == "" {
		return errors.New("an API key is required: pass --api-key or set KRAITER_API_KEY")
	}
	api, err := client.New(client.Config{BaseURL: o.baseURL, APIKey: o.apiKey, UserAgent: "kraiter-cli/" + version})
	if err != nil {
		return err
	}

	files := map[string][]byte{}
	config := hclwrite.NewEmptyFile()
	var ids []string
	taken := map[string]bool{}
	for seq, err := range api.Sequences.List(cmd.Context(), client.ListOptions{Status: o.status, Limit: client.MaxPageSize}) {
		if err != nil {
			return err
		}
		def, err := definition.ParseString(seq.Definition)
		if err != nil {
			return fmt.Errorf("sequence %q has a definition this tool cannot read: %w", seq.ID, err)
		}
		dslFile := seq.ID + ".kraiter.hcl"
		files[dslFile] = dsl.Decompile(def)
		appendSequenceConfig(config.Body(), seq, uniqueName(resourceName(seq.ID), taken), dslFile, o.compile)
		ids = append(ids, seq.ID)
	}
	if len(ids) == 0 {
		fmt.Fprintln(cmd.ErrOrStderr(), "no sequences to export")
		return nil
	}
	files[exportConfigFile] = hclwrite.Format(config.Bytes())

	if err := writeExport(o.dir, files, o.force); err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "exported %d sequences to %s (%s and one .kraiter.hcl file each); terraform plan imports them\n",
		len(ids), o.dir, exportConfigFile)
	return nil
}

// appendSequenceConfig writes the import block and the resource of one sequence.
func appendSequenceConfig(body *hclwrite.Body, seq client.Sequence, name, dslFile, compile string) {
	if len(body.Blocks()) > 0 {
		body.AppendNewline()
	}
	imp := body.AppendNewBlock("import", nil).Body()
	imp.SetAttributeTraversal("to", hcl.Traversal{hcl.TraverseRoot{Name: "kraiter_sequence"}, hcl.TraverseAttr{Name: name}})
	imp.SetAttributeValue("id", cty.StringVal(seq.ID))
	body.AppendNewline()

	fileCall := fmt.Sprintf(`file("${path.module}/%s")`, dslFile)
	// The third argument names the file in DSL errors.
	definitionExpr := fmt.Sprintf("provider::kraiter::compile_sequence(%s, {}, %s)", fileCall, hclString(dslFile))
	if compile == compileWithDataSource {
		data := body.AppendNewBlock("data", []string{"kraiter_sequence_definition", name}).Body()
		data.SetAttributeValue("filename", cty.StringVal(dslFile))
		data.SetAttributeRaw("source", rawExpression(fileCall))
		body.AppendNewline()
		definitionExpr = "data.kraiter_sequence_definition." + name + ".json"
	}

	res := body.AppendNewBlock("resource", []string{"kraiter_sequence", name}).Body()
	res.SetAttributeValue("id", cty.StringVal(seq.ID))
	res.SetAttributeValue("name", cty.StringVal(seq.Name))
	res.SetAttributeRaw("definition", rawExpression(definitionExpr))
	if len(seq.Triggers) > 0 {
		res.AppendNewline()
		res.SetAttributeRaw("triggers", rawExpression(triggersExpression(seq.Triggers)))
	}
}

// triggersExpression writes triggers the way the documentation does, one object a line:
// [{ type = "event", event_name = "signed_up" }, ...].
func triggersExpression(triggers []client.Trigger) string {
	var b strings.Builder
	b.WriteString("[\n")
	for _, t := range triggers {
		b.WriteString("{ type = " + hclString(t.Type))
		if t.EventName != "" {
			b.WriteString(", event_name = " + hclString(t.EventName))
		}
		if t.SegmentID != "" {
			b.WriteString(", segment_id = " + hclString(t.SegmentID))
		}
		b.WriteString(" },\n")
	}
	b.WriteString("]")
	return b.String()
}

// hclString quotes s as an HCL string literal, escaping template sequences.
func hclString(s string) string {
	return string(hclwrite.TokensForValue(cty.StringVal(s)).Bytes())
}

// rawExpression is an expression written as it is; hclwrite.Format lays it out.
func rawExpression(expr string) hclwrite.Tokens {
	return hclwrite.Tokens{{Type: hclsyntax.TokenIdent, Bytes: []byte(expr)}}
}

// resourceName turns a sequence id (letters, digits, "_" and "-") into a Terraform name,
// which must not start with a digit or "-".
func resourceName(id string) string {
	if id == "" || strings.ContainsAny(id[:1], "0123456789-") {
		return "s_" + id
	}
	return id
}

// uniqueName keeps two ids that map to one name (such as "9lives" and "s_9lives") apart.
func uniqueName(name string, taken map[string]bool) string {
	unique := name
	for n := 2; taken[unique]; n++ {
		unique = fmt.Sprintf("%s_%d", name, n)
	}
	taken[unique] = true
	return unique
}

// writeExport writes every file or none: existing files are refused first, unless force.
func writeExport(dir string, files map[string][]byte, force bool) error {
	if !force {
		var existing []string
		for name := range files {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				existing = append(existing, name)
			}
		}
		if len(existing) > 0 {
			slices.Sort(existing)
			return fmt.Errorf("%s already holds %s; choose another --dir or pass --force to overwrite", dir, strings.Join(existing, ", "))
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	for name, data := range files {
		if !bytes.HasSuffix(data, []byte("\n")) {
			data = append(data, '\n')
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}
