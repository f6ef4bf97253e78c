package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

const defaultTimeout = 5 * time.Minute

var (
	_ resource.Resource                   = (*sequenceResource)(nil)
	_ resource.ResourceWithConfigure      = (*sequenceResource)(nil)
	_ resource.ResourceWithImportState    = (*sequenceResource)(nil)
	_ resource.ResourceWithValidateConfig = (*sequenceResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*sequenceResource)(nil)
)

// noNUL refuses the NUL character, which the API refuses in every string.
var noNUL = regexp.MustCompile(`^[^\x00]*$`)

func newSequenceResource() resource.Resource { return &sequenceResource{} }

// sequenceResource reaches the API through data.client, once apiClient has said there is one.
type sequenceResource struct {
	data *providerData
}

type sequenceModel struct {
	ID                 types.String    `tfsdk:"id"`
	Name               types.String    `tfsdk:"name"`
	Definition         definitionValue `tfsdk:"definition"`
	Triggers           types.Set       `tfsdk:"triggers"`
	DeletionProtection types.Bool      `tfsdk:"deletion_protection"`
	Status             types.String    `tfsdk:"status"`
	CreatedAt          types.String    `tfsdk:"created_at"`
	UpdatedAt          types.String    `tfsdk:"updated_at"`
	Timeouts           timeouts.Value  `tfsdk:"timeouts"`
}

func (r *sequenceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sequence"
}

func (r *sequenceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		// Version 1 added deletion_protection.
		Version: 1,
		MarkdownDescription: "A Kraiter email sequence: the steps (emails, delays and conditions) that contacts move through, and the triggers that enrol them.\n\n" +
			"The `definition` is the sequence's JSON definition. Write it with `jsonencode(...)`, as JSON text, or in the sequence DSL compiled by the `kraiter_sequence_definition` data source or the `provider::kraiter::compile_sequence` function. " +
			"Two definitions that mean the same (whitespace, key order, omitted defaults such as an email's `\"delay\": \"0d\"`) never show as a change.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Unique id of the sequence, such as `seq_onboarding`: 1 to 64 letters, digits, `_` or `-`. Changing it replaces the sequence.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{idValidator("seq_onboarding")},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Human-readable name, 1 to %d characters.", client.MaxNameLength),
				Required:            true,
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, client.MaxNameLength),
					stringvalidator.RegexMatches(noNUL, "must not contain the NUL character"),
				},
			},
			"definition": schema.StringAttribute{
				MarkdownDescription: "The sequence's steps as a JSON document `{\"steps\": [...]}` (see the DSL guide for the format). Checked at plan time; every problem is reported with its path, such as `steps[2].templateId`.",
				Required:            true,
				CustomType:          definitionType{},
			},
			"triggers": schema.SetNestedAttribute{
				MarkdownDescription: fmt.Sprintf("Triggers that enrol contacts automatically, at most %d. Removing them all clears them in Kraiter.", client.MaxTriggers),
				Optional:            true,
				Validators:          []validator.Set{setvalidator.SizeAtMost(client.MaxTriggers)},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"type": schema.StringAttribute{
							MarkdownDescription: "`event` (enrol a contact when it performs `event_name`) or `segment` (enrol a contact when it enters `segment_id`).",
							Required:            true,
							Validators:          []validator.String{stringvalidator.OneOf(client.TriggerTypes...)},
						},
						"event_name": schema.StringAttribute{
							MarkdownDescription: "The event that enrols a contact, such as `signed_up`: 1 to 200 letters, digits, `_`, `-`, `.` or `:`, starting with a letter or digit. Required for `type = \"event\"`.",
							Optional:            true,
							Validators: []validator.String{stringvalidator.RegexMatches(client.EventNamePattern,
								"must be 1 to 200 letters, digits, \"_\", \"-\", \".\" or \":\", starting with a letter or digit, such as \"signed_up\"")},
						},
						"segment_id": schema.StringAttribute{
							MarkdownDescription: "The segment whose new members are enrolled, such as `seg_trial`: 1 to 64 letters, digits, `_` or `-`. Required for `type = \"segment\"`.",
							Optional:            true,
							Validators:          []validator.String{idValidator("seg_trial")},
						},
					},
				},
			},
			"deletion_protection": schema.BoolAttribute{
				MarkdownDescription: "While `true`, Terraform refuses to delete this sequence or to replace it (a change of `id`): " +
					"the plan fails with an error naming this attribute, and the sequence stays, with the contacts in it. " +
					"To delete a protected sequence, set it to `false` and apply first. Defaults to `false`. " +
					"It is Terraform's setting only; Kraiter does not store it.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`active`, `paused` or `draft`. Read-only: a created sequence is active; pausing happens in Kraiter's app.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "When the sequence was created (RFC 3339).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"updated_at": schema.StringAttribute{
				MarkdownDescription: "When the sequence last changed (RFC 3339).",
				Computed:            true,
			},
			"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true}),
		},
	}
}

