package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/kraiter/terraform-provider-kraiter/client"
)

// Triggers as the resource and the data sources show them, and their conversions to and from
// the API's.

type triggerModel struct {
	Type      types.String `tfsdk:"type"`
	EventName types.String `tfsdk:"event_name"`
	SegmentID types.String `tfsdk:"segment_id"`
}

var triggerAttrTypes = map[string]attr.Type{
	"type":       types.StringType,
	"event_name": types.StringType,
	"segment_id": types.StringType,
}

func triggersFromSet(ctx context.Context, set types.Set) ([]client.Trigger, diag.Diagnostics) {
	if set.IsNull() || set.IsUnknown() {
		return nil, nil
	}
	var models []triggerModel
	diags := set.ElementsAs(ctx, &models, false)
	triggers := make([]client.Trigger, 0, len(models))
	for _, m := range models {
		triggers = append(triggers, client.Trigger{Type: m.Type.ValueString(), EventName: m.EventName.ValueString(), SegmentID: m.SegmentID.ValueString()})
	}
	return triggers, diags
}

// triggersToSet turns the API's triggers into the attribute's value; none is null.
func triggersToSet(ctx context.Context, triggers []client.Trigger) (types.Set, diag.Diagnostics) {
	elemType := types.ObjectType{AttrTypes: triggerAttrTypes}
	if len(triggers) == 0 {
		return types.SetNull(elemType), nil
	}
	return types.SetValueFrom(ctx, elemType, newTriggerModels(triggers))
}

// newTriggerModels converts triggers (the kraiter_sequence resource's triggerModel),
// dropping exact repeats: they are a set in Terraform, which refuses duplicate elements.
func newTriggerModels(triggers []client.Trigger) []triggerModel {
	out := make([]triggerModel, 0, len(triggers))
	seen := map[client.Trigger]bool{}
	for _, t := range triggers {
		if seen[t] {
			continue
		}
		seen[t] = true
		out = append(out, triggerModel{
			Type:      types.StringValue(t.Type),
			EventName: optionalString(t.EventName),
			SegmentID: optionalString(t.SegmentID),
		})
	}
	return out
}
