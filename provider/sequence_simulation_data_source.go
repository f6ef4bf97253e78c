package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kraiter/terraform-provider-kraiter/definition"
)

var (
	_ datasource.DataSourceWithConfigValidators = (*sequenceSimulationDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig   = (*sequenceSimulationDataSource)(nil)
)

// sequenceSimulationDataSource runs one kind of contact through a sequence offline, at plan
// time, with the interpreter the local server runs: kraiter_sequence_simulation. It calls no
// API, so a check block or a test assertion on it judges a change before it is applied.
type sequenceSimulationDataSource struct{}

type sequenceSimulationModel struct {
	Definition    types.String         `tfsdk:"definition"`
	Source        types.String         `tfsdk:"source"`
	Filename      types.String         `tfsdk:"filename"`
	Vars          types.Map            `tfsdk:"vars"`
	Attributes    types.Dynamic        `tfsdk:"attributes"`
	Subscribed    types.Bool           `tfsdk:"subscribed"`
	Events        []eventModel         `tfsdk:"events"`
	Until         types.String         `tfsdk:"until"`
	Sends         []sendModel          `tfsdk:"sends"`
	SentTemplates []string             `tfsdk:"sent_templates"`
	Completed     types.Bool           `tfsdk:"completed"`
	Steps         []simulatedStepModel `tfsdk:"steps"`
}

type eventModel struct {
	Name   types.String `tfsdk:"name"`
	After  types.String `tfsdk:"after"`
	Before types.String `tfsdk:"before"`
}

type sendModel struct {
	TemplateID   types.String `tfsdk:"template_id"`
	After        types.String `tfsdk:"after"`
	AfterMinutes types.Int64  `tfsdk:"after_minutes"`
	Path         types.String `tfsdk:"path"`
}

// simulatedStepModel is a step passed, with when it was reached.
type simulatedStepModel struct {
	stepVisitModel
	After        types.String `tfsdk:"after"`
	AfterMinutes types.Int64  `tfsdk:"after_minutes"`
}

func newSequenceSimulationDataSource() datasource.DataSource { return &sequenceSimulationDataSource{} }

func (d *sequenceSimulationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sequence_simulation"
}

func (d *sequenceSimulationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	offset := "A time after the enrolment: whole numbers with the units `w`, `d`, `h` or `m`, largest first, such as `\"30m\"`, `\"3d\"` or `\"2d12h\"`."
	resp.Schema = schema.Schema{
		MarkdownDescription: "Runs one contact through a sequence offline, at plan time, and tells what it would be sent and when. " +
			"It calls no API and needs no API key: give it the definition (or its DSL source), the contact's attributes and the events it " +
			"performs, and judge the result in a `check` block, a `postcondition` or a `terraform test` / `tofu test` assertion, so that a " +
			"pull request that changes what contacts receive shows it before anything is applied. Conditions are evaluated as the local " +
			"Kraiter server evaluates them (see the DSL reference for how rules treat missing attributes, `within` and `contains`).",
		Attributes: map[string]schema.Attribute{
			"definition": schema.StringAttribute{
				MarkdownDescription: "The sequence's JSON definition: the same expression the `kraiter_sequence` takes, such as `data.kraiter_sequence_definition.x.json` or `jsonencode({...})`. (Reading `kraiter_sequence.x.definition` instead makes Terraform wait for the apply whenever that sequence changes, which is when a simulation matters.) Exactly one of `definition` and `source`.",
				Optional:            true,
			},
			"source": schema.StringAttribute{
				MarkdownDescription: "The sequence in the DSL, usually `file(\"onboarding.kraiter.hcl\")`. Exactly one of `definition` and `source`.",
				Optional:            true,
			},
			"filename": schema.StringAttribute{
				MarkdownDescription: "The file name that DSL errors give for `source`. Defaults to `" + defaultDSLFilename + "`.",
				Optional:            true,
			},
			"vars": schema.MapAttribute{
				MarkdownDescription: "Values of the `var.NAME` references in `source`.",
				ElementType:         types.StringType,
				Optional:            true,
			},
			"attributes": schema.DynamicAttribute{
				MarkdownDescription: "The contact's attributes, as an object: `{ plan = \"pro\", seats = 12 }`. Numbers stay numbers, so `contact.seats >= 5` compares them as numbers. Leave an attribute out to see how rules treat a contact without it.",
				Optional:            true,
			},
			"subscribed": schema.BoolAttribute{
				MarkdownDescription: "Whether the contact accepts email. Defaults to `true`; an unsubscribed contact passes the same steps and is sent nothing.",
				Optional:            true,
			},
			"events": schema.ListNestedAttribute{
				MarkdownDescription: "What the contact does, each at a time after (or before) its enrolment. A condition sees only the events performed by the time it is reached.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"name": schema.StringAttribute{MarkdownDescription: "The event's name, such as `purchased`.", Required: true},
						"after": schema.StringAttribute{
							MarkdownDescription: offset + " Exactly one of `after` and `before`.",
							Optional:            true,
							Validators: []validator.String{offsetValidator{},
								stringvalidator.ExactlyOneOf(path.MatchRelative().AtParent().AtName("before"))},
						},
						"before": schema.StringAttribute{
							MarkdownDescription: "A time before the enrolment, written like `after`. Exactly one of `after` and `before`.",
							Optional:            true,
							Validators:          []validator.String{offsetValidator{}},
						},
					},
				},
				Validators: []validator.List{listvalidator.SizeAtMost(1000)},
			},
			"until": schema.StringAttribute{
				MarkdownDescription: "Stop the run at this time after the enrolment. " + offset + " By default the contact runs to the end of the sequence.",
				Optional:            true,
				Validators:          []validator.String{offsetValidator{}},
			},
			"sends": schema.ListNestedAttribute{
				MarkdownDescription: "The emails the contact is sent, in order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"template_id":   schema.StringAttribute{MarkdownDescription: "The template sent.", Computed: true},
					"after":         schema.StringAttribute{MarkdownDescription: "When, after the enrolment, such as `2d1h`.", Computed: true},
					"after_minutes": schema.Int64Attribute{MarkdownDescription: "When, in minutes after the enrolment.", Computed: true},
					"path":          schema.StringAttribute{MarkdownDescription: "The email step, such as `steps[2].then[0]`.", Computed: true},
				}},
			},
			"sent_templates": schema.ListAttribute{
				MarkdownDescription: "The template ids of `sends`, in order: handy in assertions such as `contains(...sent_templates, \"tmpl_pro_tips\")`.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"completed": schema.BoolAttribute{
				MarkdownDescription: "Whether the contact went past the last step (a trailing delay included) by `until`.",
				Computed:            true,
			},
			"steps": schema.ListNestedAttribute{
				MarkdownDescription: "Every step the contact passed, in order, as a dry run reports them.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: simulatedStepAttributes()},
			},
		},
	}
}

