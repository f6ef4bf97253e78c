package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var _ resource.ResourceWithUpgradeState = (*sequenceResource)(nil)

// UpgradeState brings a state written before deletion_protection (schema version 0) up to
// date: the sequence is unprotected, as the default says, and the plan shows no change.
func (r *sequenceResource) UpgradeState(ctx context.Context) map[int64]resource.StateUpgrader {
	var current resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &current)
	v0 := current.Schema
	v0.Version = 0
	v0.Attributes = map[string]schema.Attribute{}
	for name, attr := range current.Schema.Attributes {
		if name != "deletion_protection" {
			v0.Attributes[name] = attr
		}
	}
	return map[int64]resource.StateUpgrader{
		0: {
			PriorSchema: &v0,
			StateUpgrader: func(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
				attrs, err := rawAttributes(req.State.Raw)
				if err != nil {
					resp.Diagnostics.AddError("Could not upgrade the state", err.Error())
					return
				}
				attrs["deletion_protection"] = tftypes.NewValue(tftypes.Bool, false)
				resp.State.Raw = tftypes.NewValue(resp.State.Schema.Type().TerraformType(ctx), attrs)
			},
		},
	}
}
