package floor

import (
	"context"
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
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// parts are the parts of kraiter_sequence's schema that a variant may leave out.
type parts uint8

const (
	partTimeouts parts = 1 << iota
	partTriggers
	partTimestamps

	allParts = partTimeouts | partTriggers | partTimestamps
)

// noNUL is kraiter_sequence's check of a name.
var noNUL = regexp.MustCompile(`^[^\x00]*$`)

// sequenceResource is floor_sequence, or one of its variants without some parts.
type sequenceResource struct {
	parts parts
}

func (r *sequenceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sequence"
	for _, v := range []struct {
		part   parts
		suffix string
	}{{partTimeouts, "_no_timeouts"}, {partTriggers, "_no_triggers"}, {partTimestamps, "_no_timestamps"}} {
		if r.parts&v.part == 0 {
			resp.TypeName += v.suffix
		}
	}
}

// Schema is kraiter_sequence's (provider/sequence_resource.go) without descriptions and with
// a plain string definition; keep the two in step.
func (r *sequenceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Required:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:    []validator.String{stringvalidator.RegexMatches(client.IDPattern, "must be an id")},
		},
		"name": schema.StringAttribute{
			Required: true,
			Validators: []validator.String{
				stringvalidator.LengthBetween(1, client.MaxNameLength),
				stringvalidator.RegexMatches(noNUL, "must not contain the NUL character"),
			},
		},
		"definition": schema.StringAttribute{Required: true},
		"deletion_protection": schema.BoolAttribute{
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(false),
		},
		"status": schema.StringAttribute{
			Computed:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
	}
	if r.parts&partTriggers != 0 {
		attrs["triggers"] = schema.SetNestedAttribute{
			Optional:   true,
			Validators: []validator.Set{setvalidator.SizeAtMost(client.MaxTriggers)},
			NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
				"type": schema.StringAttribute{
					Required:   true,
					Validators: []validator.String{stringvalidator.OneOf(client.TriggerTypes...)},
				},
				"event_name": schema.StringAttribute{
					Optional:   true,
					Validators: []validator.String{stringvalidator.RegexMatches(client.EventNamePattern, "must be an event name")},
				},
				"segment_id": schema.StringAttribute{
					Optional:   true,
					Validators: []validator.String{stringvalidator.RegexMatches(client.IDPattern, "must be an id")},
				},
			}},
		}
	}
	if r.parts&partTimestamps != 0 {
		attrs["created_at"] = schema.StringAttribute{
			Computed:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		}
		attrs["updated_at"] = schema.StringAttribute{Computed: true}
	}
	if r.parts&partTimeouts != 0 {
		attrs["timeouts"] = timeouts.Attributes(ctx, timeouts.Opts{Create: true, Read: true, Update: true, Delete: true})
	}
	resp.Schema = schema.Schema{Attributes: attrs}
}

func (r *sequenceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("status"), client.StatusActive)...)
	resp.Diagnostics.Append(r.stamp(ctx, &resp.State, true)...)
}

func (r *sequenceResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *sequenceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
	resp.Diagnostics.Append(r.stamp(ctx, &resp.State, false)...)
}

func (r *sequenceResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// stamp fills the computed timestamps, as the API would: created_at on create only.
func (r *sequenceResource) stamp(ctx context.Context, state *tfsdk.State, created bool) diag.Diagnostics {
	if r.parts&partTimestamps == 0 {
		return nil
	}
	now := time.Now().UTC().Format(time.RFC3339)
	var diags diag.Diagnostics
	if created {
		diags.Append(state.SetAttribute(ctx, path.Root("created_at"), now)...)
	}
	diags.Append(state.SetAttribute(ctx, path.Root("updated_at"), now)...)
	return diags
}