func (r *sequenceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// believeNotFound reports whether a NOT_FOUND answer about sequence id may be acted on: only
// once the provider has proof that it is talking to Kraiter's sequences API. Otherwise it adds
// an error that says what to check.
func (r *sequenceResource) believeNotFound(ctx context.Context, id string, diags *diag.Diagnostics) bool {
	if err := r.data.proof.confirm(ctx, r.data.client); err != nil {
		diags.AddError("Cannot confirm that the sequence is gone", notFoundUnconfirmed(id, r.data.client.BaseURL(), err))
		return false
	}
	return true
}

// ValidateConfig checks the definition, and that each trigger carries the field its type
// needs, and only that. The configuration is read raw: this runs for every resource of
// every plan, where converting it into models costs more than the checks.
func (r *sequenceResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	config, err := rawAttributes(req.Config.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the configuration", err.Error())
		return
	}
	if def := config["definition"]; def.IsKnown() && !def.IsNull() {
		validateDefinition(rawString(def), &resp.Diagnostics)
	}
	triggers := config["triggers"]
	if !triggers.IsKnown() || triggers.IsNull() {
		return
	}
	var elems []tftypes.Value
	if err := triggers.As(&elems); err != nil {
		resp.Diagnostics.AddError("Could not read the triggers", err.Error())
		return
	}
	for _, elem := range elems {
		attrs, err := rawAttributes(elem)
		if err != nil || !elem.IsKnown() || !attrs["type"].IsKnown() {
			continue
		}
		// The element's path is built only for an error: it needs the framework's value.
		fail := func(summary, detail string) {
			value, err := types.ObjectType{AttrTypes: triggerAttrTypes}.ValueFromTerraform(ctx, elem)
			if err != nil {
				resp.Diagnostics.AddAttributeError(path.Root("triggers"), summary, detail)
				return
			}
			resp.Diagnostics.AddAttributeError(path.Root("triggers").AtSetValue(value), summary, detail)
		}
		event, segment := attrs["event_name"], attrs["segment_id"]
		switch rawString(attrs["type"]) {
		case client.TriggerEvent:
			if event.IsNull() {
				fail("Missing event_name", `A trigger of type "event" needs event_name, such as event_name = "signed_up".`)
			}
			if !segment.IsNull() {
				fail("Unexpected segment_id", `A trigger of type "event" takes no segment_id; remove it, or use type = "segment".`)
			}
		case client.TriggerSegment:
			if segment.IsNull() {
				fail("Missing segment_id", `A trigger of type "segment" needs segment_id, such as segment_id = "seg_trial".`)
			}
			if !event.IsNull() {
				fail("Unexpected event_name", `A trigger of type "segment" takes no event_name; remove it, or use type = "event".`)
			}
		}
	}
}

// ModifyPlan keeps updated_at when nothing the API stores will change, plans the prior
// definition text when the configured one means the same, refuses to delete or replace a
// protected sequence, and, when the provider can call the API, warns of what a change does
// to the live account and checks the templates a changed definition sends (plan_checks.go).
func (r *sequenceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	// The raw values are compared: reading whole models on every plan costs more than the
	// rest of this resource's planning.
	plan, err := rawAttributes(req.Plan.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the plan", err.Error())
		return
	}
	state, err := rawAttributes(req.State.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the state", err.Error())
		return
	}
	switch planned, stored := !req.Plan.Raw.IsNull(), !req.State.Raw.IsNull(); {
	case !planned && !stored:
		return
	case !planned:
		r.planDelete(ctx, state, "delete", &resp.Diagnostics)
		return
	case !stored:
		r.planCreate(ctx, plan, &resp.Diagnostics)
		return
	case !plan["id"].Equal(state["id"]):
		// A new id replaces the sequence (the framework gives ModifyPlan none of the
		// attributes' RequiresReplace).
		r.planDelete(ctx, state, "replace", &resp.Diagnostics)
		r.planCreate(ctx, plan, &resp.Diagnostics)
		return
	}
	if !plan["definition"].Equal(state["definition"]) {
		// A configured definition that means the same as the prior one plans the prior text
		// (Terraform accepts a prior value in place of an equivalent configured one), so the
		// plan shows no change, also right after an import, when the state holds the API's
		// text and the configuration another spelling of it.
		if rawString(plan["definition"]) != "" && sameDefinition(rawString(state["definition"]), rawString(plan["definition"])) {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("definition"), newDefinitionValue(rawString(state["definition"])))...)
			plan["definition"] = state["definition"]
		} else {
			r.checkTemplates(ctx, plan, &resp.Diagnostics)
		}
	}
	if plan["updated_at"].IsKnown() {
		return
	}
	for _, name := range []string{"name", "definition", "triggers"} {
		if !plan[name].Equal(state[name]) {
			return
		}
	}
	var updatedAt types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("updated_at"), &updatedAt)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("updated_at"), updatedAt)...)
}

