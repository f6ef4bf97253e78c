// Package floor is a provider that does no more than terraform-plugin-framework needs: the
// floor the plan benchmark measures kraiter_sequence against. Its resources make no calls and
// keep no logic: Read hands back the prior state (the framework's default), Create and
// Update store the plan with the computed attributes filled, Delete forgets.
//
//   - floor_min: three required strings, the least a resource can be;
//   - floor_sequence: kraiter_sequence's schema attribute for attribute (validators and plan
//     modifiers included, descriptions left out), with the definition a plain string;
//   - floor_sequence_no_timeouts, floor_sequence_no_triggers, floor_sequence_no_timestamps:
//     floor_sequence without one part, to tell what each part of the schema costs.
package floor

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ provider.Provider = (*floorProvider)(nil)

type floorProvider struct{}

// New returns the provider factory.
func New() provider.Provider { return &floorProvider{} }

func (p *floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "floor"
}

func (p *floorProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (p *floorProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		func() resource.Resource { return &minResource{} },
		func() resource.Resource { return &sequenceResource{parts: allParts} },
		func() resource.Resource { return &sequenceResource{parts: allParts &^ partTimeouts} },
		func() resource.Resource { return &sequenceResource{parts: allParts &^ partTriggers} },
		func() resource.Resource { return &sequenceResource{parts: allParts &^ partTimestamps} },
	}
}

func (p *floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