func (d *sequenceSimulationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("definition"), path.MatchRoot("source")),
		datasourcevalidator.Conflicting(path.MatchRoot("definition"), path.MatchRoot("vars")),
		datasourcevalidator.Conflicting(path.MatchRoot("definition"), path.MatchRoot("filename")),
	}
}

// ValidateConfig reports a definition or DSL source that does not compile, and attributes
// that are not an object, as soon as they are known.
func (d *sequenceSimulationDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var cfg sequenceSimulationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var found diag.Diagnostics
	simulatedDefinition(ctx, cfg, &found)
	contactAttributes(cfg.Attributes, &found)
	resp.Diagnostics.Append(found.Errors()...)
}

func (d *sequenceSimulationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state sequenceSimulationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	def := simulatedDefinition(ctx, state, &resp.Diagnostics)
	attrs := contactAttributes(state.Attributes, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || def == nil {
		return
	}
	in := definition.SimulationInput{Attributes: attrs, Subscribed: state.Subscribed.IsNull() || state.Subscribed.ValueBool()}
	for _, e := range state.Events {
		ev := definition.SimulationEvent{Name: e.Name.ValueString()}
		if !e.After.IsNull() {
			ev.After, _ = definition.ParseOffset(e.After.ValueString())
		} else {
			before, _ := definition.ParseOffset(e.Before.ValueString())
			ev.After = -before
		}
		in.Events = append(in.Events, ev)
	}
	if !state.Until.IsNull() {
		in.Until, _ = definition.ParseOffset(state.Until.ValueString())
	}
	res := definition.Simulate(def, in)

	state.Sends, state.SentTemplates, state.Steps = []sendModel{}, []string{}, []simulatedStepModel{}
	for _, s := range res.Sends {
		state.Sends = append(state.Sends, sendModel{
			TemplateID: types.StringValue(s.TemplateID), After: types.StringValue(definition.FormatOffset(s.After)),
			AfterMinutes: types.Int64Value(int64(s.After / time.Minute)), Path: types.StringValue(s.Path),
		})
		state.SentTemplates = append(state.SentTemplates, s.TemplateID)
	}
	for _, v := range res.Steps {
		state.Steps = append(state.Steps, simulatedStepModel{
			stepVisitModel: newStepVisit(v.Path, string(v.Type), v.TemplateID, v.Duration, v.Reason, v.WouldSend, v.Matched),
			After:          types.StringValue(definition.FormatOffset(v.After)), AfterMinutes: types.Int64Value(int64(v.After / time.Minute)),
		})
	}
	state.Completed = types.BoolValue(res.Completed)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// simulatedDefinition parses the configured definition, or compiles the configured DSL
// source. It is nil while they are unknown and after an error, which is in diags.
func simulatedDefinition(ctx context.Context, cfg sequenceSimulationModel, diags *diag.Diagnostics) *definition.Definition {
	if !cfg.Definition.IsNull() {
		if cfg.Definition.IsUnknown() {
			return nil
		}
		def, err := definition.ParseString(cfg.Definition.ValueString())
		if err != nil {
			diags.AddAttributeError(path.Root("definition"), "Invalid sequence definition", describeDefinitionError(err))
			return nil
		}
		return def
	}
	_, def := compileDefinitionConfig(ctx, sequenceDefinitionDataSourceModel{Source: cfg.Source, Filename: cfg.Filename, Vars: cfg.Vars}, diags)
	return def
}

// contactAttributes turns the attributes object into decoded JSON values; nil when it is
// null or not yet known.
func contactAttributes(v types.Dynamic, diags *diag.Diagnostics) map[string]any {
	if v.IsNull() || v.IsUnknown() || v.IsUnderlyingValueNull() || v.IsUnderlyingValueUnknown() {
		return nil
	}
	value, known, err := jsonValueOf(v.UnderlyingValue())
	if err != nil {
		diags.AddAttributeError(path.Root("attributes"), "Invalid contact attributes", err.Error())
		return nil
	}
	if !known {
		return nil
	}
	obj, ok := value.(map[string]any)
	if !ok {
		diags.AddAttributeError(path.Root("attributes"), "Invalid contact attributes",
			"attributes must be an object of the contact's attributes, such as { plan = \"pro\", seats = 12 }.")
		return nil
	}
	return obj
}

// simulatedStepAttributes are a step visit's attributes and when it was reached.
func simulatedStepAttributes() map[string]schema.Attribute {
	attrs := stepVisitAttributes()
	attrs["after"] = schema.StringAttribute{MarkdownDescription: "When the step was reached, after the enrolment, such as `2d1h`.", Computed: true}
	attrs["after_minutes"] = schema.Int64Attribute{MarkdownDescription: "The same, in minutes.", Computed: true}
	return attrs
}
