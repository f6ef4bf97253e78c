package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/kraiter/terraform-provider-kraiter/definition"
)

var _ datasource.DataSourceWithValidateConfig = (*sequenceDefinitionDataSource)(nil)

// sequenceDefinitionDataSource compiles sequence DSL to definition JSON, offline:
// kraiter_sequence_definition.
type sequenceDefinitionDataSource struct{}

type sequenceDefinitionDataSourceModel struct {
	Source   types.String `tfsdk:"source"`
	Filename types.String `tfsdk:"filename"`
	Vars     types.Map    `tfsdk:"vars"`
	JSON     types.String `tfsdk:"json"`
}

func newSequenceDefinitionDataSource() datasource.DataSource { return &sequenceDefinitionDataSource{} }

func (d *sequenceDefinitionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sequence_definition"
}

func (d *sequenceDefinitionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Compiles a sequence written in the Kraiter sequence DSL (an HCL file of `email`, `delay` and " +
			"`condition` blocks, usually `*.kraiter.hcl`) to the JSON definition that `kraiter_sequence` takes. " +
			"It calls no API: DSL errors show at plan time, each with its file, line and column.",
		Attributes: map[string]schema.Attribute{
			"source": schema.StringAttribute{
				MarkdownDescription: "The DSL text, usually read with `file(\"onboarding.kraiter.hcl\")`.",
				Required:            true,
			},
			"filename": schema.StringAttribute{
				MarkdownDescription: "The file name that error messages give for the source. Defaults to `" + defaultDSLFilename + "`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"vars": schema.MapAttribute{
				MarkdownDescription: "Values of the `var.NAME` references in the source.",
				ElementType:         types.StringType,
				Optional:            true,
			},
			"json": schema.StringAttribute{
				MarkdownDescription: "The compiled definition, as canonical JSON (no spaces, keys in a fixed order, defaults filled in), ready for `kraiter_sequence`'s `definition`.",
				Computed:            true,
			},
		},
	}
}

// ValidateConfig compiles the source as soon as it and the vars are known, so that DSL errors
// show at validate and plan time. Warnings are left to Read, so that they show once.
func (d *sequenceDefinitionDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var cfg sequenceDefinitionDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var found diag.Diagnostics
	compileDefinitionConfig(ctx, cfg, &found)
	resp.Diagnostics.Append(found.Errors()...)
}

func (d *sequenceDefinitionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state sequenceDefinitionDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state.Filename.IsNull() {
		state.Filename = types.StringValue(defaultDSLFilename)
	}
	state.JSON, _ = compileDefinitionConfig(ctx, state, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// compileDefinitionConfig compiles the configured source to its JSON and the definition. The
// JSON is unknown while the source, file name or vars are, and null after an error, which is
// in diags; the definition is nil unless the source compiled.
func compileDefinitionConfig(ctx context.Context, cfg sequenceDefinitionDataSourceModel, diags *diag.Diagnostics) (types.String, *definition.Definition) {
	if cfg.Source.IsUnknown() || cfg.Filename.IsUnknown() {
		return types.StringUnknown(), nil
	}
	vars, known, problem := dslVars(ctx, cfg.Vars)
	if problem != "" {
		diags.AddAttributeError(path.Root("vars"), "Invalid sequence DSL variable", problem)
		return types.StringNull(), nil
	}
	if !known {
		return types.StringUnknown(), nil
	}
	filename := cfg.Filename.ValueString()
	if cfg.Filename.IsNull() {
		filename = defaultDSLFilename
	}
	res, dslDiags := compileDSL(cfg.Source.ValueString(), filename, vars)
	addDSLDiagnostics(diags, path.Root("source"), filename, dslDiags)
	if res == nil {
		return types.StringNull(), nil
	}
	return types.StringValue(string(res.JSON)), res.Definition
}
