package floor

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// minResource is floor_min: three required strings and nothing else.
type minResource struct{}

func (r *minResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_min"
}

func (r *minResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":         schema.StringAttribute{Required: true},
		"name":       schema.StringAttribute{Required: true},
		"definition": schema.StringAttribute{Required: true},
	}}
}

func (r *minResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *minResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *minResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = req.Plan.Raw
}

func (r *minResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
