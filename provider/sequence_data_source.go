package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

var _ datasource.DataSourceWithConfigure = (*sequenceDataSource)(nil)

// sequenceDataSource reads one sequence by id: kraiter_sequence.
type sequenceDataSource struct {
	api *providerData
}

func newSequenceDataSource() datasource.DataSource { return &sequenceDataSource{} }

func (d *sequenceDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_sequence"
}

func (d *sequenceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := sequenceDataAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The sequence's id, such as `seq_onboarding`.",
		Required:            true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Kraiter sequence by id: its name, definition, triggers and status. " +
			"Use it for sequences that another configuration or Kraiter's app manages.",
		Attributes: attrs,
	}
}

func (d *sequenceDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.api = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *sequenceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg sequenceDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	api := d.api.apiClient(&resp.Diagnostics)
	if resp.Diagnostics.HasError() || api == nil {
		return
	}
	id := cfg.ID.ValueString()
	seq, err := d.api.reads.get(ctx, id)
	if err != nil {
		addSequenceReadError(&resp.Diagnostics, err, "id", id, "Could not read the sequence")
		return
	}
	state := newSequenceDataModel(seq)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