// planDelete refuses to delete (or replace) a protected sequence, and warns how many
// contacts the delete cancels. verb is "delete" or "replace".
func (r *sequenceResource) planDelete(ctx context.Context, state map[string]tftypes.Value, verb string, diags *diag.Diagnostics) {
	id := rawString(state["id"])
	if rawTrue(state["deletion_protection"]) {
		diags.AddAttributeError(path.Root("deletion_protection"), "Sequence is protected from deletion", protectedDetail(id, verb))
		return
	}
	c := r.liveClient()
	if c == nil || id == "" {
		return
	}
	renamed := r.data.checks.plannedDelete(id)
	warnDelete(ctx, c, id, verb, renamed, diags)
}

// planCreate warns when the id to create is taken, and checks the definition's templates.
func (r *sequenceResource) planCreate(ctx context.Context, plan map[string]tftypes.Value, diags *diag.Diagnostics) {
	c := r.liveClient()
	if c == nil {
		return
	}
	if id := rawString(plan["id"]); id != "" {
		renamed := r.data.checks.plannedCreate(id)
		warnExistingID(ctx, c, id, renamed, diags)
	}
	r.checkTemplates(ctx, plan, diags)
}

// checkTemplates checks the templates of the planned definition, when it can call the API.
func (r *sequenceResource) checkTemplates(ctx context.Context, plan map[string]tftypes.Value, diags *diag.Diagnostics) {
	if c, text := r.liveClient(), rawString(plan["definition"]); c != nil && text != "" {
		r.data.checks.checkTemplates(ctx, c, text, diags)
	}
}

// liveClient is the API client when the provider has one (an API key), else nil: the plan's
// checks of the live account are skipped quietly without it.
func (r *sequenceResource) liveClient() *client.Client {
	if r.data == nil {
		return nil
	}
	return r.data.client
}

// protectedDetail explains why the provider refuses to delete or replace (verb) sequence id.
func protectedDetail(id, verb string) string {
	return fmt.Sprintf("Sequence %q has deletion_protection = true, so Terraform refuses to %s it: "+
		"nothing is changed, and the sequence and the contacts partway through it stay as they are.\n\n"+
		"To %s it on purpose, first set deletion_protection = false and apply that, then make this change.", id, verb, verb)
}

func (r *sequenceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan sequenceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || r.data.apiClient(&resp.Diagnostics) == nil {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	triggers, diags := triggersFromSet(ctx, plan.Triggers)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ID.ValueString()
	in := client.CreateSequenceInput{
		ID:         id,
		Name:       plan.Name.ValueString(),
		Definition: plan.Definition.ValueString(),
		Triggers:   triggers,
	}
	r.data.reads.wrote(id)
	seq, err := r.data.client.Sequences.Create(ctx, in)
	switch {
	case errors.Is(err, client.ErrOutcomeUnknown):
		var keep bool
		if seq, keep = r.settleCreate(ctx, in, err, &resp.Diagnostics); !keep {
			return
		}
		if seq == nil {
			// The sequence may exist: keep it as planned, tainted by the error, so that the
			// next apply settles it rather than forget it.
			plan.Status, plan.CreatedAt, plan.UpdatedAt = types.StringNull(), types.StringNull(), types.StringNull()
			resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
			return
		}
	case errors.Is(err, client.ErrConflict):
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Sequence already exists", conflictDetail(id))
		return
	case err != nil:
		addAPIError(&resp.Diagnostics, "create", id, err)
		return
	}
	tflog.Info(ctx, "created Kraiter sequence", map[string]any{"id": id})
	resp.Diagnostics.Append(plan.fromAPI(ctx, seq)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *sequenceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// The prior state is read raw: most reads find the sequence as the state holds it, and
	// then the state is left as it is, without converting the whole model there and back.
	prior, err := rawAttributes(req.State.Raw)
	if err != nil {
		resp.Diagnostics.AddError("Could not read the state", err.Error())
		return
	}
	var id string
	if err := prior["id"].As(&id); err != nil {
		resp.Diagnostics.AddError("Could not read the state", err.Error())
		return
	}
	timeout := defaultTimeout
	if !prior["timeouts"].IsNull() {
		var configured timeouts.Value
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("timeouts"), &configured)...)
		var diags diag.Diagnostics
		timeout, diags = configured.Read(ctx, defaultTimeout)
		resp.Diagnostics.Append(diags...)
	}
	if resp.Diagnostics.HasError() || r.data.apiClient(&resp.Diagnostics) == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	seq, err := r.data.reads.get(ctx, id)
	if errors.Is(err, client.ErrNotFound) {
		if !r.believeNotFound(ctx, id, &resp.Diagnostics) {
			return
		}
		// Deleted outside Terraform: forget it, so that the next plan creates it again.
		tflog.Warn(ctx, "Kraiter sequence no longer exists; removing it from state", map[string]any{"id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "read", id, err)
		return
	}
	if unchangedSince(prior, seq) {
		return
	}
	var state sequenceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(state.fromAPI(ctx, seq)...)
	if state.DeletionProtection.IsNull() {
		// An import knows only the id: a sequence comes in unprotected, as the default says.
		state.DeletionProtection = types.BoolValue(false)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *sequenceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state sequenceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || r.data.apiClient(&resp.Diagnostics) == nil {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := plan.ID.ValueString()
	if plan.Name.Equal(state.Name) && plan.Definition.Equal(state.Definition) && plan.Triggers.Equal(state.Triggers) {
		// Only Terraform's own settings changed (deletion_protection, timeouts).
		plan.Status, plan.CreatedAt, plan.UpdatedAt = state.Status, state.CreatedAt, state.UpdatedAt
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}
	triggers, diags := triggersFromSet(ctx, plan.Triggers)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if triggers == nil {
		triggers = []client.Trigger{}
	}
	// Every managed field is sent, not only those the plan changes: the configuration wins
	// over an edit made in Kraiter's app that this plan did not see (-refresh=false), and
	// the result is what was planned.
	in := client.UpdateSequenceInput{Name: plan.Name.ValueStringPointer(), Definition: plan.Definition.ValueStringPointer(), Triggers: &triggers}
	r.data.reads.wrote(id)
	seq, err := r.data.client.Sequences.Update(ctx, id, in)
	switch {
	case errors.Is(err, client.ErrOutcomeUnknown):
		if seq = r.settleUpdate(ctx, id, err, &resp.Diagnostics); seq == nil {
			return
		}
		if len(differences(seq, *in.Name, *in.Definition, *in.Triggers)) != 0 {
			resp.Diagnostics.AddError("Sequence not updated", fmt.Sprintf(
				"The update of sequence %q did not get a clear answer (%v), and read afterwards, the sequence is not as planned. "+
					"The state now holds it as Kraiter does; run apply again.", id, err))
			resp.Diagnostics.Append(state.fromAPI(ctx, seq)...)
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			return
		}
		resp.Diagnostics.AddWarning("Sequence updated, though its answer was lost", fmt.Sprintf(
			"The update of sequence %q did not get a clear answer (%v). Read afterwards, it is as planned.", id, err))
	case err != nil:
		addAPIError(&resp.Diagnostics, "update", id, err)
		return
	}
	resp.Diagnostics.Append(plan.fromAPI(ctx, seq)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *sequenceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state sequenceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || r.data.apiClient(&resp.Diagnostics) == nil {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id := state.ID.ValueString()
	if state.DeletionProtection.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("deletion_protection"), "Sequence is protected from deletion", protectedDetail(id, "delete"))
		return
	}
	r.data.reads.wrote(id)
	err := r.data.client.Sequences.Delete(ctx, id)
	switch {
	case errors.Is(err, client.ErrNotFound):
		// Already gone, once the answer is known to come from Kraiter's API: also after an
		// attempt whose answer was lost.
		r.believeNotFound(ctx, id, &resp.Diagnostics)
	case errors.Is(err, client.ErrOutcomeUnknown):
		r.settleDelete(ctx, id, err, &resp.Diagnostics)
	case err != nil:
		addAPIError(&resp.Diagnostics, "delete", id, err)
	}
}

func (r *sequenceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !client.IDPattern.MatchString(req.ID) {
		resp.Diagnostics.AddError("Invalid import id",
			fmt.Sprintf("%q is not a sequence id; import by the sequence's id, such as seq_onboarding (1 to 64 letters, digits, underscores or hyphens).", req.ID))
		return
	}
	resource.ImportStatePassthroughID(ctx, path.Root("id"), req, resp)
}

// fromAPI copies what the API returned into the model. Empty triggers stay as the model had
// them (null or an empty set), since the API does not tell the two apart.
func (m *sequenceModel) fromAPI(ctx context.Context, seq *client.Sequence) diag.Diagnostics {
	m.ID = types.StringValue(seq.ID)
	m.Name = types.StringValue(seq.Name)
	m.Definition = newDefinitionValue(seq.Definition)
	m.Status = types.StringValue(seq.Status)
	m.CreatedAt = types.StringValue(apiTimeString(seq.CreatedAt))
	m.UpdatedAt = types.StringValue(apiTimeString(seq.UpdatedAt))
	if len(seq.Triggers) == 0 && !m.Triggers.IsNull() && !m.Triggers.IsUnknown() && len(m.Triggers.Elements()) == 0 {
		return nil
	}
	set, diags := triggersToSet(ctx, seq.Triggers)
	m.Triggers = set
	return diags
}
